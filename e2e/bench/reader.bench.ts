/**
 * Reader benchmark (issue "document reader"): a 300-page, ~50 MB PDF opened in the reader in Chromium on a
 * landscape-tablet viewport at 4× CPU throttle.
 *
 *   pnpm bench reader                      # 300 pages, 50 MB, 3 runs
 *   BENCH_READER_MB=20 BENCH_RUNS=1 pnpm bench reader
 *
 * - First page drawn: from navigation start and from the moment the PDF's Blob is in hand, beside the same page
 *   drawn by pdf.js alone (client/src/features/reader/harness/baseline-main.ts) in the same run.
 * - JS heap (CDP Performance.getMetrics JSHeapUsedSize) while scrolling page by page through all pages, and after
 *   a forced GC at the start and at the end (does memory grow with pages read?); canvases alive at most.
 */
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../fixtures/browser.js';
import { largePlanPdf } from '../fixtures/pdf-documents.js';
import { buildReaderHarness, startReaderHarness, type ReaderHarness } from '../fixtures/reader-harness.js';
import type { BenchReport } from './lib/report.js';
import { median } from './lib/report.js';

/** What the harness pages record (client/src/features/reader/harness/). */
declare global {
  interface Window {
    readerHarness: { sourceReady: Record<string, number>; firstDraw: Record<string, Record<number, number>> };
    baseline: { sourceReady?: number; firstDraw?: number; error?: string };
  }
}

const runs = Number(process.env.BENCH_RUNS ?? 3);
const pages = Number(process.env.BENCH_READER_PAGES ?? 300);
const megabytes = Number(process.env.BENCH_READER_MB ?? 50);
const throttle = 4;
const MB = 1024 * 1024;

interface Opened {
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
}

async function openThrottled(browser: Browser, url: string): Promise<Opened> {
  const context = await browser.newContext({
    viewport: { width: 1180, height: 820 },
    deviceScaleFactor: 2,
    hasTouch: true,
    locale: 'de-DE',
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await page.goto(url, { waitUntil: 'commit' });
  return { context, page, cdp };
}

interface FirstPage {
  fromNavigation: number;
  fromSource: number;
  /** When the page had the PDF's Blob (its own start-up plus the fetch), from navigation. */
  sourceAt: number;
}

async function readerFirstPage(browser: Browser, harness: ReaderHarness): Promise<FirstPage> {
  const { context, page } = await openThrottled(browser, harness.readerUrl([{ name: 'plan.pdf', title: 'Plan' }]));
  await page.waitForFunction(() => window.readerHarness?.firstDraw['doc-1']?.[1] !== undefined, null, {
    timeout: 120_000,
  });
  const times = await page.evaluate(() => ({
    source: window.readerHarness.sourceReady['doc-1']!,
    draw: window.readerHarness.firstDraw['doc-1']![1]!,
  }));
  await context.close();
  return { fromNavigation: times.draw, fromSource: times.draw - times.source, sourceAt: times.source };
}

async function baselineFirstPage(browser: Browser, harness: ReaderHarness): Promise<FirstPage> {
  const { context, page } = await openThrottled(browser, `${harness.baseUrl}/harness/baseline.html?doc=/docs/plan.pdf`);
  await page.waitForFunction(() => window.baseline?.firstDraw !== undefined || window.baseline?.error, null, {
    timeout: 120_000,
  });
  const times = await page.evaluate(() => window.baseline);
  await context.close();
  if (times.error) throw new Error(`baseline page failed: ${times.error}`);
  return {
    fromNavigation: times.firstDraw!,
    fromSource: times.firstDraw! - times.sourceReady!,
    sourceAt: times.sourceReady!,
  };
}

async function heapUsed(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
}

async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  return heapUsed(cdp);
}

interface ScrollFigures {
  heapStart: number;
  heapMax: number;
  heapEnd: number;
  gcStart: number;
  gcEnd: number;
  canvasesMax: number;
  canvasMegapixelsMax: number;
  seconds: number;
}

/** Scrolls to every page in turn and waits until it is drawn; samples heap and live canvases on the way. */
async function scrollThrough(browser: Browser, harness: ReaderHarness): Promise<ScrollFigures> {
  const { context, page, cdp } = await openThrottled(browser, harness.readerUrl([{ name: 'plan.pdf', title: 'Plan' }]));
  await page.locator('.reader-page[data-page="1"][data-rendered="true"]').waitFor({ timeout: 120_000 });
  const gcStart = await heapAfterGc(cdp);
  const heapStart = await heapUsed(cdp);
  let heapMax = heapStart;
  let canvasesMax = 0;
  let pixelsMax = 0;
  const started = Date.now();
  for (let n = 2; n <= pages; n++) {
    await page.locator('.reader__viewport').evaluate((element, target) => {
      element.scrollTop = element.querySelector<HTMLElement>(`.reader-page[data-page="${target}"]`)!.offsetTop;
    }, n);
    await page.locator(`.reader-page[data-page="${n}"][data-rendered="true"]`).waitFor({ timeout: 60_000 });
    const canvases = await page.evaluate(() => {
      const all = [...document.querySelectorAll<HTMLCanvasElement>('.reader-page canvas')];
      return { count: all.length, pixels: all.reduce((sum, c) => sum + c.width * c.height, 0) };
    });
    canvasesMax = Math.max(canvasesMax, canvases.count);
    pixelsMax = Math.max(pixelsMax, canvases.pixels);
    if (n % 5 === 0 || n === pages) heapMax = Math.max(heapMax, await heapUsed(cdp));
  }
  const heapEnd = await heapUsed(cdp);
  const gcEnd = await heapAfterGc(cdp);
  const seconds = (Date.now() - started) / 1000;
  await context.close();
  return {
    heapStart,
    heapMax,
    heapEnd,
    gcStart,
    gcEnd,
    canvasesMax,
    canvasMegapixelsMax: pixelsMax / 1e6,
    seconds,
  };
}

async function baselineHeap(browser: Browser, harness: ReaderHarness): Promise<number> {
  const { context, page, cdp } = await openThrottled(
    browser,
    `${harness.baseUrl}/harness/baseline.html?doc=/docs/plan.pdf`,
  );
  await page.waitForFunction(() => window.baseline?.firstDraw !== undefined, null, { timeout: 120_000 });
  const heap = await heapAfterGc(cdp);
  await context.close();
  return heap;
}

const ms = (value: number) => `${Math.round(value)} ms`;
const mb = (value: number) => `${(value / MB).toFixed(1)} MB`;

export async function readerBenchmark(report: BenchReport): Promise<void> {
  console.log(`\n# Reader: ${pages}-page, ~${megabytes} MB PDF, ${throttle}x CPU throttle, 1180x820 @2x, ${runs} runs`);
  await buildReaderHarness();
  const generated = Date.now();
  const pdf = await largePlanPdf(pages, megabytes * MB);
  console.log(`  generated ${pdf.byteLength} bytes in ${Date.now() - generated} ms`);
  const harness = await startReaderHarness({ 'plan.pdf': pdf });
  const browser = await launchChromium();
  try {
    const reader: FirstPage[] = [];
    const bare: FirstPage[] = [];
    for (let i = 0; i < runs; i++) {
      reader.push(await readerFirstPage(browser, harness));
      bare.push(await baselineFirstPage(browser, harness));
    }
    const name = `${pages} pages, ${(pdf.byteLength / MB).toFixed(0)} MB`;
    report.add({
      benchmark: 'Reader',
      measure: `first page drawn, from navigation (${name}, 4x CPU)`,
      value: ms(median(reader.map((r) => r.fromNavigation))),
      baseline: `${ms(median(bare.map((r) => r.fromNavigation)))} (pdf.js alone, same page and size)`,
      note: `median of ${runs}; PDF in hand at ${ms(median(reader.map((r) => r.sourceAt)))} (React test page) vs ${ms(median(bare.map((r) => r.sourceAt)))} (bare script)`,
    });
    report.add({
      benchmark: 'Reader',
      measure: 'first page drawn, from PDF Blob in hand',
      value: ms(median(reader.map((r) => r.fromSource))),
      baseline: `${ms(median(bare.map((r) => r.fromSource)))} (pdf.js alone: whole file as data)`,
      note: 'both hand the whole file to pdf.js; the reader loads pdf.js with its own module and starts a worker ahead',
    });

    const scroll = await scrollThrough(browser, harness);
    const bareHeap = await baselineHeap(browser, harness);
    report.add({
      benchmark: 'Reader',
      measure: `JS heap while scrolling through all ${pages} pages (max sampled)`,
      value: mb(scroll.heapMax),
      baseline: `${mb(bareHeap)} (pdf.js alone after drawing page 1, after GC)`,
      note: `at page 1 ${mb(scroll.heapStart)}, at the end ${mb(scroll.heapEnd)}; ${scroll.seconds.toFixed(0)} s`,
    });
    report.add({
      benchmark: 'Reader',
      measure: 'JS heap after forced GC: at page 1 → after the last page',
      value: `${mb(scroll.gcStart)} → ${mb(scroll.gcEnd)}`,
      baseline: 'growth would mean pages read are kept',
      note: scroll.gcEnd - scroll.gcStart < 20 * MB ? 'bounded' : 'GROWS',
    });
    report.add({
      benchmark: 'Reader',
      measure: 'page canvases alive at once (max while scrolling)',
      value: `${scroll.canvasesMax} canvases, ${scroll.canvasMegapixelsMax.toFixed(1)} Mpx`,
      baseline: 'budget: 8 canvases, 33.6 Mpx',
      note: scroll.canvasesMax <= 8 ? 'within budget' : 'OVER BUDGET',
    });
  } finally {
    await browser.close();
    await harness.stop();
  }
}
