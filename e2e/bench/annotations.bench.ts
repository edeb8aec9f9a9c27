/**
 * Annotations (issue 6), in the tablet app on an iPad-sized touch context at 4× CPU throttle:
 *
 * - Pen: one long stroke (600 pen moves, paced like a 120 Hz pen) on a document page with the pen tool; frame
 *   times from requestAnimationFrame in the page. Beside it, in the same run, the same stroke on a bare page whose
 *   only script draws the same segments onto an empty canvas of the same size: the limit of the browser.
 * - 1,000 annotations: time from navigation to the first page painted with its annotations, then a page-by-page
 *   scroll through all pages (longest frame, long tasks). Beside it the same document with 0 annotations.
 *
 *   pnpm bench annotations
 *   BENCH_ANNOTATIONS=1000 BENCH_PAGES=20 BENCH_PEN_MOVES=600 BENCH_RUNS=3 pnpm bench annotations
 *
 * Set-up (not measured): the demo seed, then as its office a committee, a meeting in three days, two text PDFs
 * that differ only in their title, and a councillor (person, account with set-up link, membership). The
 * annotations are written through sync push by another device of the councillor and reach the tablet by its
 * first sync, as they would from the councillor's second iPad.
 */
import { randomUUID } from 'node:crypto';
import {
  berlinDate,
  deviceHeader,
  type AnnotationWriteArgs,
  type CreatedAccount,
  type SyncPushResponse,
} from '@ratsmappe/shared';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { apiSignIn, demoPassword, type ApiSession } from '../fixtures/api.js';
import { launchChromium } from '../fixtures/browser.js';
import { startServer, waitUntilIdle } from '../fixtures/server.js';
import { meetingCard, meetingReady, newTabletContext, signInOnTablet } from '../fixtures/tablet.js';
import type { BenchReport } from './lib/report.js';
import { median, percentile } from './lib/report.js';

const annotationCount = Number(process.env.BENCH_ANNOTATIONS ?? 1000);
const pageCount = Number(process.env.BENCH_PAGES ?? 20);
const penMoves = Number(process.env.BENCH_PEN_MOVES ?? 600);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const throttle = 4;
/** A pen reports at 120 Hz or more; the stroke is sent no faster than that. */
const penIntervalMs = 1000 / 120;
const dayMs = 24 * 3600 * 1000;
const committeeName = 'Ausschuss für Anmerkungen';
const meetingName = 'Sitzung mit vielen Anmerkungen';

/** Declared for the page scripts below (they run in the browser). */
declare global {
  interface Window {
    benchFrames?: { frames: number[]; longTasks: number[]; last: number; stop: boolean };
  }
}

async function textPdf(title: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= pageCount; n++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`${title} – Seite ${n}`, { x: 50, y: 790, font, size: 14 });
    for (let line = 0; line < 32; line++) {
      page.drawText(`Absatz ${n}.${line + 1}: Die Verwaltung erläutert die Maßnahme und ihre Folgekosten im Detail.`, {
        x: 50,
        y: 750 - line * 22,
        font,
        size: 10,
      });
    }
  }
  return doc.save();
}

interface Setup {
  councillorEmail: string;
  annotated: { id: string; sha256: string };
  plain: { id: string; sha256: string };
}

async function setUp(base: string, office: ApiSession): Promise<Setup> {
  const bodyId = office.info.officeStaffBodyIds[0]!;
  const committee = await office.json<{ id: string }>('POST', `/api/bodies/${bodyId}/organizations`, {
    kind: 'committee',
    name: committeeName,
  });
  const start = new Date(Date.now() + 3 * dayMs);
  start.setUTCHours(16, 0, 0, 0);
  const meeting = await office.json<{ id: string }>('POST', `/api/bodies/${bodyId}/meetings`, {
    name: meetingName,
    start: start.toISOString(),
    organizationIds: [committee.id],
  });
  const person = await office.json<{ id: string }>('POST', `/api/bodies/${bodyId}/persons`, {
    givenName: 'Annika',
    familyName: 'Randnotiz',
  });
  await office.json('POST', `/api/bodies/${bodyId}/memberships`, {
    personId: person.id,
    organizationId: committee.id,
    startDate: berlinDate(new Date(Date.now() - 30 * dayMs)),
  });
  const email = 'annika.randnotiz@vg-lindenau.example';
  const created = await office.json<CreatedAccount>('POST', '/api/accounts', {
    email,
    displayName: 'Annika Randnotiz',
    personIds: [person.id],
  });
  const token = new URL(created.setupLink.setupUrl).hash.slice('#token='.length);
  const response = await fetch(`${base}/api/account-setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ token, password: demoPassword }),
  });
  if (response.status !== 204) throw new Error(`account set-up answered ${response.status}: ${await response.text()}`);

  const upload = async (title: string) => {
    const view = await office.upload('meetings', meeting.id, { name: `${title}.pdf`, bytes: await textPdf(title) });
    return { id: view.id, sha256: view.current!.sha256 };
  };
  return {
    councillorEmail: email,
    annotated: await upload('Vorlage mit Anmerkungen'),
    plain: await upload('Vorlage ohne Anmerkungen'),
  };
}

/**
 * `count` annotations spread over every page: six highlights, two ink strokes and two notes in ten. Returns how
 * many highlights and notes (DOM elements) each page shows, to know when a page is painted with all of them.
 */
function annotationWrites(file: { id: string; sha256: string }, count: number) {
  const marked = new Map<number, number>();
  const args: AnnotationWriteArgs[] = [];
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    const page = (i % pageCount) + 1;
    const slot = Math.floor(i / pageCount);
    const y = 0.1 + ((slot * 0.017) % 0.8);
    const hlc = `${String(now + i).padStart(13, '0')}-0000-bench`;
    const kind = i % 10 < 6 ? 'highlight' : i % 10 < 8 ? 'ink' : 'note';
    const target =
      kind === 'highlight'
        ? { sha256: file.sha256, page, rects: [[0.08, y, 0.6, 0.015] as [number, number, number, number]] }
        : { sha256: file.sha256, page, ...(kind === 'note' ? { point: [0.9, y] as [number, number] } : {}) };
    const writes: AnnotationWriteArgs['writes'] = {
      target: { value: target, hlc, supersedes: [] },
      scope: { value: { kind: 'private', organizationId: null }, hlc, supersedes: [] },
    };
    if (kind === 'highlight') writes.color = { value: 'yellow', hlc, supersedes: [] };
    if (kind === 'note')
      writes.text = { value: `Anmerkung ${i + 1}: Rückfrage zur Seite ${page}`, hlc, supersedes: [] };
    if (kind === 'ink') {
      const points = Array.from({ length: 40 }, (_, n): [number, number, number] => [
        0.1 + n * 0.02,
        y + 0.01 * Math.sin(n),
        0.6,
      ]);
      writes.strokes = { value: [{ color: '#1f4fbf', width: 0.003, points }], hlc, supersedes: [] };
    }
    if (kind !== 'ink') marked.set(page, (marked.get(page) ?? 0) + 1);
    args.push({
      id: randomUUID(),
      kind,
      fileId: file.id,
      agendaItemId: null,
      createdAt: new Date(now).toISOString(),
      writes,
    });
  }
  return { args, marked };
}

async function pushAnnotations(session: ApiSession, args: AnnotationWriteArgs[]): Promise<void> {
  const device = await session.json<{ id: string }>('POST', '/api/sync/devices', { name: 'Zweites iPad' });
  for (let from = 0; from < args.length; from += 500) {
    const mutations = args
      .slice(from, from + 500)
      .map((a, n) => ({ seq: from + n + 1, name: 'annotation.write', args: a }));
    const reply = await session.json<SyncPushResponse>(
      'POST',
      '/api/sync/push',
      { mutations },
      {
        [deviceHeader]: device.id,
      },
    );
    if (reply.rejected.length > 0) throw new Error(`push rejected: ${JSON.stringify(reply.rejected[0])}`);
  }
}

/** Records every animation frame's duration and every long task from now on, until `stopFrames`. */
async function startFrames(page: Page): Promise<void> {
  // A string: tsx would wrap the named inner function in a helper (__name) that the page does not have.
  await page.evaluate(`(() => {
    const state = { frames: [], longTasks: [], last: performance.now(), stop: false };
    window.benchFrames = state;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) state.longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
    const tick = (now) => {
      state.frames.push(now - state.last);
      state.last = now;
      if (!state.stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
}

async function stopFrames(page: Page): Promise<{ frames: number[]; longTasks: number[] }> {
  // Two more frames, so the last input's frame is in.
  return page.evaluate(
    () =>
      new Promise<{ frames: number[]; longTasks: number[] }>((resolve) => {
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            const state = window.benchFrames!;
            state.stop = true;
            resolve({ frames: state.frames.slice(1), longTasks: state.longTasks });
          }),
        );
      }),
  );
}

async function throttled(context: BrowserContext, page: Page): Promise<CDPSession> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  return cdp;
}

/** Navigates to the document and answers when (ms from navigation start) page 1 is drawn with its annotations. */
async function openDocument(page: Page, base: string, fileId: string, marksOnPage1: number): Promise<number> {
  await page.goto(`${base}/app/dokumente/${fileId}`, { waitUntil: 'commit' });
  const painted = await page.waitForFunction(
    (expected) => {
      const first = document.querySelector('.reader-page[data-page="1"][data-rendered="true"]');
      if (!first?.querySelector('.annot-layer')) return false;
      if (first.querySelectorAll('.annot-highlight, .annot-note-marker').length < expected) return false;
      return performance.now();
    },
    marksOnPage1,
    { polling: 'raf', timeout: 120_000 },
  );
  return (await painted.jsonValue()) as number;
}

interface ScrollFigures {
  longestFrame: number;
  p95Frame: number;
  longTasks: number;
  longTaskMs: number;
  seconds: number;
}

/** Scrolls to every page in turn and waits until it is drawn with its annotations. */
async function scrollThrough(page: Page, marked: Map<number, number>): Promise<ScrollFigures> {
  await startFrames(page);
  const started = performance.now();
  for (let n = 2; n <= pageCount; n++) {
    await page.locator('.reader__viewport').evaluate((element, target) => {
      element.scrollTop = element.querySelector<HTMLElement>(`.reader-page[data-page="${target}"]`)!.offsetTop;
    }, n);
    await page.waitForFunction(
      ({ target, expected }) => {
        const shown = document.querySelector(`.reader-page[data-page="${target}"][data-rendered="true"]`);
        if (!shown?.querySelector('.annot-layer')) return false;
        return shown.querySelectorAll('.annot-highlight, .annot-note-marker').length >= expected;
      },
      { target: n, expected: marked.get(n) ?? 0 },
      { polling: 'raf', timeout: 60_000 },
    );
  }
  const seconds = (performance.now() - started) / 1000;
  const { frames, longTasks } = await stopFrames(page);
  return {
    longestFrame: Math.max(...frames),
    p95Frame: percentile(frames, 95),
    longTasks: longTasks.length,
    longTaskMs: longTasks.reduce((a, b) => a + b, 0),
    seconds,
  };
}

/** Screen points of the stroke: a wave across the visible part of the page, `penMoves` moves long. */
function strokePath(box: { x: number; y: number; width: number; height: number }, viewportHeight: number) {
  const top = Math.max(box.y, 0) + 40;
  const bottom = Math.min(box.y + box.height, viewportHeight) - 40;
  return Array.from({ length: penMoves + 1 }, (_, i) => {
    const t = i / penMoves;
    const row = Math.floor(t * 6);
    const along = (t * 6) % 1;
    const x = box.x + box.width * (0.1 + 0.8 * (row % 2 === 0 ? along : 1 - along));
    const y = top + (bottom - top) * ((row + 0.5) / 6) + 12 * Math.sin(i / 4);
    return { x, y };
  });
}

/** Sends the stroke as pen input through CDP at a 120 Hz pen's rate; answers the frame times until all is handled. */
async function penStroke(page: Page, cdp: CDPSession, path: { x: number; y: number }[]) {
  const send = (type: 'mousePressed' | 'mouseMoved' | 'mouseReleased', point: { x: number; y: number }) =>
    cdp.send('Input.dispatchMouseEvent', {
      type,
      x: point.x,
      y: point.y,
      button: 'left',
      buttons: type === 'mouseReleased' ? 0 : 1,
      clickCount: 1,
      pointerType: 'pen',
      force: 0.6,
    });
  const busy = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const value = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
    return {
      task: value('TaskDuration'),
      script: value('ScriptDuration'),
      layout: value('LayoutDuration') + value('RecalcStyleDuration'),
    };
  };
  await cdp.send('Performance.enable');
  const before = await busy();
  await startFrames(page);
  const started = performance.now();
  // Not awaited one by one: a pen reports at its own rate whether or not the page keeps up; the browser queues and
  // coalesces what the page has not taken yet. CDP keeps the order.
  const sent = [send('mousePressed', path[0]!)];
  for (let i = 1; i < path.length; i++) {
    const wait = started + i * penIntervalMs - performance.now();
    // Pacing the input like a real pen, not waiting for the page.
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    sent.push(send('mouseMoved', path[i]!));
  }
  sent.push(send('mouseReleased', path[path.length - 1]!));
  await Promise.all(sent);
  const seconds = (performance.now() - started) / 1000;
  const frames = await stopFrames(page);
  const after = await busy();
  // Main-thread time spent, less sensitive than frame times to other load on the machine.
  return {
    ...frames,
    seconds,
    taskMs: after.task - before.task,
    scriptMs: after.script - before.script,
    layoutMs: after.layout - before.layout,
  };
}

/** The browser's limit: an empty canvas of the page's size drawing the same segments, nothing else on the page. */
const barePenPage = (width: number, height: number, left: number, top: number) => `<!doctype html>
<html><head><meta name="viewport" content="width=device-width, initial-scale=1"><style>
html, body { margin: 0; height: 100%; overflow: hidden; touch-action: none; }
canvas { position: absolute; left: ${left}px; top: ${top}px; width: ${width}px; height: ${height}px; }
</style></head><body><canvas></canvas><script>
const canvas = document.querySelector('canvas');
const ratio = Math.min(2, devicePixelRatio || 1);
canvas.width = Math.round(${width} * ratio);
canvas.height = Math.round(${height} * ratio);
const context = canvas.getContext('2d');
let last = null;
const point = (e) => { const box = canvas.getBoundingClientRect(); return [(e.clientX - box.left) / box.width, (e.clientY - box.top) / box.height, e.pressure]; };
canvas.addEventListener('pointerdown', (e) => { e.preventDefault(); canvas.setPointerCapture(e.pointerId); last = point(e); });
canvas.addEventListener('pointermove', (e) => {
  if (!last) return;
  const events = e.getCoalescedEvents ? e.getCoalescedEvents() : [e];
  for (const c of events.length > 0 ? events : [e]) {
    const next = point(c);
    context.strokeStyle = '#1f4fbf'; context.lineCap = 'round'; context.lineJoin = 'round';
    context.lineWidth = 0.003 * (0.5 + (next[2] > 0 ? next[2] : 0.5)) * canvas.width;
    context.beginPath();
    context.moveTo(last[0] * canvas.width, last[1] * canvas.height);
    context.lineTo(next[0] * canvas.width, next[1] * canvas.height);
    context.stroke();
    last = next;
  }
});
canvas.addEventListener('pointerup', () => { last = null; });
</script></body></html>`;

interface StrokeFigures {
  taskMs: number;
  scriptMs: number;
  layoutMs: number;
  p50: number;
  p95: number;
  max: number;
  frames: number;
  seconds: number;
}

const strokeFigures = (r: {
  frames: number[];
  seconds: number;
  taskMs: number;
  scriptMs: number;
  layoutMs: number;
}): StrokeFigures => ({
  taskMs: r.taskMs,
  scriptMs: r.scriptMs,
  layoutMs: r.layoutMs,
  p50: percentile(r.frames, 50),
  p95: percentile(r.frames, 95),
  max: Math.max(...r.frames),
  frames: r.frames.length,
  seconds: r.seconds,
});

const ms = (value: number) => `${value.toFixed(1)} ms`;

export async function annotationsBenchmark(report: BenchReport): Promise<void> {
  console.log(
    `\n# Annotations: ${annotationCount} annotations on a ${pageCount}-page document; a ${penMoves}-move pen stroke; ` +
      `${throttle}x CPU throttle, iPad Pro 11 context, ${runs} runs`,
  );
  const server = await startServer({ readyTimeoutMs: 240_000 });
  const browser = await launchChromium();
  try {
    const base = server.baseUrl;
    const prepared = performance.now();
    const setup = await setUp(base, await apiSignIn(base, 'sitzungsdienst@vg-lindenau.example'));
    const { args, marked } = annotationWrites(setup.annotated, annotationCount);
    await pushAnnotations(await apiSignIn(base, setup.councillorEmail), args);

    const context = await newTabletContext(browser);
    const page = await context.newPage();
    await signInOnTablet(page, base, setup.councillorEmail);
    await meetingCard(page, committeeName).getByText(meetingReady).waitFor({ timeout: 300_000 });
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await waitUntilIdle(server.pid);
    console.log(`  set-up: ${((performance.now() - prepared) / 1000).toFixed(0)} s`);

    // Opening and scrolling, annotated and plain in turn. The throttle holds per page target across navigations.
    await throttled(context, page);
    const open = { annotated: [] as number[], plain: [] as number[] };
    const scroll = { annotated: [] as ScrollFigures[], plain: [] as ScrollFigures[] };
    for (let i = 0; i < runs; i++) {
      open.annotated.push(await openDocument(page, base, setup.annotated.id, marked.get(1) ?? 0));
      scroll.annotated.push(await scrollThrough(page, marked));
      open.plain.push(await openDocument(page, base, setup.plain.id, 0));
      scroll.plain.push(await scrollThrough(page, new Map()));
    }
    const entries = await page.locator('.annot-panel .annot-entry').count();
    if (entries !== 0) throw new Error(`the plain document lists ${entries} annotations`);
    await openDocument(page, base, setup.annotated.id, marked.get(1) ?? 0);
    const listed = await page.locator('.annot-panel .annot-entry').count();
    if (listed !== annotationCount) throw new Error(`the annotated document lists ${listed} of ${annotationCount}`);

    const worst = (list: ScrollFigures[], key: keyof ScrollFigures) => Math.max(...list.map((s) => s[key]));
    report.add({
      benchmark: 'Annotations',
      measure: `document with ${annotationCount} annotations: navigation → page 1 painted with its ${marked.get(1) ?? 0} marks (${pageCount} pages, 4x CPU)`,
      value: `${Math.round(median(open.annotated))} ms`,
      baseline: `${Math.round(median(open.plain))} ms (same document, 0 annotations)`,
      note: `median of ${runs}; all ${listed} listed in the panel`,
    });
    report.add({
      benchmark: 'Annotations',
      measure: `scroll page by page through all ${pageCount} pages, each drawn with its annotations: longest frame`,
      value: `${Math.round(worst(scroll.annotated, 'longestFrame'))} ms (p95 ${Math.round(median(scroll.annotated.map((s) => s.p95Frame)))} ms)`,
      baseline: `${Math.round(worst(scroll.plain, 'longestFrame'))} ms (p95 ${Math.round(median(scroll.plain.map((s) => s.p95Frame)))} ms), 0 annotations`,
      note: `worst of ${runs}; p95 median of ${runs}`,
    });
    report.add({
      benchmark: 'Annotations',
      measure: 'same scroll: long tasks (> 50 ms), count and total',
      value: `${Math.round(median(scroll.annotated.map((s) => s.longTasks)))}, ${Math.round(median(scroll.annotated.map((s) => s.longTaskMs)))} ms`,
      baseline: `${Math.round(median(scroll.plain.map((s) => s.longTasks)))}, ${Math.round(median(scroll.plain.map((s) => s.longTaskMs)))} ms (0 annotations)`,
      note: `median of ${runs}; scroll took ${median(scroll.annotated.map((s) => s.seconds)).toFixed(1)} s vs ${median(scroll.plain.map((s) => s.seconds)).toFixed(1)} s`,
    });

    // Pen: the plain document's first page with the pen tool, then the bare canvas; same screen points.
    await openDocument(page, base, setup.plain.id, 0);
    await page.getByRole('button', { name: 'Stift', exact: true }).click();
    const layer = page.locator('.reader-page[data-page="1"] .annot-layer');
    const box = (await layer.boundingBox())!;
    const viewport = page.viewportSize()!;
    const path = strokePath(box, viewport.height);
    const appCdp = await throttled(context, page);
    const bare = await context.newPage();
    await bare.setContent(barePenPage(box.width, box.height, box.x, box.y));
    const bareCdp = await throttled(context, bare);
    // The same pages at rest, to tell a heavy page from slow drawing.
    const idle = async (target: Page) => {
      await target.bringToFront();
      await startFrames(target);
      // Sampling frames for two seconds without input, not waiting on UI state.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      return percentile((await stopFrames(target)).frames, 50);
    };
    const idleApp = await idle(page);
    const idleBare = await idle(bare);
    const app: StrokeFigures[] = [];
    const limit: StrokeFigures[] = [];
    for (let i = 0; i < runs; i++) {
      await page.bringToFront();
      app.push(strokeFigures(await penStroke(page, appCdp, path)));
      await bare.bringToFront();
      limit.push(strokeFigures(await penStroke(bare, bareCdp, path)));
    }
    await page.bringToFront();
    const inks = page.locator('.annot-panel .annot-entry[data-kind="ink"]');
    await page.waitForFunction(
      (wanted) => document.querySelectorAll('.annot-panel .annot-entry[data-kind="ink"]').length === wanted,
      runs,
    );
    const strokes = await inks.count();
    // Each canvas with pixels costs a copy to the compositor per frame in software compositing (no GPU here).
    const canvases = await page.evaluate(
      () => [...document.querySelectorAll('canvas')].filter((c) => c.width > 0 && c.height > 0).length,
    );

    const med = (list: StrokeFigures[], key: keyof StrokeFigures) => median(list.map((s) => s[key]));
    report.add({
      benchmark: 'Annotations',
      measure: `pen stroke of ${penMoves} moves at 120 Hz on a document page (4x CPU): frame time p50 / p95 / max`,
      value: `${ms(med(app, 'p50'))} / ${ms(med(app, 'p95'))} / ${ms(med(app, 'max'))}`,
      baseline: `${ms(med(limit, 'p50'))} / ${ms(med(limit, 'p95'))} / ${ms(med(limit, 'max'))} (bare page, empty canvas, same segments)`,
      note: `median of ${runs}; ${Math.round(med(app, 'frames'))} vs ${Math.round(med(limit, 'frames'))} frames in ${med(app, 'seconds').toFixed(1)} s vs ${med(limit, 'seconds').toFixed(1)} s; at rest p50 ${ms(idleApp)} vs ${ms(idleBare)}; main thread busy ${Math.round(med(app, 'taskMs'))} ms (script ${Math.round(med(app, 'scriptMs'))} ms, style and layout ${Math.round(med(app, 'layoutMs'))} ms) vs ${Math.round(med(limit, 'taskMs'))} ms (script ${Math.round(med(limit, 'scriptMs'))} ms, style and layout ${Math.round(med(limit, 'layoutMs'))} ms) per stroke; ${strokes} strokes saved; ${canvases} canvases with pixels on the page vs 1`,
    });
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
}
