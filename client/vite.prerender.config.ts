import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * Builds the server-side first view (src/prerender.tsx) for Node: the server imports dist-ssr/prerender.js when it
 * exists and puts its HTML into index.html (see server/src/http/first-view.ts). React stays external (Node resolves
 * it from client/node_modules); the workspace's shared package is TypeScript source and is bundled in.
 *
 *   pnpm --filter @ratsmappe/client build   → dist/ (browser) and dist-ssr/ (server)
 */
export default defineConfig({
  plugins: [react()],
  ssr: { noExternal: ['@ratsmappe/shared'] },
  // The browser build copies public/; the server needs none of it.
  publicDir: false,
  build: {
    ssr: fileURLToPath(new URL('src/prerender.tsx', import.meta.url)),
    outDir: fileURLToPath(new URL('dist-ssr', import.meta.url)),
    emptyOutDir: true,
    target: 'node20',
    rolldownOptions: { checks: { pluginTimings: false } },
  },
});
