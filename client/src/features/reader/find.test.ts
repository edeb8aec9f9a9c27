import { afterEach, describe, expect, it } from 'vitest';
import { buildPageText, findInPage, itemRanges, normalizeFindQuery, searchOrder, stepMatch } from './find';
import { TextHighlighter } from './text-highlight';

const items = [
  { str: 'Die Lärmschutzwand an der', hasEOL: true },
  { str: 'Goethestraße wird', hasEOL: false },
  { str: ' erneuert.', hasEOL: true },
  { str: 'STRASSE und Strasse', hasEOL: false },
];

describe('find in document', () => {
  const page = buildPageText(items);

  it('builds the page text in text-layer order with a space at line ends', () => {
    expect(page.text).toBe('Die Lärmschutzwand an der Goethestraße wird erneuert. STRASSE und Strasse');
    expect([...page.itemStarts]).toEqual([0, 26, 43, 54]);
  });

  it('finds case- and umlaut-insensitively, ß as ss, across line ends', () => {
    const found = findInPage(page, normalizeFindQuery('strasse'), 4);
    expect(found.map((m) => page.text.slice(m.start, m.end))).toEqual(['straße', 'STRASSE', 'Strasse']);
    expect(found.every((m) => m.page === 4)).toBe(true);
    const across = findInPage(page, normalizeFindQuery('der  Goethe'), 0);
    expect(across.map((m) => page.text.slice(m.start, m.end))).toEqual(['der Goethe']);
    expect(findInPage(page, normalizeFindQuery('Laermschutz'), 0)).toHaveLength(1);
  });

  it('maps a hit to the parts of the text items it covers', () => {
    const [hit] = findInPage(page, normalizeFindQuery('der Goethestraße'), 0);
    expect(itemRanges(page, hit!)).toEqual([
      { item: 0, start: 22, end: 25 },
      { item: 1, start: 0, end: 12 },
    ]);
  });

  it('finds nothing for an empty query', () => {
    expect(findInPage(page, normalizeFindQuery('  '), 0)).toEqual([]);
  });

  it('steps through hits and wraps around both ends', () => {
    expect(stepMatch(3, -1, 1)).toBe(0);
    expect(stepMatch(3, -1, -1)).toBe(2);
    expect(stepMatch(3, 2, 1)).toBe(0);
    expect(stepMatch(3, 0, -1)).toBe(2);
    expect(stepMatch(0, 0, 1)).toBe(-1);
  });

  it('searches from the current page onwards, then from the start', () => {
    expect(searchOrder(5, 3)).toEqual([3, 4, 0, 1, 2]);
    expect(searchOrder(3, 7)).toEqual([2, 0, 1]);
  });
});

describe('TextHighlighter', () => {
  afterEach(() => document.body.replaceChildren());

  it('wraps hits in the text-layer spans, marks the selected one, and restores the text', () => {
    const divs = items.map((item) => {
      const span = document.createElement('span');
      span.textContent = item.str;
      document.body.append(span);
      return span;
    });
    const page = buildPageText(items);
    const hits = findInPage(page, normalizeFindQuery('strasse'), 0);
    const highlighter = new TextHighlighter(divs, page);
    const selected = highlighter.apply(hits, 1);
    expect(selected?.textContent).toBe('STRASSE');
    expect(selected?.className).toBe('highlight selected');
    expect([...document.querySelectorAll('.highlight')].map((e) => e.textContent)).toEqual([
      'straße',
      'STRASSE',
      'Strasse',
    ]);
    expect(divs[1]!.textContent).toBe('Goethestraße wird');
    highlighter.clear();
    expect(document.querySelectorAll('.highlight')).toHaveLength(0);
    expect(divs.map((d) => d.textContent)).toEqual(items.map((i) => i.str));
  });
});
