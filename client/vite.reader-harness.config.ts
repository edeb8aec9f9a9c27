import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * Builds the reader's test pages (harness/reader.html, harness/baseline.html) for the e2e spec and the reader
 * benchmark. Separate from vite.config.ts so the production build and its service worker never contain them.
 *
 *   pnpm --filter @ratsmappe/client build:reader-harness   → node_modules/.reader-harness/
 */
export default defineConfig({
  plugins: [react()],
  build: {
    target: 'es2022',
    outDir: fileURLToPath(new URL('../node_modules/.reader-harness', import.meta.url)),
    emptyOutDir: true,
    // pdf.js is large by nature; the harness is not served to anyone.
    chunkSizeWarningLimit: 2_000,
    // pdf.js data files are fetched by name at run time; inlined as data: URLs they would break under the CSP.
    assetsInlineLimit: (file) => (file.includes('pdfjs-dist') ? false : undefined),
    rolldownOptions: {
      checks: { pluginTimings: false },
      input: {
        reader: fileURLToPath(new URL('harness/reader.html', import.meta.url)),
        baseline: fileURLToPath(new URL('harness/baseline.html', import.meta.url)),
      },
    },
  },
});
