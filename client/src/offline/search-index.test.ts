import type { SyncAgendaItem, SyncFile, SyncFileVersion, SyncPaper } from '@ratsmappe/shared';
import { describe, expect, it } from 'vitest';
import {
  agendaItemRecord,
  buildSearchIndex,
  buildSearchIndexInSlices,
  documentRecord,
  paperRecord,
  parseQuery,
  SearchIndex,
  type SearchHit,
  type SearchRecord,
} from './search-index';

function doc(id: string, title: string, pages: string[], label: string | null = null): SearchRecord {
  return { kind: 'document', id, title, label, text: pages.join('\n'), paged: true };
}

function paper(id: string, title: string, text: string, label: string | null = null): SearchRecord {
  return { kind: 'paper', id, title, label, text, paged: false };
}

const marked = (text: string, ranges: { start: number; end: number }[]) =>
  ranges.map((r) => text.slice(r.start, r.end));
const ids = (hits: SearchHit[]) => hits.map((h) => h.id);

describe('SearchIndex', () => {
  const index = buildSearchIndex([
    doc('plan', 'Begründung zum Bebauungsplan', [
      'Einleitung und Anlass der Planung.',
      'Die Erschließung erfolgt über die Goethestraße und den Lindenweg.',
      'Die Lärmschutzwand entlang der Bahntrasse wird drei Meter hoch.',
    ]),
    doc('gutachten', 'Schallgutachten', [
      'Messpunkte an der Bahntrasse.',
      'Eine Lärmschutzwand ist nicht erforderlich, die Bahntrasse liegt tief.',
    ]),
    paper('v1', 'Lärmschutz an der Goethestrasse', 'Antrag der Fraktion auf Prüfung.', '2026/0042'),
    paper('v2', 'Haushaltssatzung 2026', 'Der Haushalt umfasst Investitionen in Kindertagesstätten.'),
    {
      kind: 'agendaItem',
      id: 'top3',
      title: 'Neubau der Kita Sonnenschein',
      label: 'TOP 3',
      text: 'Der Rat beschließt den Neubau.',
      paged: false,
    },
  ]);

  it('finds "Straße" when "Strasse" is typed, and the other way round', () => {
    expect(ids(index.search('Goethestrasse ').hits)).toEqual(['v1', 'plan']);
    expect(ids(index.search('Goethestraße ').hits)).toEqual(['v1', 'plan']);
  });

  it('says on which page of a document the hit is and highlights it in the snippet', () => {
    const [hit] = index.search('Erschließung ').hits;
    expect(hit!.id).toBe('plan');
    expect(hit!.page).toBe(2);
    expect(marked(hit!.snippet!.text, hit!.snippet!.highlights)).toEqual(['Erschließung']);
    expect(hit!.snippet!.text).toContain('Goethestraße');
  });

  it('matches inflected forms through the stemmer', () => {
    expect(ids(index.search('Planungen ').hits)).toEqual(['plan']);
    expect(ids(index.search('Haushalts ').hits)).toEqual(['v2']);
  });

  it('treats the last word as a prefix while it is typed, but not once a space follows', () => {
    expect(ids(index.search('Kindertages').hits)).toEqual(['v2']);
    expect(ids(index.search('Sonnen').hits)).toEqual(['top3']);
    expect(index.search('Sonnen ').total).toBe(0);
  });

  it('requires every word (AND) and ignores stopwords', () => {
    expect(ids(index.search('die Bahntrasse und Messpunkte ').hits)).toEqual(['gutachten']);
    expect(index.search('Bahntrasse Kita ').total).toBe(0);
  });

  it('finds a quoted phrase only where its words stand together', () => {
    expect(ids(index.search('Lärmschutzwand Bahntrasse').hits).sort()).toEqual(['gutachten', 'plan']);
    const phrase = index.search('"Lärmschutzwand entlang der Bahntrasse"');
    expect(ids(phrase.hits)).toEqual(['plan']);
    expect(phrase.hits[0]!.page).toBe(3);
    expect(marked(phrase.hits[0]!.snippet!.text, phrase.hits[0]!.snippet!.highlights)).toEqual([
      'Lärmschutzwand entlang der Bahntrasse',
    ]);
    expect(index.search('„Bahntrasse entlang“').total).toBe(0);
  });

  it('ranks title hits above body hits, however many the body has', () => {
    const index = buildSearchIndex([
      doc(
        'body',
        'Anlage 3',
        Array.from({ length: 20 }, () => 'Radweg Radweg Radweg am Fluss'),
      ),
      paper('title', 'Radweg am Fluss', 'Kurzer Antrag.'),
      paper('label', 'Antrag der Fraktion', 'Kein Treffer im Text.', 'Radweg-2026'),
    ]);
    const hits = index.search('Radweg ').hits;
    expect(ids(hits)).toEqual(['title', 'label', 'body']);
    expect(marked(hits[0]!.title, hits[0]!.titleHighlights)).toEqual(['Radweg']);
    expect(hits[0]!.page).toBeNull();
  });

  it('ranks a document with all words on one page above one with the words scattered', () => {
    const index = buildSearchIndex([
      doc('scattered', 'Anlage A', ['Sporthalle am Rand.', 'Nichts.', 'Das Dach ist undicht.']),
      doc('together', 'Anlage B', ['Nichts.', 'Das Dach der Sporthalle ist undicht.', 'Nichts.']),
    ]);
    const hits = index.search('Sporthalle Dach ').hits;
    expect(ids(hits)).toEqual(['together', 'scattered']);
    expect(hits[0]!.page).toBe(2);
  });

  it('filters by kind and pages through results', () => {
    expect(ids(index.search('Goethestrasse ', { kinds: ['document'] }).hits)).toEqual(['plan']);
    const all = index.search('Bahntrasse ');
    expect(all.total).toBe(2);
    expect(index.search('Bahntrasse ', { limit: 1, offset: 1 }).hits).toEqual([all.hits[1]]);
  });

  it('adds, replaces and removes single records, as sync changes them', () => {
    const index = new SearchIndex();
    index.add(paper('p', 'Spielplatz Am Anger', 'Erneuerung der Geräte.'));
    expect(index.search('Spielplatz ').total).toBe(1);
    index.add(paper('p', 'Bolzplatz Am Anger', 'Erneuerung der Tore.'));
    expect(index.size).toBe(1);
    expect(index.search('Spielplatz ').total).toBe(0);
    expect(index.search('Bolzplatz Tore ').total).toBe(1);
    expect(index.remove('paper', 'p')).toBe(true);
    expect(index.search('Bolzplatz ').total).toBe(0);
    expect(index.remove('paper', 'p')).toBe(false);
  });

  it('gives the same answers after compacting removed records away', () => {
    const index = new SearchIndex();
    for (let i = 0; i < 50; i++) index.add(paper(`p${i}`, `Vorlage ${i}`, `Feuerwehrhaus Nummer ${i}`));
    for (let i = 0; i < 50; i += 2) index.remove('paper', `p${i}`);
    const before = index.search('Feuerwehrhaus ', { limit: 100 });
    index.compact();
    const after = index.search('Feuerwehrhaus ', { limit: 100 });
    expect(after.total).toBe(25);
    expect(ids(after.hits)).toEqual(ids(before.hits));
    index.add(paper('p0', 'Vorlage 0', 'Feuerwehrhaus Nummer 0'));
    expect(index.search('Feuerwehrhaus ', { limit: 100 }).total).toBe(26);
  });

  it('builds in slices from an async source, with the same answers', async () => {
    async function* records() {
      for (let i = 0; i < 30; i++) {
        await Promise.resolve();
        yield doc(`d${i}`, `Anlage ${i}`, [`Seite eins`, `Baumschutzsatzung ${i}`]);
      }
    }
    const index = await buildSearchIndexInSlices(records(), 0);
    expect(index.size).toBe(30);
    const result = index.search('Baumschutzsatzung 17 ');
    expect(result.hits.map((h) => [h.id, h.page])).toEqual([['d17', 2]]);
  });

  it('reports a lower bound, not a wrong total, when a phrase of common words is checked only partly', () => {
    const pages = Array.from({ length: 40 }, (_, i) => (i % 2 ? 'Sitzung des Rates' : 'Rates der Sitzung'));
    const index = buildSearchIndex(Array.from({ length: 150 }, (_, d) => doc(`d${d}`, `Protokoll ${d}`, pages)));
    const full = index.search('"Sitzung des Rates"', { limit: 200 });
    expect(full).toMatchObject({ total: 150, exact: true });
    const first = index.search('"Sitzung des Rates"', { limit: 5 });
    expect(first.exact).toBe(false);
    expect(first.total).toBeGreaterThanOrEqual(5);
    expect(first.total).toBeLessThan(150);
    expect(first.hits.every((h) => h.page !== null && h.page % 2 === 0)).toBe(true);
  });

  it('answers nothing for an empty query or a word it has never seen', () => {
    expect(index.search('').total).toBe(0);
    expect(index.search('   ').total).toBe(0);
    expect(index.search('Zeppelin ').total).toBe(0);
  });

  it('makes records from the synced objects', () => {
    const p = { id: 'p1', name: 'Kita', reference: '2026/1', bodyText: null } as SyncPaper;
    const a = { id: 'a1', meetingId: 'm1', number: '4.1', name: 'Kita', paperId: 'p1', resolutionText: 'Ja' };
    const f = { id: 'f1', name: 'Plan', meetingId: null, agendaItemId: 'a1', paperId: 'p1' } as SyncFile;
    const v = { id: 'v1', fileId: 'f1', fileName: 'plan.pdf', extractedText: 'Seite eins\nSeite zwei' };
    expect(paperRecord(p)).toMatchObject({ kind: 'paper', title: 'Kita', label: '2026/1', text: '' });
    expect(agendaItemRecord(a as SyncAgendaItem)).toMatchObject({
      kind: 'agendaItem',
      label: 'TOP 4.1',
      links: { meetingId: 'm1', paperId: 'p1' },
    });
    const record = documentRecord(f, v as SyncFileVersion);
    expect(record).toMatchObject({ kind: 'document', id: 'f1', paged: true, links: { fileVersionId: 'v1' } });
    expect(buildSearchIndex([record]).search('zwei ').hits[0]!.page).toBe(2);
  });
});

describe('parseQuery', () => {
  it('separates quoted phrases, plain words and the prefix being typed', () => {
    expect(parseQuery('"Straße am Markt" Kosten Plan')).toEqual({
      words: ['kost'],
      prefix: 'plan',
      phrases: [['strass', '#am', 'markt']],
    });
    expect(parseQuery('Kosten "offen').prefix).toBeNull();
    expect(parseQuery('Haus am').prefix).toBeNull();
  });
});
