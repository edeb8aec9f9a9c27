import { describe, expect, it } from 'vitest';
import {
  anchorAt,
  canvasPixelRatio,
  computeLayout,
  cssPixelsPerPoint,
  currentPage,
  pageAtOffset,
  pointOf,
  scrollForRelayout,
  selectPagesToRender,
  visibleRange,
} from './layout';

const a4 = { width: 595.28, height: 841.89 };
const a3Landscape = { width: 1190.55, height: 841.89 };
const options = { gap: 10, padding: 20 };

describe('page layout', () => {
  it('stacks pages with gaps and sizes the content for the scrollbar', () => {
    const layout = computeLayout([a4, a4, a4], 1, 1000, options);
    const height = Math.floor(a4.height * cssPixelsPerPoint);
    expect([...layout.tops]).toEqual([20, 20 + height + 10, 20 + 2 * (height + 10)]);
    expect(layout.contentHeight).toBe(20 + 3 * height + 2 * 10 + 20);
    expect(layout.widths[0]).toBe(Math.floor(a4.width * cssPixelsPerPoint));
  });

  it('centres narrow pages and widens the content for a page wider than the viewport', () => {
    const layout = computeLayout([a4, a3Landscape], 1, 1000, options);
    const wide = Math.floor(a3Landscape.width * cssPixelsPerPoint);
    expect(layout.contentWidth).toBe(wide + 40);
    expect(layout.lefts[1]).toBe(20);
    expect(layout.lefts[0]).toBe(Math.floor((wide + 40 - layout.widths[0]!) / 2));
  });

  it('scales every page with the zoom', () => {
    const normal = computeLayout([a4], 1, 800, options);
    const double = computeLayout([a4], 2, 800, options);
    expect(double.heights[0]).toBe(Math.floor(a4.height * 2 * cssPixelsPerPoint));
    expect(double.heights[0]! / normal.heights[0]!).toBeCloseTo(2, 2);
  });

  it('finds the page at an offset, counting the gap to the page above', () => {
    const layout = computeLayout([a4, a4, a4, a4], 1, 800, options);
    expect(pageAtOffset(layout, 0)).toBe(0);
    expect(pageAtOffset(layout, layout.tops[2]! - 1)).toBe(1);
    expect(pageAtOffset(layout, layout.tops[2]!)).toBe(2);
    expect(pageAtOffset(layout, 1e9)).toBe(3);
  });

  it('calls current the page that fills most of the viewport', () => {
    const layout = computeLayout(
      Array.from({ length: 10 }, () => a4),
      1,
      800,
      options,
    );
    const top = layout.tops[4]!;
    expect(currentPage(layout, top - 100, 800)).toBe(4);
    expect(currentPage(layout, top - 900, 800)).toBe(3);
    expect(visibleRange(layout, top - 100, 800)).toEqual([3, 4]);
  });
});

describe('keeping the reading position through a relayout', () => {
  it('keeps the point under a pinch where it was when the zoom doubles', () => {
    const sizes = Array.from({ length: 20 }, () => a4);
    const before = computeLayout(sizes, 1, 900, options);
    const after = computeLayout(sizes, 2, 900, options);
    const contentPoint = { x: 450, y: before.tops[7]! + 300 };
    const viewPoint = { x: 450, y: 400 };
    const scroll = scrollForRelayout(before, after, contentPoint, viewPoint);
    const anchor = anchorAt(before, contentPoint.x, contentPoint.y);
    const shown = pointOf(after, anchor);
    expect(shown.y - scroll.top).toBeCloseTo(viewPoint.y, 5);
    expect(shown.x - scroll.left).toBeCloseTo(viewPoint.x, 5);
    expect(anchor.page).toBe(7);
  });

  it('stays on the same page when the real page sizes arrive', () => {
    const guessed = computeLayout(
      Array.from({ length: 10 }, () => a4),
      1,
      900,
      options,
    );
    const real = computeLayout([a3Landscape, a3Landscape, ...Array.from({ length: 8 }, () => a4)], 1, 900, options);
    const top = guessed.tops[5]!;
    const scroll = scrollForRelayout(guessed, real, { x: 450, y: top }, { x: 450, y: 0 });
    expect(scroll.top).toBeCloseTo(real.tops[5]!, 5);
  });
});

describe('which pages get a canvas', () => {
  const pixels = () => 1_000_000;

  it('takes the near pages closest to the current one, below before above', () => {
    const chosen = selectPagesToRender([3, 4, 5, 6, 7], 5, pixels, { maxPages: 3, maxPixels: 1e9 });
    expect([...chosen].sort()).toEqual([4, 5, 6]);
    const two = selectPagesToRender([4, 5, 6], 5, pixels, { maxPages: 2, maxPixels: 1e9 });
    expect([...two].sort()).toEqual([5, 6]);
  });

  it('stays within the pixel budget but always keeps the current page', () => {
    expect([...selectPagesToRender([1, 2, 3], 2, pixels, { maxPages: 8, maxPixels: 2_500_000 })].sort()).toEqual([
      2, 3,
    ]);
    expect([...selectPagesToRender([2], 2, () => 9e9, { maxPages: 8, maxPixels: 1 })]).toEqual([2]);
  });

  it('bounds the canvases however many pages a long document has', () => {
    const near = Array.from({ length: 300 }, (_, i) => i);
    expect(selectPagesToRender(near, 150, pixels, { maxPages: 8, maxPixels: 1e12 }).size).toBe(8);
  });
});

describe('canvas sharpness', () => {
  it('follows the screen up to the ratio cap', () => {
    expect(canvasPixelRatio(800, 1100, 1, { maxRatio: 2, maxCanvasPixels: 16e6 })).toBe(1);
    expect(canvasPixelRatio(800, 1100, 3, { maxRatio: 2, maxCanvasPixels: 16e6 })).toBe(2);
  });

  it('lowers the ratio so one canvas stays under the pixel cap', () => {
    const ratio = canvasPixelRatio(4000, 5600, 2, { maxRatio: 2, maxCanvasPixels: 16_777_216 });
    expect(4000 * 5600 * ratio * ratio).toBeLessThanOrEqual(16_777_216 + 1);
    expect(ratio).toBeLessThan(1);
  });
});
