import type { AgendaItemDetail, FileRef } from '@ratsmappe/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '../../test/render';
import { Agenda, showsNonPublic } from './agenda';

afterEach(cleanup);

let counter = 0;
function item(overrides: Partial<AgendaItemDetail>): AgendaItemDetail {
  counter += 1;
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    number: null,
    public: true,
    readable: true,
    name: 'Tagesordnungspunkt',
    parentId: null,
    paperId: null,
    result: null,
    supplementAt: null,
    paper: null,
    files: [],
    ...overrides,
  };
}

const lageplan: FileRef = {
  id: '00000000-0000-4000-8000-0000000000f1',
  name: 'Lageplan',
  role: 'auxiliary',
  date: '2026-11-12',
  fileName: 'lageplan.pdf',
  mimeType: 'application/pdf',
  size: 312_000,
  version: 1,
  public: true,
};

const parent = item({
  number: 'Ö 1',
  name: 'Bauleitplanung',
  paper: {
    id: '00000000-0000-4000-8000-0000000000a1',
    reference: 'BV/2026/0101',
    name: 'Bebauungsplan Mühlweg',
    paperType: 'Beschlussvorlage',
  },
  paperId: '00000000-0000-4000-8000-0000000000a1',
  result: 'einstimmig beschlossen',
  files: [lageplan],
});
const child = item({ number: 'Ö 1.1', name: 'Änderung des Flächennutzungsplans', parentId: parent.id });
const second = item({ number: 'Ö 2', name: 'Mitteilungen' });
const hidden = item({ number: 'N 1', public: false, readable: false, name: null });
const hiddenToo = item({ number: 'N 2', public: false, readable: false, name: null });

function texts(container: HTMLElement, selector: string): string[] {
  return [...container.querySelectorAll(selector)].map((e) => e.textContent?.replace(/\s+/g, ' ').trim() ?? '');
}

describe('Agenda', () => {
  it('shows the public part with its numbering, sub-items nested under their parent', () => {
    const { container } = render(<Agenda items={[parent, child, second]} slug="vg-lindenau" />);
    expect(texts(container, 'h3')).toEqual(['Öffentlicher Teil']);
    expect(texts(container, 'h4')).toEqual([
      'Ö 1 Bauleitplanung',
      'Ö 1.1 Änderung des Flächennutzungsplans',
      'Ö 2 Mitteilungen',
    ]);
    const nested = container.querySelector('ol.agenda > li ol.agenda--sub h4');
    expect(nested?.textContent).toContain('Ö 1.1');
  });

  it("links each item's paper and offers its documents inline and as download", () => {
    const { container } = render(<Agenda items={[parent]} slug="vg-lindenau" />);
    const paperLink = container.querySelector<HTMLAnchorElement>(
      'a[href="/vg-lindenau/vorlagen/00000000-0000-4000-8000-0000000000a1"]',
    );
    expect(paperLink?.textContent).toBe('BV/2026/0101: Bebauungsplan Mühlweg');
    expect(container.textContent).toContain('einstimmig beschlossen');
    const links = [...container.querySelectorAll<HTMLAnchorElement>('.file-list a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual([`/files/${lageplan.id}`, `/files/${lageplan.id}/download`]);
    expect(container.querySelector('.file-list')?.textContent).toContain('312 KB');
  });

  it('announces a non-public item only as "N 1 – nicht öffentlich", with no heading, link or document', () => {
    const { container } = render(<Agenda items={[second, hidden, hiddenToo]} slug="vg-lindenau" />);
    expect(texts(container, 'h3')).toEqual(['Öffentlicher Teil', 'Nichtöffentlicher Teil']);
    const part = container.querySelectorAll('section')[1]!;
    expect(texts(part, 'li')).toEqual(['N 1 – nicht öffentlich', 'N 2 – nicht öffentlich']);
    expect(part.querySelectorAll('h4, a, .file-list')).toHaveLength(0);
  });

  it('shows a non-public item the viewer may read with its title and documents, marked "nicht öffentlich"', () => {
    const expose = { ...lageplan, id: '00000000-0000-4000-8000-0000000000f2', name: 'Exposé', public: false };
    const readable = item({
      number: 'N 1',
      public: false,
      readable: true,
      name: 'Grundstücksangelegenheit',
      files: [expose],
    });
    const { container } = render(<Agenda items={[second, readable]} slug="vg-lindenau" />);
    const part = container.querySelectorAll('section')[1]!;
    expect(part.querySelector('h3')?.textContent).toBe('Nichtöffentlicher Teil');
    expect(part.querySelector('h4')?.textContent).toBe('N 1 Grundstücksangelegenheit nicht öffentlich');
    expect(texts(part, 'h4 .badge--non-public')).toEqual(['nicht öffentlich']);
    expect(texts(part, '.file__name .badge--non-public')).toEqual(['nicht öffentlich']);
    // Nothing in the public part carries the badge.
    expect(container.querySelectorAll('section')[0]!.querySelectorAll('.badge--non-public')).toHaveLength(0);
    expect(showsNonPublic([second, readable])).toBe(true);
  });

  it('says nothing about non-public content to a visitor who was sent none', () => {
    expect(showsNonPublic([parent, second, hidden, hiddenToo], [lageplan])).toBe(false);
    expect(showsNonPublic([second], [{ ...lageplan, public: false }])).toBe(true);
  });

  it('translates the announcement to English', () => {
    const { container } = render(<Agenda items={[hidden]} slug="vg-lindenau" />, { locale: 'en' });
    expect(texts(container, 'li')).toEqual(['N 1 – not public']);
    expect(texts(container, 'h3')).toEqual(['Closed session']);
  });
});
