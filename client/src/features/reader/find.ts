/**
 * Find in document over pdf.js text content. A page's text is its text items in order (a space after each item
 * that ends a line), which is exactly the order of the spans pdf.js puts in the text layer, so a hit maps back to
 * the spans it covers. Matching folds like the offline search: case, umlauts (ä = ae) and ß = ss.
 */
import { foldWithOrigin, type FoldedText } from '../../offline/german-text';

export interface TextItemLike {
  str: string;
  hasEOL: boolean;
}

export interface PageText {
  text: string;
  /** Offset of each item in `text`. */
  itemStarts: Int32Array;
  /** Length of each item's own string (without the line-end space). */
  itemLengths: Int32Array;
  folded: FoldedText;
}

export interface FindMatch {
  /** 0-based page index. */
  page: number;
  /** Offsets in the page's `text`. */
  start: number;
  end: number;
}

export function buildPageText(items: readonly TextItemLike[]): PageText {
  const itemStarts = new Int32Array(items.length);
  const itemLengths = new Int32Array(items.length);
  let text = '';
  items.forEach((item, i) => {
    itemStarts[i] = text.length;
    itemLengths[i] = item.str.length;
    text += item.str;
    if (item.hasEOL) text += ' ';
  });
  return { text, itemStarts, itemLengths, folded: foldWithOrigin(text) };
}

export function normalizeFindQuery(query: string): string {
  return foldWithOrigin(query).text.trim();
}

/** Every occurrence of the folded `query` on the page, non-overlapping, in reading order. */
export function findInPage(page: PageText, query: string, pageIndex: number): FindMatch[] {
  const matches: FindMatch[] = [];
  if (query.length === 0) return matches;
  const { text: folded, origin } = page.folded;
  for (let at = folded.indexOf(query); at >= 0; at = folded.indexOf(query, at + query.length)) {
    matches.push({ page: pageIndex, start: origin[at]!, end: origin[at + query.length - 1]! + 1 });
  }
  return matches;
}

/** The part of each text item a match covers, as offsets inside that item's string. */
export function itemRanges(
  page: PageText,
  match: Pick<FindMatch, 'start' | 'end'>,
): { item: number; start: number; end: number }[] {
  const ranges: { item: number; start: number; end: number }[] = [];
  const { itemStarts, itemLengths } = page;
  // Items are in text order: find the last item starting at or before the match, then walk forward.
  let lo = 0;
  let hi = itemStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (itemStarts[mid]! <= match.start) lo = mid;
    else hi = mid - 1;
  }
  for (let item = lo; item < itemStarts.length && itemStarts[item]! < match.end; item++) {
    const start = Math.max(0, match.start - itemStarts[item]!);
    const end = Math.min(itemLengths[item]!, match.end - itemStarts[item]!);
    if (end > start) ranges.push({ item, start, end });
  }
  return ranges;
}

/** The match after (or before) `current`, wrapping around the document; -1 when there is none. */
export function stepMatch(count: number, current: number, direction: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0) return direction === 1 ? 0 : count - 1;
  return (current + direction + count) % count;
}

/** Pages to search, starting at the current one and wrapping, so the nearest hits come first. */
export function searchOrder(pageCount: number, current: number): number[] {
  const start = Math.min(Math.max(0, current), Math.max(0, pageCount - 1));
  return Array.from({ length: pageCount }, (_, i) => (start + i) % pageCount);
}
