/**
 * Geometry of the continuous page view, kept free of the DOM so it can be tested: where every page sits at a zoom,
 * which page is current, which pages get a canvas, and how sharp each canvas may be within a memory budget.
 * Positions are CSS pixels in the scroll content; page sizes are PDF points (1/72 in) with rotation applied.
 */

export interface PageSize {
  width: number;
  height: number;
}

/** pdf.js renders 1 PDF point as 1 px at scale 1; "100 %" in a reader means real size, 96 px per inch. */
export const cssPixelsPerPoint = 96 / 72;

export interface LayoutOptions {
  /** Space between pages. */
  gap: number;
  /** Space around the pages, inside the scroll content. */
  padding: number;
}

export interface PageLayout {
  zoom: number;
  tops: Float64Array;
  lefts: Float64Array;
  widths: Float64Array;
  heights: Float64Array;
  contentWidth: number;
  contentHeight: number;
}

export function computeLayout(
  sizes: readonly PageSize[],
  zoom: number,
  viewportWidth: number,
  { gap, padding }: LayoutOptions,
): PageLayout {
  const n = sizes.length;
  const widths = new Float64Array(n);
  const heights = new Float64Array(n);
  let widest = 0;
  for (let i = 0; i < n; i++) {
    widths[i] = Math.floor(sizes[i]!.width * zoom * cssPixelsPerPoint);
    heights[i] = Math.floor(sizes[i]!.height * zoom * cssPixelsPerPoint);
    widest = Math.max(widest, widths[i]!);
  }
  const contentWidth = Math.max(viewportWidth, widest + 2 * padding);
  const tops = new Float64Array(n);
  const lefts = new Float64Array(n);
  let y = padding;
  for (let i = 0; i < n; i++) {
    tops[i] = y;
    lefts[i] = Math.floor((contentWidth - widths[i]!) / 2);
    y += heights[i]! + gap;
  }
  const contentHeight = n === 0 ? 2 * padding : y - gap + padding;
  return { zoom, tops, lefts, widths, heights, contentWidth, contentHeight };
}

/** Index of the page at content offset `y`: the last page whose top is at or above it (the gap belongs above). */
export function pageAtOffset(layout: PageLayout, y: number): number {
  const { tops } = layout;
  if (tops.length === 0) return -1;
  let lo = 0;
  let hi = tops.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (tops[mid]! <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** First and last page index that intersect the viewport. */
export function visibleRange(layout: PageLayout, scrollTop: number, viewportHeight: number): [number, number] {
  return [pageAtOffset(layout, scrollTop), pageAtOffset(layout, scrollTop + Math.max(0, viewportHeight - 1))];
}

/** The page that shows the most of itself in the viewport; on a tie the upper one. */
export function currentPage(layout: PageLayout, scrollTop: number, viewportHeight: number): number {
  const [first, last] = visibleRange(layout, scrollTop, viewportHeight);
  let best = first;
  let bestVisible = -1;
  for (let i = first; i <= last && i >= 0; i++) {
    const top = Math.max(scrollTop, layout.tops[i]!);
    const bottom = Math.min(scrollTop + viewportHeight, layout.tops[i]! + layout.heights[i]!);
    if (bottom - top > bestVisible) {
      best = i;
      bestVisible = bottom - top;
    }
  }
  return best;
}

/** A point on a page, as fractions of the page box, so it survives a change of zoom or of page sizes. */
export interface PageAnchor {
  page: number;
  x: number;
  y: number;
}

export function anchorAt(layout: PageLayout, x: number, y: number): PageAnchor {
  const page = Math.max(0, pageAtOffset(layout, y));
  const width = layout.widths[page] || 1;
  const height = layout.heights[page] || 1;
  return { page, x: (x - (layout.lefts[page] ?? 0)) / width, y: (y - (layout.tops[page] ?? 0)) / height };
}

export function pointOf(layout: PageLayout, anchor: PageAnchor): { x: number; y: number } {
  const page = Math.min(anchor.page, layout.tops.length - 1);
  if (page < 0) return { x: 0, y: 0 };
  return {
    x: layout.lefts[page]! + anchor.x * layout.widths[page]!,
    y: layout.tops[page]! + anchor.y * layout.heights[page]!,
  };
}

/**
 * Scroll position after a relayout (zoom, fitted width, page sizes arriving) that shows the content that was at
 * `contentPoint` (content coordinates of the old layout) at `viewPoint` (viewport coordinates): the point under
 * the fingers of a pinch stays under them, the top of the current page stays on top after a size change.
 */
export function scrollForRelayout(
  before: PageLayout,
  after: PageLayout,
  contentPoint: { x: number; y: number },
  viewPoint: { x: number; y: number },
): { left: number; top: number } {
  const target = pointOf(after, anchorAt(before, contentPoint.x, contentPoint.y));
  return { left: Math.max(0, target.x - viewPoint.x), top: Math.max(0, target.y - viewPoint.y) };
}

export interface RenderBudget {
  /** At most this many page canvases at once. */
  maxPages: number;
  /** At most this many canvas pixels in all (4 bytes each); the current page is kept even if it alone is more. */
  maxPixels: number;
}

/**
 * The pages that get a canvas: those near the viewport, nearest to the current page first (below before above, as
 * reading goes down), until the page or pixel budget is spent. Far pages lose their canvas, so memory stays bounded
 * on a 300-page plan however far one scrolls.
 */
export function selectPagesToRender(
  near: Iterable<number>,
  current: number,
  pixelsOf: (page: number) => number,
  budget: RenderBudget,
): Set<number> {
  const candidates = [...new Set(near)].sort((a, b) => {
    const da = Math.abs(a - current);
    const db = Math.abs(b - current);
    return da - db || b - a;
  });
  const chosen = new Set<number>();
  let pixels = 0;
  for (const page of candidates) {
    if (chosen.size >= budget.maxPages) break;
    const cost = pixelsOf(page);
    if (chosen.size > 0 && pixels + cost > budget.maxPixels) continue;
    chosen.add(page);
    pixels += cost;
  }
  return chosen;
}

export interface SharpnessLimits {
  /** Device pixels per CSS pixel at most (a 3× phone renders like a 2× tablet). */
  maxRatio: number;
  /** Pixels of one canvas at most (iOS refuses canvases above 16.7 M pixels). */
  maxCanvasPixels: number;
}

/** Device pixels per CSS pixel for a page canvas: the screen's ratio, capped by both limits. */
export function canvasPixelRatio(
  cssWidth: number,
  cssHeight: number,
  devicePixelRatio: number,
  limits: SharpnessLimits,
): number {
  let ratio = Math.min(Math.max(devicePixelRatio || 1, 1), limits.maxRatio);
  const area = cssWidth * cssHeight;
  if (area > 0 && area * ratio * ratio > limits.maxCanvasPixels) ratio = Math.sqrt(limits.maxCanvasPixels / area);
  return ratio;
}
