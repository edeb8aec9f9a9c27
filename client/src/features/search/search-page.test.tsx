import type { SearchResponse } from '@ratsmappe/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, settle, stubFetch } from '../../test/fetch';
import { cleanup, render } from '../../test/render';
import { SearchPage } from './search-page';

const body = { id: '00000000-0000-4000-8000-0000000000b1', slug: 'vg-lindenau', name: 'Verbandsgemeinde Lindenau' };

const response: SearchResponse = {
  query: 'Amphibienleitanlage',
  total: 21,
  page: 2,
  limit: 20,
  results: [
    {
      type: 'file',
      id: '00000000-0000-4000-8000-0000000000f1',
      bodyId: '00000000-0000-4000-8000-0000000000b1',
      bodySlug: 'vg-lindenau',
      title: 'Anlage 2 – Stellungnahme der Naturschutzbehörde',
      snippet: 'eine dauerhafte <mark>Amphibienleitanlage</mark> mit &lt;2&gt; Durchlässen',
      date: '2026-11-12',
      reference: null,
      rank: 0.5,
      meeting: null,
      paper: { id: '00000000-0000-4000-8000-0000000000a1', name: 'Ausbau Mühlweg', reference: 'BV/2026/0101' },
      agendaItem: null,
      file: { fileName: 'anlage-2.pdf', mimeType: 'application/pdf', version: 1, page: 3 },
    },
  ],
};

beforeEach(() => {
  window.history.replaceState(null, '', '/vg-lindenau/suche?q=Amphibienleitanlage&typ=dokument&seite=2');
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

describe('SearchPage', () => {
  it('asks the search API with the filters from the address and shows the count and results', async () => {
    const fetchMock = stubFetch({
      '/api/search': () => json(200, response),
      '/api/bodies/vg-lindenau': () => json(200, body),
    });
    const { container } = render(<SearchPage slug="vg-lindenau" />);
    await settle();

    expect(fetchMock).toHaveBeenCalledWith(
      '/api/search?q=Amphibienleitanlage&body=vg-lindenau&type=file&page=2&limit=20',
      expect.anything(),
    );
    expect(container.querySelector('#search-results + [role="status"]')?.textContent).toBe(
      '21 Treffer für „Amphibienleitanlage“',
    );
    const result = container.querySelector('.search-results li')!;
    expect(result.querySelector('h3 a')?.getAttribute('href')).toBe(
      '/files/00000000-0000-4000-8000-0000000000f1#page=3',
    );
    expect(result.querySelector('mark')?.textContent).toBe('Amphibienleitanlage');
    expect(result.querySelector('.search-result__snippet')?.textContent).toBe(
      'eine dauerhafte Amphibienleitanlage mit <2> Durchlässen',
    );
    expect(result.querySelector('.search-result__context a')?.getAttribute('href')).toBe(
      '/vg-lindenau/vorlagen/00000000-0000-4000-8000-0000000000a1',
    );
    expect(container.querySelector('ol.search-results')?.getAttribute('start')).toBe('21');
    expect(container.querySelector('nav.pagination')?.textContent).toContain('Seite 2 von 2');
  });

  it('keeps the query and filters in the form', async () => {
    stubFetch({ '/api/search': () => json(200, response), '/api/bodies/vg-lindenau': () => json(200, body) });
    const { container } = render(<SearchPage slug="vg-lindenau" />);
    await settle();
    expect(container.querySelector<HTMLInputElement>('input[name="q"]')?.value).toBe('Amphibienleitanlage');
    expect(container.querySelector<HTMLSelectElement>('select[name="typ"]')?.value).toBe('dokument');
  });

  it('asks for a search term instead of searching for nothing', async () => {
    window.history.replaceState(null, '', '/vg-lindenau/suche');
    const fetchMock = stubFetch({ '/api/bodies/vg-lindenau': () => json(200, body) });
    const { container } = render(<SearchPage slug="vg-lindenau" />);
    await settle();
    expect(fetchMock.mock.calls.some(([url]) => String(url).startsWith('/api/search'))).toBe(false);
    expect(container.textContent).toContain('Geben Sie einen Suchbegriff ein.');
  });
});
