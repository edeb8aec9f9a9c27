/**
 * The offline search at the size the issue names: 500 documents of 50 pages (plus papers and agenda items) of
 * generated German text. Reports build time, query times and heap; asserts only what the answers contain, never
 * how long they took (times depend on the machine and on what else runs).
 */
import { describe, expect, it } from 'vitest';
import { SearchIndex, type SearchRecord } from './search-index';

// The client's types have no Node APIs; vitest runs the test under Node, which has these two.
interface CpuUsage {
  user: number;
  system: number;
}
const nodeProcess = (
  globalThis as unknown as {
    process: { memoryUsage(): { heapUsed: number }; cpuUsage(previous?: CpuUsage): CpuUsage };
  }
).process;

const documents = 500;
const pagesPerDocument = 50;
const pageChars = 2_400;

function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const nouns = (
  'Gemeinde Stadt Rat Ausschuss Sitzung Vorlage Antrag Beschluss Haushalt Satzung Straße Weg Platz Brücke Schule ' +
  'Kita Kindergarten Spielplatz Sporthalle Friedhof Feuerwehr Gerätehaus Rathaus Bürgerhaus Bauhof Kläranlage ' +
  'Wasserleitung Kanal Abwasser Gebühr Steuer Grundsteuer Gewerbesteuer Zuschuss Förderung Fördermittel Kosten ' +
  'Planung Bebauung Baugebiet Grundstück Fläche Wohnung Verkehr Radweg Gehweg Parkplatz Ampel Kreuzung Lärm ' +
  'Schutz Umwelt Natur Baum Wald Wiese Bach Fluss Hochwasser Klima Energie Strom Wärme Photovoltaik Dach ' +
  'Sanierung Neubau Umbau Erweiterung Ausschreibung Vergabe Auftrag Angebot Vertrag Pacht Miete Personal Stelle ' +
  'Verwaltung Bürgermeister Ortsgemeinde Kreis Land Bund Gesetz Verordnung Frist Termin Bericht Prüfung ' +
  'Gutachten Stellungnahme Einwendung Beteiligung Öffentlichkeit Jugend Senioren Familie Kultur Sport Verein ' +
  'Markt Fest Tourismus Wirtschaft Gewerbe Handel Digitalisierung Breitband Mobilität Bus Bahn Haltestelle'
).split(' ');
const adjectives = (
  'neue alte öffentliche städtische geplante bestehende zusätzliche notwendige jährliche förderfähige ' +
  'barrierefreie energetische vorläufige endgültige gemeinsame überörtliche große kleine weitere künftige'
).split(' ');
const verbs = (
  'beschließt empfiehlt prüft beauftragt genehmigt lehnt ab nimmt zur Kenntnis stimmt zu vergibt beantragt ' +
  'stellt fest berät verweist erläutert plant saniert errichtet erweitert fördert finanziert'
).split(' ');
const glue = 'der die das und in im mit für von auf an zu bei nach über unter sowie gemäß durch ohne'.split(' ');

/** Zipf-like pick: early words are much more frequent, as in real text. */
function pick<T>(words: T[], next: () => number): T {
  return words[Math.floor(words.length * next() ** 2.2)]!;
}

function sentence(next: () => number): string {
  const parts: string[] = [];
  const length = 7 + Math.floor(next() * 10);
  for (let i = 0; i < length; i++) {
    const r = next();
    if (r < 0.3) parts.push(pick(glue, next));
    else if (r < 0.42) parts.push(pick(adjectives, next));
    else if (r < 0.5) parts.push(pick(verbs, next));
    else if (r < 0.62)
      parts.push(pick(nouns, next) + pick(nouns, next).toLowerCase()); // compounds
    else if (r < 0.66) parts.push(String(Math.floor(next() * 100_000)));
    else parts.push(pick(nouns, next));
  }
  const text = parts.join(' ');
  return text[0]!.toUpperCase() + text.slice(1) + (next() < 0.1 ? ': „Anlage ' + Math.ceil(next() * 9) + '“.' : '.');
}

function page(next: () => number): string {
  let text = '';
  while (text.length < pageChars) text += sentence(next) + ' ';
  return text.trimEnd();
}

/** Needles planted on known pages; the generator never produces these words. */
const needles: Record<number, Record<number, string>> = {
  137: { 42: 'Die Sanierung der Goethestraße beginnt im Frühjahr.' },
  301: { 7: 'Eine Lärmschutzwand entlang der Eisenbahntrasse ist vorgesehen.' },
  302: { 3: 'Die Eisenbahntrasse bleibt; eine Lärmschutzwand wird später geprüft.' },
};

function corpus(): SearchRecord[] {
  const next = random(20_260_501);
  const records: SearchRecord[] = [];
  for (let d = 0; d < documents; d++) {
    const pages: string[] = [];
    for (let p = 1; p <= pagesPerDocument; p++) {
      const text = page(next);
      const needle = needles[d]?.[p];
      pages.push(needle ? `${text} ${needle}` : text);
    }
    records.push({
      kind: 'document',
      id: `doc-${d}`,
      title: `Anlage ${d}: ${sentence(next).slice(0, 60)}`,
      label: `anlage-${d}.pdf`,
      text: pages.join('\n'),
      paged: true,
    });
  }
  for (let i = 0; i < 500; i++) {
    records.push({
      kind: 'paper',
      id: `paper-${i}`,
      title: i === 7 ? 'Lärmschutzwand an der Eisenbahntrasse' : sentence(next).slice(0, 80),
      label: `2026/${String(i).padStart(4, '0')}`,
      text: page(next).slice(0, 1_500),
      paged: false,
    });
  }
  for (let i = 0; i < 1_500; i++) {
    records.push({
      kind: 'agendaItem',
      id: `item-${i}`,
      title: sentence(next).slice(0, 90),
      label: `TOP ${1 + (i % 20)}`,
      text: next() < 0.5 ? sentence(next) : '',
      paged: false,
    });
  }
  return records;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

describe('offline search at the issue size (500 documents × 50 pages)', () => {
  it('builds, answers and updates incrementally; reports times and heap', () => {
    const heapBefore = nodeProcess.memoryUsage().heapUsed;
    const records = corpus();
    const chars = records.reduce((sum, r) => sum + r.text.length, 0);
    const heapCorpus = nodeProcess.memoryUsage().heapUsed;

    const started = performance.now();
    const cpu = nodeProcess.cpuUsage();
    const index = new SearchIndex();
    for (const record of records) index.add(record);
    const buildMs = performance.now() - started;
    const buildCpuMs = nodeProcess.cpuUsage(cpu).user / 1000;
    const heapIndex = nodeProcess.memoryUsage().heapUsed;
    const stats = index.stats();

    const queries = [
      'Goethestrasse ',
      'Lärmschutzwand Eisenbahntrasse ',
      '"Lärmschutzwand entlang der Eisenbahntrasse"',
      'Sanierung Sporthalle ',
      'Haushalt Grundsteuer Kita ',
      'Fördermittel Photovoltaik Dach ',
      'Bürgerhaus',
      'Sa',
      '"der Gemeinde"',
    ];
    const timings: string[] = [];
    for (const query of queries) {
      const runs: number[] = [];
      let result = index.search(query);
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        result = index.search(query);
        runs.push(performance.now() - t);
      }
      const total = `${result.exact ? '' : '≥ '}${result.total}`;
      timings.push(`${JSON.stringify(query)}: ${median(runs).toFixed(1)} ms median of 5 (${total} results)`);
    }

    const goethe = index.search('Goethestrasse ');
    expect(goethe.hits.map((h) => [h.id, h.page])).toEqual([['doc-137', 42]]);
    expect(goethe.hits[0]!.snippet!.text).toContain('Goethestraße');

    const words = index.search('Lärmschutzwand Eisenbahntrasse ');
    expect(words.hits.map((h) => h.id)).toEqual(['paper-7', 'doc-301', 'doc-302']);
    const phrase = index.search('"Lärmschutzwand entlang der Eisenbahntrasse"');
    expect(phrase.hits.map((h) => [h.id, h.page])).toEqual([['doc-301', 7]]);

    // A sync run changes a document: replace one, remove another.
    const updated = performance.now();
    index.add({ ...records[137]!, text: records[137]!.text.replace('Goethestraße', 'Schillerstraße') });
    index.remove('document', 'doc-301');
    const updateMs = performance.now() - updated;
    expect(index.search('Goethestrasse ').total).toBe(0);
    expect(index.search('Schillerstrasse ').hits.map((h) => [h.id, h.page])).toEqual([['doc-137', 42]]);
    expect(index.search('"Lärmschutzwand entlang der Eisenbahntrasse"').total).toBe(0);

    const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
    console.log(
      [
        `offline search index, ${records.length} records, ${(chars / 1e6).toFixed(1)} M characters of text`,
        `  build (in memory, from records): ${buildMs.toFixed(0)} ms wall, ${buildCpuMs.toFixed(0)} ms CPU`,
        `  index: ${stats.terms} terms, ${stats.postings} postings; heap (no forced GC): corpus ${mb(heapCorpus - heapBefore)}, index ${mb(heapIndex - heapCorpus)} more`,
        `  replace one 50-page document + remove one: ${updateMs.toFixed(0)} ms`,
        ...timings.map((t) => `  ${t}`),
      ].join('\n'),
    );
  }, 180_000);
});
