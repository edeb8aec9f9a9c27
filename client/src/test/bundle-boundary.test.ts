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
});
