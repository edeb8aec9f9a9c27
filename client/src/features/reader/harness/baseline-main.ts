/**
 * The benchmark's baseline: the first page of a PDF drawn by pdf.js alone, the way its documentation shows
 * (whole file as data, getPage(1), render into a canvas), at the size the reader would draw it: page width fitted
 * to the window, device pixel ratio capped at 2.
 *
 *   /harness/baseline.html?doc=/docs/plan.pdf
 */
import { getDocument, GlobalWorkerOptions } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

declare global {
  interface Window {
    baseline: { sourceReady?: number; firstDraw?: number; error?: string };
  }
}

window.baseline = {};
GlobalWorkerOptions.workerSrc = workerUrl;

async function run() {
  const url = new URLSearchParams(window.location.search).get('doc');
  if (!url) throw new Error('?doc= missing');
  const blob = await (await fetch(url)).blob();
  window.baseline.sourceReady = performance.now();
  const pdf = await getDocument({ data: new Uint8Array(await blob.arrayBuffer()), isEvalSupported: false }).promise;
  const page = await pdf.getPage(1);
  const width = document.documentElement.clientWidth - 24;
  const viewport = page.getViewport({ scale: width / page.getViewport({ scale: 1 }).width });
  const ratio = Math.min(2, window.devicePixelRatio || 1);
  const canvas = document.getElementById('page') as HTMLCanvasElement;
  canvas.width = Math.floor(viewport.width * ratio);
  canvas.height = Math.floor(viewport.height * ratio);
  canvas.style.width = `${Math.floor(viewport.width)}px`;
  await page.render({ canvas, viewport, transform: [ratio, 0, 0, ratio, 0, 0] }).promise;
  window.baseline.firstDraw = performance.now();
}

run().catch((error: unknown) => {
  window.baseline.error = String(error);
});
