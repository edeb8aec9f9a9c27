// Renders the PNG app icons from public/favicon.svg with the system Chromium, so no image library is needed.
// Run after changing the SVG: node scripts/render-icons.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const publicDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../public');
const svg = readFileSync(path.join(publicDir, 'favicon.svg'), 'utf8');
// Maskable and Apple icons get a full-bleed square: the platform cuts its own shape out of it.
const fullBleed = svg.replace('rx="96" ', '');
const work = mkdtempSync(path.join(tmpdir(), 'ratsmappe-icons-'));

const icons = [
  { file: 'pwa-192.png', size: 192, source: svg },
  { file: 'pwa-512.png', size: 512, source: svg },
  { file: 'pwa-maskable-512.png', size: 512, source: fullBleed },
  { file: 'apple-touch-icon-180.png', size: 180, source: fullBleed },
];

try {
  for (const { file, size, source } of icons) {
    const html = path.join(work, `${size}.html`);
    writeFileSync(
      html,
      `<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${source}`,
    );
    execFileSync('/usr/bin/chromium', [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--hide-scrollbars',
      '--default-background-color=00000000',
      `--window-size=${size},${size}`,
      `--screenshot=${path.join(publicDir, file)}`,
      `file://${html}`,
    ]);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
