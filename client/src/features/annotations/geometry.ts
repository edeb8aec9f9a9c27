/**
 * From what the user selected or drew on a page to the stored, version-independent shape (page-normalised
 * geometry, W3C quote and position selectors over the server's extracted text), and back to rectangles on a page.
 */
import type { AnnotationTarget } from '@ratsmappe/shared';
import { quoteAt } from '@ratsmappe/shared/annotations/anchoring';
import { itemRanges, type PageText } from '../reader/find';

export type Rect = [number, number, number, number];

const clamp = (value: number) => Math.min(1, Math.max(0, value));

/** Client rectangles relative to a page box, as fractions of its size; rectangles on one line are joined. */
export function normaliseRects(
  rects: readonly { left: number; top: number; width: number; height: number }[],
  page: { left: number; top: number; width: number; height: number },
): Rect[] {
  const lines: Rect[] = [];
  const sorted = [...rects]
    .filter((r) => r.width > 0.5 && r.height > 0.5)
    .sort((a, b) => a.top - b.top || a.left - b.left);
  for (const r of sorted) {
    const x = clamp((r.left - page.left) / page.width);
    const y = clamp((r.top - page.top) / page.height);
    const w = Math.min(1 - x, r.width / page.width);
    const h = Math.min(1 - y, r.height / page.height);
    const last = lines[lines.length - 1];
    // Same line: vertical centres within half a line height.
    if (last && Math.abs(last[1] + last[3] / 2 - (y + h / 2)) < Math.max(last[3], h) / 2) {
      const left = Math.min(last[0], x);
      const right = Math.max(last[0] + last[2], x + w);
      const top = Math.min(last[1], y);
      const bottom = Math.max(last[1] + last[3], y + h);
      lines[lines.length - 1] = [left, top, right - left, bottom - top];
    } else {
      lines.push([x, y, w, h]);
    }
  }
  return lines.slice(0, 500);
}

export const normaliseSpace = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Pages of the extracted text (joined by "\n") with their offsets. */
export function extractedPages(text: string): { start: number; text: string }[] {
  const pages: { start: number; text: string }[] = [];
  let start = 0;
  for (const page of text.split('\n')) {
    pages.push({ start, text: page });
    start += page.length + 1;
  }
  return pages;
}

function occurrences(haystack: string, needle: string): number[] {
  const found: number[] = [];
  if (!needle) return found;
  for (let at = haystack.indexOf(needle); at !== -1 && found.length < 200; at = haystack.indexOf(needle, at + 1)) {
    found.push(at);
  }
  return found;
}

/**
 * The quote and position selectors for text selected on a page. `layerOffset` is where the selection starts in
 * the text layer's page text; it picks the right one of several equal passages. The server re-anchors on its
 * extracted text, so the selectors refer to that when the device has it, else to the text layer's text.
 */
export function selectorsFor(
  extractedText: string | null,
  pageIndex: number,
  layerText: string,
  layerOffset: number,
  selected: string,
): Pick<AnnotationTarget, 'quote' | 'position'> | null {
  const exact = normaliseSpace(selected);
  if (!exact) return null;
  const page = extractedText === null ? undefined : extractedPages(extractedText)[pageIndex];
  if (extractedText !== null && page) {
    const found = occurrences(page.text, exact);
    if (found.length > 0) {
      // The text layer and the extracted text differ only in spaces: relative place on the page picks the passage.
      const wanted = layerText.length > 0 ? (layerOffset / layerText.length) * page.text.length : 0;
      const at = found.reduce((best, next) => (Math.abs(next - wanted) < Math.abs(best - wanted) ? next : best));
      const start = page.start + at;
      const end = start + exact.length;
      return { quote: quoteAt(extractedText, start, end), position: { start, end } };
    }
  }
  const flat = layerText.replace(/\s+/g, ' ');
  const found = occurrences(flat, exact);
  const at = found.length
    ? found.reduce((best, next) => (Math.abs(next - layerOffset) < Math.abs(best - layerOffset) ? next : best))
    : -1;
  if (at === -1) return { quote: { exact, prefix: '', suffix: '' } };
  return { quote: quoteAt(flat, at, at + exact.length) };
}

/** Where a passage (text from the extracted text) is in the text layer's page text, nearest to `near` (0…1). */
export function findInLayer(layer: PageText, passage: string, near: number): { start: number; end: number } | null {
  const exact = normaliseSpace(passage);
  if (!exact) return null;
  // Runs of spaces in the layer (line ends) are single spaces in the extracted text: match them flexibly.
  const pattern = new RegExp(exact.split(' ').map(escapeRegExp).join('\\s+'), 'g');
  let best: { start: number; end: number } | null = null;
  const wanted = near * layer.text.length;
  for (const match of layer.text.matchAll(pattern)) {
    const candidate = { start: match.index, end: match.index + match[0].length };
    if (!best || Math.abs(candidate.start - wanted) < Math.abs(best.start - wanted)) best = candidate;
  }
  return best;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A DOM range over text-layer spans for offsets in the layer's page text (null when the spans are gone). */
export function layerRange(
  divs: readonly HTMLElement[],
  layer: PageText,
  offsets: { start: number; end: number },
): Range | null {
  const parts = itemRanges(layer, offsets);
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (!first || !last) return null;
  const startPoint = textPoint(divs[first.item], first.start);
  const endPoint = textPoint(divs[last.item], last.end);
  if (!startPoint || !endPoint) return null;
  const range = document.createRange();
  range.setStart(startPoint.node, startPoint.offset);
  range.setEnd(endPoint.node, endPoint.offset);
  return range;
}

/** The text node and offset `offset` characters into an element (find marks may have split its text). */
function textPoint(element: HTMLElement | undefined, offset: number): { node: Text; offset: number } | null {
  if (!element) return null;
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  let rest = offset;
  let last: Text | null = null;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    last = node;
    if (rest <= node.length) return { node, offset: rest };
    rest -= node.length;
  }
  return last ? { node: last, offset: last.length } : null;
}

/** Where a DOM point lies in the text layer's page text, or -1 outside its spans. */
export function layerOffsetOf(divs: readonly HTMLElement[], layer: PageText, node: Node, offset: number): number {
  const element = node instanceof HTMLElement ? node : node.parentElement;
  const div = element?.closest('.textLayer span:not(.highlight)');
  let index = div ? divs.indexOf(div as HTMLElement) : -1;
  if (index === -1 && element) index = divs.findIndex((d) => d.contains(element));
  if (index === -1) return -1;
  const before = document.createRange();
  before.setStart(divs[index]!, 0);
  before.setEnd(node, offset);
  return layer.itemStarts[index]! + before.toString().length;
}

/** Line width of a stroke segment from pen pressure (mice and fingers report 0.5 while pressed). */
export function strokeWidth(base: number, pressure: number): number {
  const p = pressure > 0 ? pressure : 0.5;
  return base * (0.5 + p);
}

/** Drops points closer than `minDistance` (page fractions) to the last kept one; keeps the last point. */
export function simplifyStroke(
  points: readonly [number, number, number][],
  minDistance = 0.001,
): [number, number, number][] {
  const kept: [number, number, number][] = [];
  for (const point of points) {
    const last = kept[kept.length - 1];
    if (!last || Math.hypot(point[0] - last[0], point[1] - last[1]) >= minDistance) kept.push(point);
  }
  const end = points[points.length - 1];
  if (end && kept[kept.length - 1] !== end) kept.push(end);
  return kept.slice(0, 20_000);
}
