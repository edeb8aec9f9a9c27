/**
 * Offline full-text search over what is on the device: papers, agenda items and the extracted text of documents.
 * Invariant: the index answers from its own state only (no I/O, no React), and every record is either indexed
 * completely or not at all, so a sync change is applied by `add` (which replaces) or `remove` of exactly that record.
 *
 * Structure: an inverted index from German-normalised terms (folded, stemmed; stopwords left out) to postings at
 * section granularity. Section 0 is a record's title and label, section n ≥ 1 its n-th page (documents) or its text
 * (papers, agenda items). A posting is one small integer (ordinal × 4096 + section), so the whole index is a few
 * arrays of numbers. Texts are kept to verify quoted phrases and to cut snippets.
 *
 * Not persisted: it is rebuilt in memory at app start from the records in IndexedDB (the texts are there anyway),
 * then kept current with add/remove as sync applies changes. search-index.scale.test.ts measures the rebuild at the
 * issue's size (500 documents × 50 pages, 62 M characters): 1.2–2.7 s of CPU on the loaded 2-core test machine, so run
 * it in a worker or with buildSearchIndexInSlices; queries then take milliseconds.
 */
import type { SyncAgendaItem, SyncFile, SyncFileVersion, SyncPaper } from '@ratsmappe/shared';
import { foldText, forEachWord, germanStopwords, isWordChar, stemGerman } from './german-text';

export const searchKinds = ['paper', 'agendaItem', 'document'] as const;
export type SearchKind = (typeof searchKinds)[number];

export interface SearchRecord {
  kind: SearchKind;
  id: string;
  title: string;
  /** Reference, agenda item number or file name: searched and ranked like the title. */
  label?: string | null;
  /** Body text; for documents the extracted text, pages separated by '\n' (server/src/extraction/pdf-text.ts). */
  text: string;
  /** The text is a paged document: hits say on which page they are. */
  paged: boolean;
  /** Carried unchanged into results so the UI can navigate (meetingId, paperId, fileId …). */
  links?: Readonly<Record<string, string | null>>;
}

export interface TextRange {
  start: number;
  end: number;
}

export interface Snippet {
  text: string;
  highlights: TextRange[];
}

export interface SearchHit {
  kind: SearchKind;
  id: string;
  title: string;
  label: string | null;
  links: Readonly<Record<string, string | null>>;
  score: number;
  titleHighlights: TextRange[];
  /** Page (1-based) of the best hit in a paged document; null for papers, agenda items and title-only hits. */
  page: number | null;
  snippet: Snippet | null;
}

export interface SearchResults {
  total: number;
  /** False when `total` is a lower bound: a phrase of very common words was checked only as far as `hits` needed. */
  exact: boolean;
  hits: SearchHit[];
}

export interface SearchOptions {
  limit?: number;
  offset?: number;
  kinds?: readonly SearchKind[];
}

export function paperRecord(paper: SyncPaper): SearchRecord {
  return {
    kind: 'paper',
    id: paper.id,
    title: paper.name,
    label: paper.reference,
    text: paper.bodyText ?? '',
    paged: false,
    links: { paperId: paper.id },
  };
}

export function agendaItemRecord(item: SyncAgendaItem): SearchRecord {
  return {
    kind: 'agendaItem',
    id: item.id,
    title: item.name,
    label: item.number ? `TOP ${item.number}` : null,
    text: item.resolutionText ?? '',
    paged: false,
    links: { meetingId: item.meetingId, paperId: item.paperId },
  };
}

/** One entry per file, with the text of the version the device holds (the data layer passes the current one). */
export function documentRecord(file: SyncFile, version: SyncFileVersion): SearchRecord {
  return {
    kind: 'document',
    id: file.id,
    title: file.name,
    label: version.fileName,
    text: version.extractedText ?? '',
    paged: true,
    links: {
      fileId: file.id,
      fileVersionId: version.id,
      meetingId: file.meetingId,
      agendaItemId: file.agendaItemId,
      paperId: file.paperId,
    },
  };
}

export function recordKey(kind: SearchKind, id: string): string {
  return `${kind}:${id}`;
}

// Postings pack (ordinal, section) into one small integer; pages past 4095 count as page 4095.
const sectionSpan = 4096;
const maxOrdinal = Math.floor(2 ** 31 / sectionSpan) - 1;
const titleWeight = 1000;
const prefixExpansionLimit = 256;
const snippetLength = 220;
const snippetLead = 70;
/** Page texts a phrase query reads before it settles for the first page of results. */
const phraseWorkBudget = 2_000;

const byScore = (a: { score: number; ord: number }, b: { score: number; ord: number }) =>
  b.score - a.score || a.ord - b.ord;

/**
 * The key a word is indexed under: its stem, or for a stopword '#' + the folded word, so stopwords get ids (quoted
 * phrases compare them) without ever sharing one with a content word.
 */
export function termKey(word: string): string {
  const folded = foldText(word);
  if (folded.length === 0) return '';
  return germanStopwords.has(folded) ? `#${folded}` : stemGerman(folded);
}

function isStopKey(key: string): boolean {
  return key.startsWith('#');
}

/**
 * Raw word → term id, looked up by two independent 32-bit hashes over the characters in place, so the hot indexing
 * loop allocates no string for a spelling it has seen before. With 64 bits of hash, a false match among a few
 * hundred thousand spellings has a probability around 10⁻⁹; storing no key strings also keeps the table small and
 * free of references into document texts.
 */
class RawWordTable {
  /** [hash1, hash2, id] per slot; id -1 marks an empty slot. */
  private slots = new Int32Array(3 << 16).fill(-1);
  private capacity = 1 << 16;
  private count = 0;

  find(hash1: number, hash2: number): number {
    const { slots } = this;
    const mask = this.capacity - 1;
    for (let slot = hash1 & mask; ; slot = (slot + 1) & mask) {
      const id = slots[3 * slot + 2]!;
      if (id < 0 || (slots[3 * slot] === hash1 && slots[3 * slot + 1] === hash2)) return id;
    }
  }

  insert(hash1: number, hash2: number, id: number): void {
    if ((this.count + 1) * 2 > this.capacity) this.grow();
    const mask = this.capacity - 1;
    let slot = hash1 & mask;
    while (this.slots[3 * slot + 2]! >= 0) slot = (slot + 1) & mask;
    this.slots[3 * slot] = hash1;
    this.slots[3 * slot + 1] = hash2;
    this.slots[3 * slot + 2] = id;
    this.count++;
  }

  private grow(): void {
    const old = this.slots;
    this.capacity *= 2;
    this.slots = new Int32Array(3 * this.capacity).fill(-1);
    this.count = 0;
    for (let i = 0; i < old.length; i += 3) if (old[i + 2]! >= 0) this.insert(old[i]!, old[i + 1]!, old[i + 2]!);
  }
}

interface Entry {
  record: SearchRecord;
  key: string;
  titleText: string;
  /** Offset in `record.text` where each section ≥ 1 starts; section n spans to the next start (minus the '\n'). */
  sectionStarts: Int32Array;
  postingCount: number;
}

interface Group {
  terms: number[];
  /** Index of the phrase this term belongs to, or -1. */
  phrase: number;
}

interface ParsedQuery {
  /** Term keys that must occur. */
  words: string[];
  /** Stem prefix of the last word while it is being typed, or null. */
  prefix: string | null;
  /** Quoted phrases as term key sequences (stopwords included). */
  phrases: string[][];
}

interface Candidate {
  ord: number;
  /** Per group, the sections the group occurs in (ascending for single terms). */
  sections: number[][];
  /** Per phrase, the sections where the phrase was verified. */
  phraseSections: number[][];
  score: number;
  bestSection: number;
}

type TermVisitor = (term: number, start: number, end: number) => void;

export class SearchIndex {
  private entries: (Entry | undefined)[] = [];
  private ordinalOf = new Map<string, number>();
  private termIds = new Map<string, number>();
  private terms: string[] = [];
  /** Postings per term; null for stopwords, which only phrases look at (through the text). */
  private postings: (number[] | null)[] = [];
  private sortedTerms: Int32Array | null = null;
  private rawWords = new RawWordTable();
  private seen = new Int32Array(1024);
  private stamp = 0;
  private livePostings = 0;
  private deadPostings = 0;
  /** Sections whose text was read to check phrases during the current query. */
  private phraseWork = 0;

  get size(): number {
    return this.ordinalOf.size;
  }

  has(kind: SearchKind, id: string): boolean {
    return this.ordinalOf.has(recordKey(kind, id));
  }

  stats(): { records: number; terms: number; postings: number } {
    return { records: this.size, terms: this.terms.length, postings: this.livePostings };
  }

  /** Adds a record, replacing the one with the same kind and id. */
  add(record: SearchRecord): void {
    const key = recordKey(record.kind, record.id);
    this.remove(record.kind, record.id);
    if (this.entries.length > maxOrdinal) this.compact();
    const ord = this.entries.length;
    const titleText = record.label ? `${record.title} ${record.label}` : record.title;
    const sectionStarts = record.paged ? pageStarts(record.text) : Int32Array.of(0);
    const entry: Entry = { record, key, titleText, sectionStarts, postingCount: 0 };
    this.entries.push(entry);
    this.ordinalOf.set(key, ord);
    entry.postingCount += this.indexSection(ord, 0, titleText, 0, titleText.length);
    const text = record.text;
    for (let s = 0; s < sectionStarts.length; s++) {
      const start = sectionStarts[s]!;
      const end = s + 1 < sectionStarts.length ? sectionStarts[s + 1]! - 1 : text.length;
      entry.postingCount += this.indexSection(ord, Math.min(s + 1, sectionSpan - 1), text, start, end);
    }
    this.livePostings += entry.postingCount;
  }

  remove(kind: SearchKind, id: string): boolean {
    const key = recordKey(kind, id);
    const ord = this.ordinalOf.get(key);
    if (ord === undefined) return false;
    const entry = this.entries[ord]!;
    this.entries[ord] = undefined;
    this.ordinalOf.delete(key);
    this.livePostings -= entry.postingCount;
    this.deadPostings += entry.postingCount;
    // Removed records stay in the postings until they outweigh the live ones; queries skip them meanwhile.
    if (this.deadPostings > 50_000 && this.deadPostings > this.livePostings) this.compact();
    return true;
  }

  /** Drops removed records from the postings and renumbers the live ones densely. */
  compact(): void {
    const remap = new Int32Array(this.entries.length).fill(-1);
    const entries: Entry[] = [];
    this.entries.forEach((entry, ord) => {
      if (!entry) return;
      remap[ord] = entries.length;
      this.ordinalOf.set(entry.key, entries.length);
      entries.push(entry);
    });
    for (let t = 0; t < this.postings.length; t++) {
      const old = this.postings[t];
      if (!old) continue;
      const next: number[] = [];
      for (const posting of old) {
        const ord = remap[Math.floor(posting / sectionSpan)]!;
        if (ord >= 0) next.push(ord * sectionSpan + (posting % sectionSpan));
      }
      this.postings[t] = next;
    }
    this.entries = entries;
    this.deadPostings = 0;
  }

  /** Calls `visit` with the term id of every word in `text[from, to)`, creating ids for new words. */
  private scanTerms(text: string, from: number, to: number, visit: TermVisitor): void {
    let i = from;
    while (i < to) {
      while (i < to && !isWordChar(text.charCodeAt(i))) i++;
      if (i >= to) break;
      const start = i;
      let hash1 = 0x811c9dc5 | 0;
      let hash2 = 0x9747b28c | 0;
      for (; i < to; i++) {
        const code = text.charCodeAt(i);
        if (!isWordChar(code)) break;
        hash1 = Math.imul(hash1 ^ code, 0x01000193);
        hash2 = Math.imul(hash2 ^ code, 0x5bd1e995);
        hash2 ^= hash2 >>> 15;
      }
      let term = this.rawWords.find(hash1, hash2);
      if (term < 0) {
        term = this.termFor(termKey(text.slice(start, i)));
        this.rawWords.insert(hash1, hash2, term);
      }
      visit(term, start, i);
    }
  }

  private termFor(key: string): number {
    let id = this.termIds.get(key);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(key);
      this.termIds.set(key, id);
      this.postings.push(key === '' || isStopKey(key) ? null : []);
      this.sortedTerms = null;
      if (id >= this.seen.length) {
        const grown = new Int32Array(this.seen.length * 2);
        grown.set(this.seen);
        this.seen = grown;
      }
    }
    return id;
  }

  private indexSection(ord: number, section: number, text: string, from: number, to: number): number {
    const stamp = ++this.stamp;
    const base = ord * sectionSpan + section;
    let added = 0;
    this.scanTerms(text, from, to, (term) => {
      const list = this.postings[term];
      // Read this.seen each time: scanning a new word can grow it.
      if (!list || this.seen[term] === stamp) return;
      this.seen[term] = stamp;
      list.push(base);
      added++;
    });
    return added;
  }

  /** Term ids whose term starts with `prefix`, the most frequent first when there are too many. */
  private expandPrefix(prefix: string): number[] {
    if (!this.sortedTerms) {
      const ids = Int32Array.from(this.terms.keys());
      ids.sort((a, b) => (this.terms[a]! < this.terms[b]! ? -1 : this.terms[a]! > this.terms[b]! ? 1 : 0));
      this.sortedTerms = ids;
    }
    const sorted = this.sortedTerms;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.terms[sorted[mid]!]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const found: number[] = [];
    for (let i = lo; i < sorted.length && this.terms[sorted[i]!]!.startsWith(prefix); i++) {
      if ((this.postings[sorted[i]!]?.length ?? 0) > 0) found.push(sorted[i]!);
    }
    if (found.length <= prefixExpansionLimit) return found;
    return found.sort((a, b) => this.postings[b]!.length - this.postings[a]!.length).slice(0, prefixExpansionLimit);
  }

  search(query: string, options: SearchOptions = {}): SearchResults {
    const limit = options.limit ?? 20;
    const offset = options.offset ?? 0;
    const parsed = parseQuery(query);
    const groups: Group[] = [];
    const idOf = (key: string) => this.termIds.get(key);
    for (const word of parsed.words) {
      const id = idOf(word);
      if (id === undefined || !this.postings[id]) return { total: 0, exact: true, hits: [] };
      groups.push({ terms: [id], phrase: -1 });
    }
    const phraseIds: number[][] = [];
    for (const [p, phrase] of parsed.phrases.entries()) {
      const sequence = phrase.map((key) => idOf(key) ?? -1);
      if (sequence.includes(-1)) return { total: 0, exact: true, hits: [] };
      phraseIds.push(sequence);
      for (const id of new Set(sequence)) if (this.postings[id]) groups.push({ terms: [id], phrase: p });
    }
    if (parsed.prefix !== null) groups.push({ terms: this.expandPrefix(parsed.prefix), phrase: -1 });
    if (groups.length === 0 || groups.some((g) => g.terms.length === 0)) return { total: 0, exact: true, hits: [] };

    const kinds = options.kinds ? new Set(options.kinds) : null;
    const perGroup = groups.map((group) => this.collect(group.terms));
    const order = perGroup.map((_, i) => i).sort((a, b) => perGroup[a]!.size - perGroup[b]!.size);
    const live = this.size;
    const idf = perGroup.map((docs) => Math.log(1 + live / Math.max(1, docs.size)));

    const candidates: Candidate[] = [];
    for (const [ord, first] of perGroup[order[0]!]!) {
      const entry = this.entries[ord];
      if (!entry || (kinds && !kinds.has(entry.record.kind))) continue;
      const sections: number[][] = new Array<number[]>(groups.length);
      sections[order[0]!] = first;
      let all = true;
      for (let k = 1; k < order.length && all; k++) {
        const found = perGroup[order[k]!]!.get(ord);
        if (found) sections[order[k]!] = found;
        else all = false;
      }
      if (!all) continue;
      const candidate: Candidate = { ord, sections, phraseSections: [], score: 0, bestSection: -1 };
      this.score(candidate, groups, idf);
      candidates.push(candidate);
    }
    candidates.sort(byScore);
    let results = candidates;
    let exact = true;
    if (phraseIds.length > 0) {
      // Checking a phrase reads page text. For a phrase of common words that is most of the corpus, so pages are
      // checked in rank order and only as far as the requested results need (then the total is an estimate).
      results = [];
      let i = 0;
      for (; i < candidates.length; i++) {
        if (results.length >= offset + limit && this.phraseWork >= phraseWorkBudget) break;
        const candidate = candidates[i]!;
        if (!this.verifyPhrases(candidate, groups, phraseIds)) continue;
        this.score(candidate, groups, idf);
        results.push(candidate);
      }
      this.phraseWork = 0;
      exact = i === candidates.length;
      results.sort(byScore);
    }
    const highlight = this.highlighter(parsed, phraseIds);
    const hits = results.slice(offset, offset + limit).map((candidate) => this.hit(candidate, highlight));
    return { total: results.length, exact, hits };
  }

  /** Sections per live ordinal for the union of `terms`. */
  private collect(terms: number[]): Map<number, number[]> {
    const docs = new Map<number, number[]>();
    for (const term of terms) {
      let lastOrd = -1;
      let list: number[] | undefined;
      for (const posting of this.postings[term]!) {
        const ord = Math.floor(posting / sectionSpan);
        if (ord !== lastOrd) {
          lastOrd = ord;
          list = docs.get(ord);
          if (!list && this.entries[ord]) {
            list = [];
            docs.set(ord, list);
          }
        }
        list?.push(posting % sectionSpan);
      }
    }
    if (terms.length > 1)
      for (const [ord, list] of docs)
        docs.set(
          ord,
          [...new Set(list)].sort((a, b) => a - b),
        );
    return docs;
  }

  /** Keeps the sections where each quoted phrase really stands as written; false when a phrase is nowhere. */
  private verifyPhrases(candidate: Candidate, groups: Group[], phrases: number[][]): boolean {
    for (let p = 0; p < phrases.length; p++) {
      let common: number[] | null = null;
      groups.forEach((group, g) => {
        if (group.phrase === p)
          common = common ? intersectSorted(common, candidate.sections[g]!) : candidate.sections[g]!;
      });
      const verified: number[] = [];
      for (const section of common ?? []) {
        this.phraseWork++;
        const [text, from, to] = this.sectionText(candidate.ord, section);
        if (this.findPhrase(text, from, to, phrases[p]!, true).length > 0) verified.push(section);
      }
      if (verified.length === 0) return false;
      candidate.phraseSections[p] = verified;
    }
    return true;
  }

  /** Where the term id sequence `phrase` stands in `text[from, to)`. */
  private findPhrase(text: string, from: number, to: number, phrase: number[], firstOnly = false): TextRange[] {
    const found: TextRange[] = [];
    const terms: number[] = [];
    const starts: number[] = [];
    const n = phrase.length;
    this.scanTerms(text, from, to, (term, start, end) => {
      if (firstOnly && found.length > 0) return;
      terms.push(term);
      starts.push(start);
      const first = terms.length - n;
      if (first < 0) return;
      for (let k = 0; k < n; k++) if (terms[first + k] !== phrase[k]) return;
      found.push({ start: starts[first]!, end });
    });
    return found;
  }

  private score(candidate: Candidate, groups: Group[], idf: number[]): void {
    const entry = this.entries[candidate.ord]!;
    const pages = entry.sectionStarts.length;
    const perSection = new Map<number, number>();
    let titleHits = 0;
    let body = 0;
    groups.forEach((group, g) => {
      const sections = (group.phrase >= 0 && candidate.phraseSections[group.phrase]) || candidate.sections[g]!;
      let bodySections = 0;
      for (const section of sections) {
        if (section === 0) titleHits++;
        else {
          bodySections++;
          perSection.set(section, (perSection.get(section) ?? 0) + 1);
        }
      }
      if (bodySections > 0) body += idf[g]! * (1 + Math.log(bodySections));
    });
    let best = -1;
    let bestCount = 0;
    for (const [section, count] of perSection) {
      if (count > bestCount || (count === bestCount && section < best)) {
        best = section;
        bestCount = count;
      }
    }
    // Every query word found in one page beats the same words spread over the document.
    body = body / (1 + 0.25 * Math.log(1 + pages)) + (bestCount / groups.length) * 2;
    const allInTitle = titleHits === groups.length ? 1 : 0;
    candidate.score = (titleHits + allInTitle) * titleWeight + Math.min(body, titleWeight - 1);
    candidate.bestSection = best;
  }

  private sectionText(ord: number, section: number): [string, number, number] {
    const entry = this.entries[ord]!;
    if (section === 0) return [entry.titleText, 0, entry.titleText.length];
    const starts = entry.sectionStarts;
    const index = Math.min(section, starts.length) - 1;
    const from = starts[index]!;
    const to = index + 1 < starts.length ? starts[index + 1]! - 1 : entry.record.text.length;
    return [entry.record.text, from, to];
  }

  private highlighter(
    parsed: ParsedQuery,
    phrases: number[][],
  ): (text: string, from: number, to: number) => TextRange[] {
    const words = new Set(parsed.words.map((key) => this.termIds.get(key)));
    const { prefix } = parsed;
    return (text, from, to) => {
      const ranges: TextRange[] = [];
      this.scanTerms(text, from, to, (term, start, end) => {
        if (words.has(term) || (prefix !== null && this.terms[term]!.startsWith(prefix))) ranges.push({ start, end });
      });
      for (const phrase of phrases) ranges.push(...this.findPhrase(text, from, to, phrase));
      return mergeRanges(ranges);
    };
  }

  private hit(candidate: Candidate, highlight: (text: string, from: number, to: number) => TextRange[]): SearchHit {
    const { record } = this.entries[candidate.ord]!;
    const titleHighlights = highlight(record.title, 0, record.title.length);
    let snippet: Snippet | null = null;
    let page: number | null = null;
    if (candidate.bestSection > 0) {
      const [text, from, to] = this.sectionText(candidate.ord, candidate.bestSection);
      snippet = cutSnippet(text, from, to, highlight(text, from, to));
      if (record.paged) page = candidate.bestSection;
    } else if (record.text.length > 0) {
      const [text, from, to] = this.sectionText(candidate.ord, 1);
      snippet = cutSnippet(text, from, to, []);
    }
    return {
      kind: record.kind,
      id: record.id,
      title: record.title,
      label: record.label ?? null,
      links: record.links ?? {},
      score: candidate.score,
      titleHighlights,
      page,
      snippet,
    };
  }
}

/** Builds an index from records in one go (in a worker, or in tests). */
export function buildSearchIndex(records: Iterable<SearchRecord>): SearchIndex {
  const index = new SearchIndex();
  for (const record of records) index.add(record);
  return index;
}

/**
 * Builds an index on the page's own thread without freezing it: yields to the event loop after every `sliceMs` of
 * work (a 50-page document takes a few milliseconds to add).
 */
export async function buildSearchIndexInSlices(
  records: Iterable<SearchRecord> | AsyncIterable<SearchRecord>,
  sliceMs = 12,
): Promise<SearchIndex> {
  const index = new SearchIndex();
  let sliceStart = performance.now();
  for await (const record of records) {
    index.add(record);
    if (performance.now() - sliceStart > sliceMs) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      sliceStart = performance.now();
    }
  }
  return index;
}

function pageStarts(text: string): Int32Array {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return Int32Array.from(starts);
}

function intersectSorted(a: number[], b: number[]): number[] {
  const out: number[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      out.push(a[i]!);
      i++;
      j++;
    }
  }
  return out;
}

const quoteChars = '"„“”»«';
const quotePattern = new RegExp(`[${quoteChars}]([^${quoteChars}]*)(?:[${quoteChars}]|$)`, 'g');

/** Words, the last word as a prefix while typing (no trailing space), and "quoted phrases". */
export function parseQuery(query: string): ParsedQuery {
  const phrases: string[][] = [];
  const rest = query.replace(quotePattern, (_, inner: string) => {
    const keys: string[] = [];
    forEachWord(inner, (s, e) => keys.push(termKey(inner.slice(s, e))));
    // A phrase of stopwords alone ("die der") cannot be looked up and says nothing.
    if (keys.some((key) => key !== '' && !isStopKey(key))) phrases.push(keys.filter((key) => key !== ''));
    return ' ';
  });
  const words: string[] = [];
  forEachWord(rest, (s, e) => words.push(rest.slice(s, e)));
  // Typing the last word: the query ends inside a word that is not part of a closed or open quote.
  const typing = words.length > 0 && /[\p{L}\p{N}]$/u.test(rest);
  const exact = typing ? words.slice(0, -1) : words;
  const keys = exact.map(termKey).filter((key) => key !== '' && !isStopKey(key));
  let prefix: string | null = null;
  if (typing) {
    const last = foldText(words.at(-1)!);
    // A finished stopword at the end is not a prefix to expand ("Haus am" must not mean "Haus am…").
    if (!germanStopwords.has(last) || (keys.length === 0 && phrases.length === 0)) prefix = stemGerman(last);
  }
  return { words: [...new Set(keys)], prefix, phrases };
}

function mergeRanges(ranges: TextRange[]): TextRange[] {
  ranges.sort((a, b) => a.start - b.start);
  const merged: TextRange[] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/** About `snippetLength` characters of `text[from, to)` around its first highlight, cut at word boundaries. */
function cutSnippet(text: string, from: number, to: number, highlights: TextRange[]): Snippet {
  const anchor = highlights[0]?.start ?? from;
  let start = Math.max(from, anchor - snippetLead);
  let end = Math.min(to, start + snippetLength);
  if (start > from) {
    const space = text.indexOf(' ', start);
    if (space >= 0 && space < anchor) start = space + 1;
  }
  if (end < to) {
    const space = text.lastIndexOf(' ', end);
    if (space > start && space > (highlights[0]?.end ?? start)) end = space;
  }
  const lead = start > from ? '…' : '';
  const tail = end < to ? '…' : '';
  const body = text.slice(start, end).replace(/\s+/g, ' ');
  // Whitespace runs shrink when collapsed; map highlight offsets through the same collapse.
  const shift = (offset: number) =>
    lead.length + text.slice(start, Math.max(start, Math.min(offset, end))).replace(/\s+/g, ' ').length;
  return {
    text: lead + body + tail,
    highlights: highlights
      .filter((h) => h.end > start && h.start < end)
      .map((h) => ({ start: shift(Math.max(h.start, start)), end: shift(Math.min(h.end, end)) })),
  };
}
