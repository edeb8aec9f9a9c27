/**
 * Re-anchoring an annotation's quote on a new version of its document (Hypothesis' approach, tech.md §3.3):
 * search pages nearest the old page first; an exact quote with matching context moves silently, a close match
 * moves and is flagged "Text geändert" with the old quote, anything weaker cannot be placed and is listed, never
 * deleted. Works on the extracted text (pages joined by "\n"), on the server and in the browser alike.
 */
import search from 'approx-string-match';

export type AnchorStatus = 'exact' | 'changed' | 'orphaned';

export interface QuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
}

export interface Anchor {
  status: AnchorStatus;
  /** 1-based page in the new version; null when orphaned. */
  page: number | null;
  /** Offsets in the new version's text; null when orphaned. */
  start: number | null;
  end: number | null;
  /** The text now at that place (differs from the old quote when status is "changed"). */
  exact: string | null;
  score: number;
}

/** A fuzzy match at least this good is placed (and flagged); below it the annotation is orphaned. */
export const minimumScore = 0.75;

const normalise = (text: string) => text.replace(/\s+/g, ' ');

function pagesOf(text: string): { start: number; text: string }[] {
  const pages: { start: number; text: string }[] = [];
  let start = 0;
  for (const page of text.split('\n')) {
    pages.push({ start, text: page });
    start += page.length + 1;
  }
  return pages;
}

function similarity(a: string, b: string): number {
  if (a.length === 0 && b.length === 0) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const errors = Math.min(...search(a, b, b.length).map((m) => m.errors), b.length);
  return 1 - errors / Math.max(a.length, b.length);
}

/**
 * Finds `quote` in `text`. `pageHint` (1-based) and `positionHint` (offset) order the search and weigh in the
 * score, as in Hypothesis: (50·quote + 20·prefix + 20·suffix + 2·position) / 92.
 */
export function anchorQuote(text: string, quote: QuoteSelector, pageHint: number, positionHint?: number): Anchor {
  const exact = normalise(quote.exact).trim();
  const orphan: Anchor = { status: 'orphaned', page: null, start: null, end: null, exact: null, score: 0 };
  if (exact.length === 0) return orphan;
  const pages = pagesOf(text);
  const order = pages
    .map((page, index) => ({ ...page, number: index + 1 }))
    .sort((a, b) => Math.abs(a.number - pageHint) - Math.abs(b.number - pageHint) || a.number - b.number);
  const maxErrors = Math.min(256, Math.floor(exact.length / 2));
  let best: Anchor = orphan;
  for (const page of order) {
    const pageText = page.text;
    const candidates: { start: number; end: number; errors: number }[] = [];
    let at = pageText.indexOf(exact);
    while (at !== -1 && candidates.length < 20) {
      candidates.push({ start: at, end: at + exact.length, errors: 0 });
      at = pageText.indexOf(exact, at + 1);
    }
    if (candidates.length === 0 && maxErrors > 0) candidates.push(...search(pageText, exact, maxErrors).slice(0, 20));
    for (const candidate of candidates) {
      const quoteScore = 1 - candidate.errors / exact.length;
      const before = pageText.slice(Math.max(0, candidate.start - quote.prefix.length), candidate.start);
      const after = pageText.slice(candidate.end, candidate.end + quote.suffix.length);
      const prefixScore = quote.prefix ? similarity(before, normalise(quote.prefix)) : 1;
      const suffixScore = quote.suffix ? similarity(after, normalise(quote.suffix)) : 1;
      const absolute = page.start + candidate.start;
      const positionScore =
        positionHint === undefined ? 1 : 1 - Math.min(1, Math.abs(absolute - positionHint) / Math.max(text.length, 1));
      const score = (50 * quoteScore + 20 * prefixScore + 20 * suffixScore + 2 * positionScore) / 92;
      if (score > best.score) {
        best = {
          status: candidate.errors === 0 ? 'exact' : 'changed',
          page: page.number,
          start: absolute,
          end: page.start + candidate.end,
          exact: pageText.slice(candidate.start, candidate.end),
          score,
        };
      }
    }
    // An exact quote in its context cannot be beaten: stop early.
    if (best.status === 'exact' && best.score > 0.97) break;
  }
  // The same words are the same passage even when its surroundings changed; changed words must reach the minimum.
  if (best.status === 'changed' && best.score < minimumScore) return { ...orphan, score: best.score };
  return best;
}

/** The quote selector for offsets in a text: the marked words and up to 32 characters on each side. */
export function quoteAt(text: string, start: number, end: number, context = 32): QuoteSelector {
  return {
    exact: text.slice(start, end),
    prefix:
      text
        .slice(Math.max(0, start - context), start)
        .split('\n')
        .pop() ?? '',
    suffix: text.slice(end, end + context).split('\n')[0] ?? '',
  };
}
