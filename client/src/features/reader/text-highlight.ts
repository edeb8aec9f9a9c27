import { itemRanges, type FindMatch, type PageText } from './find';

/**
 * Marks find hits inside pdf.js text layer spans: each span holds one text item, so a hit becomes a
 * `<span class="highlight">` around its part of the item's text (as pdf.js's own viewer does). The spans stay
 * transparent text over the canvas; the highlight paints a box exactly where the glyphs are.
 */
export class TextHighlighter {
  private touched = new Map<HTMLElement, string>();

  constructor(
    private readonly divs: readonly HTMLElement[],
    private readonly page: PageText,
  ) {}

  /** Replaces all marks with `hits`; returns the first element of the hit at `selected` (or null). */
  apply(hits: readonly FindMatch[], selected: number): HTMLElement | null {
    this.clear();
    const perItem = new Map<number, { start: number; end: number; hit: number }[]>();
    hits.forEach((hit, index) => {
      for (const range of itemRanges(this.page, hit)) {
        const list = perItem.get(range.item) ?? [];
        list.push({ start: range.start, end: range.end, hit: index });
        perItem.set(range.item, list);
      }
    });
    let selectedElement: HTMLElement | null = null;
    for (const [item, ranges] of [...perItem].sort((a, b) => a[0] - b[0])) {
      const div = this.divs[item];
      if (!div) continue;
      const text = div.textContent ?? '';
      this.touched.set(div, text);
      const parts: Node[] = [];
      let at = 0;
      for (const range of ranges.sort((a, b) => a.start - b.start)) {
        if (range.start > at) parts.push(document.createTextNode(text.slice(at, range.start)));
        const mark = document.createElement('span');
        mark.className = range.hit === selected ? 'highlight selected' : 'highlight';
        mark.textContent = text.slice(range.start, range.end);
        if (range.hit === selected) selectedElement ??= mark;
        parts.push(mark);
        at = range.end;
      }
      if (at < text.length) parts.push(document.createTextNode(text.slice(at)));
      div.replaceChildren(...parts);
    }
    return selectedElement;
  }

  clear(): void {
    for (const [div, text] of this.touched) div.textContent = text;
    this.touched.clear();
  }
}
