import { describe, expect, it } from 'vitest';

// Vite reads the sources for us; the client's types have no Node APIs.
const sources = import.meta.glob<string>(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

describe('the public bundle', () => {
  it('imports only types from the shared index, which would otherwise pull zod into every page', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(20);
    const offenders = Object.entries(sources)
      .filter(([, text]) => /import\s+(?!type\b)[^;]*from\s+'@ratsmappe\/shared'/.test(text))
      .map(([file]) => file);
    expect(offenders).toEqual([]);
  });

  it('loads pdf.js only on demand, from the reader, so no public page carries it', () => {
    const staticImport = /import\s+(?!type\b)[^;]*from\s+'pdfjs-dist(?:\/[^'?]*)?'/;
    const offenders = Object.entries(sources)
      .filter(([file, text]) => staticImport.test(text) && !file.includes('/reader/harness/'))
      .map(([file]) => file);
    // The worker's URL (a string) is the one static import allowed: it loads nothing by itself.
    expect(offenders).toEqual([]);
    const dynamic = Object.entries(sources).filter(([, text]) => text.includes("import('pdfjs-dist')"));
    expect(dynamic.map(([file]) => file)).toEqual(['../features/reader/pdf-loader.ts']);
  });
});
