import { createServer, type Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../fixtures/browser.js';
import { freePort, startServer, waitUntilIdle } from '../fixtures/server.js';
import type { BenchData } from './lib/bench-data.js';
import type { BenchReport } from './lib/report.js';
import { median } from './lib/report.js';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const lcpBudgetMs = 1000;
const jsBudgetBytes = 150 * 1024;

interface Measurement {
  lcpMs: number;
  scriptBytes: number;
  timeline: Timeline;
}

/** Where the time of a load went, from the page's own Performance entries (ms since navigation start). */
interface Timeline {
  /** index.html fully received. */
  htmlMs: number;
  /** The last script the document itself loads (the entry chunk and its preloads) fully received. */
  scriptsMs: number;
  firstPaintMs: number;
  /** Main-thread tasks over 50 ms before the largest paint: script evaluation, React's render, style and layout. */
  longTasksMs: number;
  /** API requests started before the largest paint: each is a round trip the first view waited for, or competed with. */
  apiRequests: number;
  /** The element of the largest paint, as `tag.class (size px²)`. */
  lcpElement: string;
}

/**
 * One cold load (fresh context: no cache, no service worker) at 4× CPU throttle. LCP comes from the page's own
 * PerformanceObserver; script bytes are what went over the wire (gzip), counted from CDP network events.
 */
async function coldLoad(browser: Browser, url: string, readySelector: string): Promise<Measurement> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: 'de-DE',
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const scripts = new Map<string, number>();
  const scriptRequests = new Set<string>();
  cdp.on('Network.responseReceived', (event) => {
    if (event.type === 'Script') scriptRequests.add(event.requestId);
  });
  cdp.on('Network.loadingFinished', (event) => {
    if (scriptRequests.has(event.requestId)) scripts.set(event.requestId, event.encodedDataLength);
  });
  await page.addInitScript(() => {
    const probe = window as unknown as { __lcp: number; __lcpElement: string; __longTasks: [number, number][] };
    probe.__lcp = 0;
    probe.__lcpElement = '';
    probe.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { element: Element | null; size: number })[]) {
        probe.__lcp = entry.startTime;
        const element = entry.element;
        const name = element ? `${element.tagName.toLowerCase()}.${element.className || '-'}` : '(removed)';
        probe.__lcpElement = `${name} (${entry.size} px²)`;
      }
    }).observe({ type: 'largest-contentful-paint', buffered: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) probe.__longTasks.push([entry.startTime, entry.duration]);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector(readySelector, { state: 'visible', timeout: 30_000 });
  await settle(page);
  const { lcpMs, timeline } = await page.evaluate(() => {
    const probe = window as unknown as { __lcp: number; __lcpElement: string; __longTasks: [number, number][] };
    const lcp = probe.__lcp;
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const documentScripts = resources.filter(
      (r) => r.name.endsWith('.js') && r.startTime < navigation.domContentLoadedEventStart,
    );
    return {
      lcpMs: lcp,
      timeline: {
        htmlMs: navigation.responseEnd,
        scriptsMs: Math.max(0, ...documentScripts.map((r) => r.responseEnd)),
        firstPaintMs: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0,
        longTasksMs: probe.__longTasks
          .filter(([start]) => start < lcp)
          .reduce((sum, [, duration]) => sum + duration, 0),
        apiRequests: resources.filter((r) => new URL(r.name).pathname.startsWith('/api/') && r.startTime < lcp).length,
        lcpElement: probe.__lcpElement,
      },
    };
  });
  await context.close();
  return { lcpMs, timeline, scriptBytes: [...scripts.values()].reduce((a, b) => a + b, 0) };
}

/** LCP is final once the page has been idle for a moment; an input would end it early, so we wait for quiet. */
async function settle(page: Page) {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 300)));
      }),
  );
}

/** Serves one fixed HTML string: the baseline is the same rendered page without any JavaScript. */
async function staticHtmlServer(html: string): Promise<{ url: string; server: Server }> {
  const port = await freePort();
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}/`, server };
}

export async function publicPagesBenchmark(report: BenchReport, data: BenchData): Promise<void> {
  console.log(`\n# Public pages: cold load at 4x CPU throttle, ${runs} runs, median`);
  const server = await startServer({ env: data.serverEnv, keepDataDir: data.keepDataDir, readyTimeoutMs: 240_000 });
  await waitUntilIdle(server.pid);
  const browser = await launchChromium();
  try {
    const bodies = (await (await fetch(`${server.baseUrl}/api/bodies`)).json()) as { data: { slug: string }[] };
    const slug = bodies.data[0]!.slug;
    const pages: [string, string, string][] = [
      ['calendar', `/${slug}/sitzungen`, 'main ol li, main [role="grid"]'],
      ['body start page', `/${slug}`, 'main h1'],
    ];
    for (const [name, path, selector] of pages) {
      const measurements: Measurement[] = [];
      for (let i = 0; i < runs; i++) measurements.push(await coldLoad(browser, `${server.baseUrl}${path}`, selector));

      // Baseline: the page as rendered, scripts removed, served as static HTML with its CSS inlined away.
      const snapshotContext = await browser.newContext({ serviceWorkers: 'block' });
      const snapshotPage = await snapshotContext.newPage();
      await snapshotPage.goto(`${server.baseUrl}${path}`);
      await snapshotPage.waitForSelector(selector, { state: 'visible' });
      const html = await snapshotPage.evaluate(() => {
        document
          .querySelectorAll('script, link[rel="modulepreload"], link[rel="manifest"]')
          .forEach((el) => el.remove());
        return '<!doctype html>' + document.documentElement.outerHTML;
      });
      await snapshotContext.close();
      const bare = await staticHtmlServer(html.replaceAll('href="/', `href="${server.baseUrl}/`));
      const baselineRuns: number[] = [];
      for (let i = 0; i < runs; i++) baselineRuns.push((await coldLoad(browser, bare.url, 'body')).lcpMs);
      bare.server.close();

      const lcp = median(measurements.map((m) => m.lcpMs));
      const js = median(measurements.map((m) => m.scriptBytes));
      report.add({
        benchmark: 'Public pages',
        measure: `${name}: largest contentful paint, cold, 4x CPU`,
        value: `${Math.round(lcp)} ms`,
        baseline: `${Math.round(median(baselineRuns))} ms (same page as static HTML); budget ${lcpBudgetMs} ms`,
        note: lcp <= lcpBudgetMs ? 'within budget' : 'OVER BUDGET',
      });
      const part = (key: Exclude<keyof Timeline, 'lcpElement'>) =>
        Math.round(median(measurements.map((m) => m.timeline[key])));
      report.add({
        benchmark: 'Public pages',
        measure: `${name}: where the time goes (median ms since navigation)`,
        value: `HTML ${part('htmlMs')} · scripts ${part('scriptsMs')} · first paint ${part('firstPaintMs')} · LCP ${Math.round(lcp)}`,
        baseline: `main-thread tasks > 50 ms before LCP: ${part('longTasksMs')} ms`,
        note: `API requests before LCP: ${part('apiRequests')}; largest paint: ${measurements.at(-1)!.timeline.lcpElement}`,
      });
      report.add({
        benchmark: 'Public pages',
        measure: `${name}: JavaScript transferred (gzip)`,
        value: `${(js / 1024).toFixed(1)} KB`,
        baseline: `0 KB (static HTML); budget ${jsBudgetBytes / 1024} KB`,
        note: js <= jsBudgetBytes ? 'within budget' : 'OVER BUDGET',
      });
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}
