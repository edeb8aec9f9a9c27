import { useCallback, useMemo, useRef, useState } from 'react';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import {
  buildPageText,
  findInPage,
  normalizeFindQuery,
  searchOrder,
  stepMatch,
  type FindMatch,
  type PageText,
  type TextItemLike,
} from './find';

export interface FindState {
  /** The folded query the matches belong to ('' when none). */
  query: string;
  /** All matches found so far, in document order. */
  matches: FindMatch[];
  /** Index into `matches`, or -1. */
  selected: number;
  /** Pages searched so far while a search runs; null when done. */
  progress: number | null;
  /** Increases whenever the selected match should be scrolled into view. */
  revealToken: number;
}

const idle: FindState = { query: '', matches: [], selected: -1, progress: null, revealToken: 0 };

const byPosition = (a: FindMatch, b: FindMatch) => a.page - b.page || a.start - b.start;

/**
 * Find in document: reads the text of every page once (pdf.js text content, kept as plain strings), searching
 * from the current page onwards so the nearest hit shows first, and reports progress page by page.
 */
export function useFind(pdf: PDFDocumentProxy | null, currentPage: () => number) {
  // The reader mounts a new view per document, so `pdf` is fixed for the lifetime of this hook.
  const texts = useRef(new Map<number, PageText>());
  const run = useRef(0);
  const [state, setState] = useState<FindState>(idle);

  const pageText = useCallback(
    async (index: number): Promise<PageText> => {
      const cached = texts.current.get(index);
      if (cached) return cached;
      const page = await pdf!.getPage(index + 1);
      const content = await page.getTextContent();
      const items = content.items.filter((item): item is TextItemLike & typeof item => 'str' in item);
      const text = buildPageText(items);
      texts.current.set(index, text);
      return text;
    },
    [pdf],
  );

  const search = useCallback(
    async (raw: string) => {
      const query = normalizeFindQuery(raw);
      const token = ++run.current;
      if (!pdf || query === '') {
        setState(idle);
        return;
      }
      const start = currentPage();
      const found: FindMatch[] = [];
      let selectedMatch: FindMatch | null = null;
      setState((s) => ({ ...idle, query, progress: 0, revealToken: s.revealToken }));
      const order = searchOrder(pdf.numPages, start);
      let lastReport = performance.now();
      for (let k = 0; k < order.length; k++) {
        const text = await pageText(order[k]!);
        if (token !== run.current) return;
        const onPage = findInPage(text, query, order[k]!);
        found.push(...onPage);
        const first = selectedMatch === null && onPage.length > 0;
        if (first) selectedMatch = onPage[0]!;
        // Report the first hit at once and then a few times a second, not after every page.
        if (first || performance.now() - lastReport > 150 || k === order.length - 1) {
          lastReport = performance.now();
          const matches = [...found].sort(byPosition);
          const selected = selectedMatch ? matches.indexOf(selectedMatch) : -1;
          const progress = k === order.length - 1 ? null : k + 1;
          setState((s) => ({
            query,
            matches,
            selected,
            progress,
            revealToken: first ? s.revealToken + 1 : s.revealToken,
          }));
        }
      }
    },
    [pdf, pageText, currentPage],
  );

  const step = useCallback((direction: 1 | -1) => {
    setState((s) => ({
      ...s,
      selected: stepMatch(s.matches.length, s.selected, direction),
      revealToken: s.revealToken + 1,
    }));
  }, []);

  const reset = useCallback(() => {
    run.current++;
    setState((s) => ({ ...idle, revealToken: s.revealToken }));
  }, []);

  /** Matches grouped by page, one stable empty array for pages without any (keeps page views memoised). */
  const byPage = useMemo(() => {
    const map = new Map<number, FindMatch[]>();
    for (const match of state.matches) {
      const list = map.get(match.page) ?? [];
      list.push(match);
      map.set(match.page, list);
    }
    return map;
  }, [state.matches]);

  return { state, search, step, reset, byPage };
}
