import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations, newAxeContext } from '../fixtures/axe.js';
import { launchChromium } from '../fixtures/browser.js';
import { textPdf } from '../fixtures/pdf-documents.js';
import { buildReaderHarness, startReaderHarness, type ReaderHarness } from '../fixtures/reader-harness.js';

const planPages = 60;
const findPage = 47;
const docs = [
  { name: 'plan.pdf', title: 'Begründung zum Bebauungsplan' },
  { name: 'anlage.pdf', title: 'Anlage 1: Umweltbericht' },
];

const screens = {
  landscape: { width: 1180, height: 820 },
  portrait: { width: 820, height: 1180 },
  phone: { width: 390, height: 844 },
};

/** A landscape iPad (or, turned, a portrait one, or a phone): touch, 2× pixels. */
async function tabletContext(
  browser: Browser,
  landscape: boolean | keyof typeof screens = true,
): Promise<BrowserContext> {
  const screen = landscape === true ? 'landscape' : landscape === false ? 'portrait' : landscape;
  return browser.newContext({
    viewport: screens[screen],
    deviceScaleFactor: 2,
    hasTouch: true,
    locale: 'de-DE',
    serviceWorkers: 'block',
  });
}

/** Page errors and CSP violations, collected for the whole journey (pdf.js must run without eval). */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return problems;
}

const pagesWithCanvas = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.reader-page')]
      .filter((p) => p.querySelector('canvas'))
      .map((p) => Number(p.dataset.page)),
  );

const zoomPercent = async (page: Page) =>
  Number((await page.locator('.reader__zoom').first().textContent())!.replace(/\D/g, ''));

const pageWidth = (page: Page, n: number) =>
  page.locator(`.reader-page[data-page="${n}"]`).evaluate((e) => e.getBoundingClientRect().width);

describe('document reader', () => {
  let harness: ReaderHarness | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    await buildReaderHarness();
    const plan = await textPdf({
      title: 'Begründung zum Bebauungsplan Nr. 47',
      pages: planPages,
      extra: { [findPage]: 'Eine Lärmschutzwand entlang der Bahntrasse ist vorgesehen.' },
    });
    const annex = await textPdf({ title: 'Anlage 1: Umweltbericht', pages: 5 });
    harness = await startReaderHarness({ 'plan.pdf': plan, 'anlage.pdf': annex });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('scrolls a long plan drawing only the pages near the view, zooms, finds a word, and switches documents', async () => {
    const context = await tabletContext(browser!);
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(harness!.readerUrl(docs));
    await page.locator('.reader-page[data-page="1"][data-rendered="true"]').waitFor();

    // Every page has a placeholder of its size (the scrollbar is right); few have a canvas.
    const viewport = page.getByRole('region', { name: 'Dokument: Begründung zum Bebauungsplan' });
    expect(await page.locator('.reader-page').count()).toBe(planPages);
    const scrollHeight = await viewport.evaluate((e) => e.scrollHeight);
    expect(scrollHeight).toBeGreaterThan(
      planPages * (await page.locator('.reader-page').first().boundingBox())!.height,
    );
    expect((await pagesWithCanvas(page)).length).toBeLessThanOrEqual(3);

    // Scroll through to the end; pages on the way are drawn and released again.
    for (const target of [15, 30, 45, planPages]) {
      await viewport.evaluate((element, n) => {
        const pageElement = element.querySelector<HTMLElement>(`.reader-page[data-page="${n}"]`)!;
        element.scrollTop = pageElement.offsetTop;
      }, target);
      await page.locator(`.reader-page[data-page="${target}"][data-rendered="true"]`).waitFor();
    }
    await page.waitForFunction(() => !document.querySelector('.reader-page[data-page="1"] canvas'));
    const drawn = await pagesWithCanvas(page);
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn.length).toBeLessThanOrEqual(8);
    expect(Math.min(...drawn)).toBeGreaterThan(planPages - 8);
    expect(await page.getByLabel('Seitenzahl (1 bis 60)').inputValue()).toBe(String(planPages));
    expect(await page.locator('.reader-page[data-page="1"]').getAttribute('data-rendered')).toBe('false');

    // The page field jumps.
    await page.getByLabel('Seitenzahl (1 bis 60)').fill('10');
    await page.getByLabel('Seitenzahl (1 bis 60)').press('Enter');
    await page.locator('.reader-page[data-page="10"][data-rendered="true"]').waitFor();
    expect(await page.getByLabel('Seitenzahl (1 bis 60)').inputValue()).toBe('10');

    // Zoom: button, keyboard, and back to the page width.
    const fitted = await zoomPercent(page);
    const fittedWidth = await pageWidth(page, 10);
    await page.getByRole('button', { name: 'Vergrößern' }).click();
    await page.waitForFunction((before) => {
      const text = document.querySelector('.reader__zoom')?.textContent ?? '';
      return Number(text.replace(/\D/g, '')) > before;
    }, fitted);
    expect(await pageWidth(page, 10)).toBeGreaterThan(fittedWidth);
    await page.locator('.reader-page[data-page="10"][data-rendered="true"]').waitFor();
    await viewport.focus();
    await page.keyboard.press('-');
    await page.keyboard.press('-');
    await page.waitForFunction((before) => {
      const text = document.querySelector('.reader__zoom')?.textContent ?? '';
      return Number(text.replace(/\D/g, '')) < before;
    }, fitted);
    await page.keyboard.press('0');
    await page.waitForFunction((before) => {
      const text = document.querySelector('.reader__zoom')?.textContent ?? '';
      return Number(text.replace(/\D/g, '')) === before;
    }, fitted);
    expect(await page.getByRole('button', { name: 'Seitenbreite' }).getAttribute('aria-pressed')).toBe('true');

    // Pinch: two fingers moving apart zoom in.
    const box = (await viewport.boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const cdp = await context.newCDPSession(page);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', spread: number) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints:
          type === 'touchEnd'
            ? []
            : [
                { x: cx - spread, y: cy, id: 1 },
                { x: cx + spread, y: cy, id: 2 },
              ],
      });
    await touch('touchStart', 60);
    for (const spread of [80, 100, 120]) await touch('touchMove', spread);
    await touch('touchEnd', 0);
    await page.waitForFunction((before) => {
      const text = document.querySelector('.reader__zoom')?.textContent ?? '';
      return Number(text.replace(/\D/g, '')) >= before * 1.8;
    }, fitted);
    await page.keyboard.press('0');

    // Find a word on a later page, typed without the umlaut.
    await page.keyboard.press('Control+f');
    const search = page.getByRole('searchbox', { name: 'Suchbegriff im Dokument' });
    await search.waitFor();
    expect(await search.evaluate((e) => e === document.activeElement)).toBe(true);
    await search.fill('Laermschutzwand');
    await page
      .getByRole('status')
      .filter({ hasText: `Treffer 1 von 1, Seite ${findPage}` })
      .waitFor();
    const hit = page.locator(`.reader-page[data-page="${findPage}"] .textLayer .highlight.selected`);
    await hit.waitFor();
    expect(await hit.textContent()).toBe('Lärmschutzwand');
    const hitBox = (await hit.boundingBox())!;
    expect(hitBox.y).toBeGreaterThan(box.y);
    expect(hitBox.y + hitBox.height).toBeLessThan(box.y + box.height);
    expect(await page.getByLabel('Seitenzahl (1 bis 60)').inputValue()).toBe(String(findPage));
    await search.press('Escape');
    expect(await page.locator('.textLayer .highlight').count()).toBe(0);

    // Page overview: a thumbnail takes the reader to its page.
    await page.getByRole('button', { name: 'Seitenübersicht' }).click();
    const overview = page.getByRole('navigation', { name: 'Seitenübersicht' });
    await overview.getByRole('button', { name: 'Seite 46', exact: true }).click();
    await page.locator('.reader-page[data-page="46"][data-rendered="true"]').waitFor();
    expect(await overview.getByRole('button', { name: 'Seite 46', exact: true }).getAttribute('aria-current')).toBe(
      'page',
    );
    expect(await overview.locator('canvas').count()).toBeGreaterThan(0);

    // Jump from the paper to its attachment.
    await page.getByRole('button', { name: 'Dokumente (2)' }).click();
    await page.getByRole('button', { name: 'Anlage 1: Umweltbericht' }).click();
    await page.getByRole('region', { name: 'Dokument: Anlage 1: Umweltbericht' }).waitFor();
    await page.locator('.reader-page[data-page="1"][data-rendered="true"]').waitFor();
    expect(await page.locator('.reader-page').count()).toBe(5);

    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows two documents side by side on a landscape tablet, stacked in portrait and as tabs on a phone', async () => {
    const landscape = await tabletContext(browser!, true);
    const wide = await landscape.newPage();
    const problems = watchProblems(wide);
    await wide.goto(harness!.readerUrl(docs, '&layout=side'));
    const left = wide.getByRole('region', { name: 'Dokument: Begründung zum Bebauungsplan' });
    const right = wide.getByRole('region', { name: 'Dokument: Anlage 1: Umweltbericht' });
    await left.locator('.reader-page[data-page="1"][data-rendered="true"]').waitFor();
    await right.locator('.reader-page[data-page="1"][data-rendered="true"]').waitFor();
    const [a, b] = [(await left.boundingBox())!, (await right.boundingBox())!];
    expect(a.x + a.width).toBeLessThanOrEqual(b.x);
    expect(Math.abs(a.y - b.y)).toBeLessThan(1);
    expect(problems).toEqual([]);
    await landscape.close();

    const portrait = await tabletContext(browser!, false);
    const tall = await portrait.newPage();
    await tall.goto(harness!.readerUrl(docs, '&layout=side'));
    const upper = tall.getByRole('region', { name: 'Dokument: Begründung zum Bebauungsplan' });
    const lower = tall.getByRole('region', { name: 'Dokument: Anlage 1: Umweltbericht' });
    await upper.locator('.reader-page[data-page="1"][data-rendered="true"]').waitFor();
    await lower.locator('.reader-page[data-page="1"][data-rendered="true"]').waitFor();
    const [c, d] = [(await upper.boundingBox())!, (await lower.boundingBox())!];
    expect(c.y + c.height).toBeLessThanOrEqual(d.y);
    expect(await tall.getByRole('tab').count()).toBe(0);
    await portrait.close();

    const phone = await tabletContext(browser!, 'phone');
    const narrow = await phone.newPage();
    await narrow.goto(harness!.readerUrl(docs, '&layout=side'));
    const tabs = narrow.getByRole('tab');
    expect(await tabs.allTextContents()).toEqual(['Begründung zum Bebauungsplan', 'Anlage 1: Umweltbericht']);
    await narrow.locator('.reader-page[data-page="1"][data-rendered="true"]').first().waitFor();
    expect(await narrow.getByRole('region', { name: 'Dokument: Anlage 1: Umweltbericht' }).isVisible()).toBe(false);
    await tabs.nth(1).click();
    await narrow.getByRole('region', { name: 'Dokument: Anlage 1: Umweltbericht' }).waitFor();
    await phone.close();
  });

  it('has no axe-core violations, with the page overview, the search and the document list open', async () => {
    const context = await newAxeContext(browser!, { viewport: { width: 1180, height: 820 }, hasTouch: true });
    const page = await context.newPage();
    await page.goto(harness!.readerUrl(docs));
    await page.locator('.reader-page[data-page="1"][data-rendered="true"]').waitFor();
    await page.locator('.reader-page[data-page="1"] .textLayer span').first().waitFor();
    const report: Record<string, string> = {};
    const check = async (step: string) => {
      const violations = await axeViolations(page);
      if (violations.length > 0) report[step] = describeViolations(violations);
    };
    await check('reader');
    await page.getByRole('button', { name: 'Seitenübersicht' }).click();
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.getByRole('searchbox', { name: 'Suchbegriff im Dokument' }).fill('Erschließung');
    await page
      .getByRole('status')
      .filter({ hasText: /Treffer 1 von \d+, Seite 1/ })
      .waitFor();
    await page.getByRole('button', { name: 'Dokumente (2)' }).click();
    await check('overview, search and document list open');
    await page.goto(harness!.readerUrl(docs, '&layout=side'));
    await page.locator('.reader-page[data-page="1"][data-rendered="true"]').first().waitFor();
    await check('side by side');
    await context.close();
    expect(report).toEqual({});
  });
});
