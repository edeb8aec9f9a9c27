import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const themeColor = '#0b4f6c';

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      // The app asks before it swaps versions: a councillor may be mid-annotation when a deploy lands.
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'apple-touch-icon-180.png'],
      manifest: {
        id: '/',
        name: 'Ratsmappe',
        short_name: 'Ratsmappe',
        description: 'Sitzungskalender, Tagesordnungen und Vorlagen des Rats – auch offline.',
        lang: 'de',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: themeColor,
        background_color: '#ffffff',
        icons: [
          { src: '/pwa-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/pwa-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/pwa-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
      },
      workbox: {
        // The document reader works offline: pdf.js's worker (.mjs), wasm decoders and standard fonts are precached
        // with the rest. CMaps (.bcmap, only for CJK fonts that are not embedded) are fetched when needed.
        globPatterns: ['**/*.{js,mjs,css,html,svg,png,webmanifest,wasm,pfb,ttf}'],
        navigateFallback: '/index.html',
        // These paths belong to the server; answering them with the app shell would hide real responses.
        navigateFallbackDenylist: [
          /^\/api\//,
          /^\/oparl(\/|$)/,
          /^\/files\//,
          /^\/ical\//,
          /^\/feeds\//,
          /^\/healthz$/,
          /^\/readyz$/,
        ],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
  build: {
    target: 'es2022',
    // pdf.js fetches its data files by URL at run time; inlined as data: URLs the CSP (connect-src 'self') blocks them.
    assetsInlineLimit: (file) => (file.includes('pdfjs-dist') ? false : undefined),
  },
});
