import {
  quoteAt,
  type AnnotationWriteArgs,
  type SyncAnnotation,
  type SyncDevice,
  type SyncPullResponse,
  type SyncPushResponse,
} from '@ratsmappe/shared';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { makeAccount, makeMembership, makeOrganization, makePerson, signIn } from './factories.js';
import { createTestApp, type TestApp } from './harness.js';
import { createPaper, json, setUpOffice, type Office } from './office-fixtures.js';

/**
 * Annotations over HTTP: written through sync push, merged, shared with exactly the faction or committee chosen,
 * re-anchored on a new version of the document, exported as W3C JSON and as a PDF with real annotations.
 */
let t: TestApp;
let office: Office;
const cookies: Record<string, string> = {};
const ids: Record<string, string> = {};
let v1Text = '';

const paragraphs = {
  intro: 'Der Ortsgemeinderat beschließt die Sanierung des Dorfgemeinschaftshauses in der Hauptstraße.',
  unchanged: 'Lärmschutz und Verkehrsberuhigung sind Ziele der Planung im gesamten Ortskern.',
  changed: 'Der Haushaltsansatz beträgt 125.000 Euro für das laufende Jahr.',
  inserted: 'Ergänzung: Die Anregungen aus der Einwohnerversammlung wurden geprüft und teilweise übernommen.',
};

async function pdf(lines: string[]) {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  lines.forEach((line, i) => page.drawText(line, { x: 50, y: 780 - i * 24, font, size: 10 }));
  return doc.save();
}

async function register(cookie: string) {
  const response = await t.request('/api/sync/devices', { method: 'POST', cookie, body: json({ name: 'iPad' }) });
  return ((await response.json()) as SyncDevice).id;
}

async function push(cookie: string, device: string, mutations: unknown[]) {
  const response = await t.request('/api/sync/push', {
    method: 'POST',
    cookie,
    headers: { 'x-ratsmappe-device': device },
    body: json({ mutations }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as SyncPushResponse;
}

/** Every annotation record a fresh device of this user receives. */
async function annotationsSeenBy(cookie: string): Promise<SyncAnnotation[]> {
  const device = await register(cookie);
  const found: SyncAnnotation[] = [];
  let cursor = '0';
  for (;;) {
    const response = await t.request(`/api/sync/pull?cursor=${cursor}`, {
      cookie,
      headers: { 'x-ratsmappe-device': device },
    });
    const page = (await response.json()) as SyncPullResponse;
    for (const change of page.changes)
      if (change.op === 'upsert' && change.entity === 'annotation') found.push(change.data);
    cursor = page.cursor;
    if (!page.hasMore) return found;
  }
}

const seqs = new Map<string, number>();
function write(device: string, args: AnnotationWriteArgs) {
  const seq = (seqs.get(device) ?? 0) + 1;
  seqs.set(device, seq);
  return { seq, name: 'annotation.write', args };
}

const hlc = (ms: number, node: string) => `${String(1_790_000_000_000 + ms).padStart(13, '0')}-0000-${node}`;

function highlight(id: string, sha256: string, words: string, node: string, ms: number): AnnotationWriteArgs {
  const start = v1Text.indexOf(words);
  return {
    id,
    kind: 'highlight',
    fileId: ids.file!,
    agendaItemId: null,
    createdAt: '2026-11-21T08:00:00.000Z',
    writes: {
      target: {
        value: {
          sha256,
          page: 1,
          quote: quoteAt(v1Text, start, start + words.length),
          position: { start, end: start + words.length },
          rects: [[0.08, 0.1, 0.7, 0.02]],
        },
        hlc: hlc(ms, node),
        supersedes: [],
      },
      color: { value: 'yellow', hlc: hlc(ms, node), supersedes: [] },
    },
  };
}

beforeAll(async () => {
  t = await createTestApp();
  office = await setUpOffice(t);
  const db = t.ctx.database.db;
  const fraktionA = await makeOrganization(db, office.bodyId, 'faction', 'Fraktion Bürger für Birkenfeld');
  const fraktionB = await makeOrganization(db, office.bodyId, 'faction', 'Fraktion Grüne Liste');
  const [author, colleague, other] = await Promise.all([0, 1, 2].map(() => makePerson(db, office.bodyId)));
  for (const person of [author!, colleague!, other!]) await makeMembership(db, person, office.committeeId);
  await makeMembership(db, author!, fraktionA.id);
  await makeMembership(db, colleague!, fraktionA.id);
  await makeMembership(db, other!, fraktionB.id);
  const accounts = await Promise.all([author!, colleague!, other!].map((p) => makeAccount(db, { personIds: [p.id] })));
  cookies.author = await signIn(t, accounts[0]!.email);
  cookies.colleague = await signIn(t, accounts[1]!.email);
  cookies.other = await signIn(t, accounts[2]!.email);
  ids.fraktionA = fraktionA.id;
  ids.fraktionB = fraktionB.id;

  const paper = await createPaper(t, office, { name: 'Sanierung Dorfgemeinschaftshaus', public: false });
  await t.request(`/api/papers/${paper.id}/consultations`, {
    method: 'POST',
    cookie: office.staff,
    body: json({ organizationId: office.committeeId }),
  });
  const uploaded = await t.request(`/api/papers/${paper.id}/files`, {
    method: 'POST',
    cookie: office.staff,
    headers: { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent('Vorlage.pdf') },
    body: await pdf([paragraphs.intro, paragraphs.unchanged, paragraphs.changed]),
  });
  expect(uploaded.status).toBe(201);
  const file = (await uploaded.json()) as { id: string; versions: { sha256: string }[] };
  ids.file = file.id;
  await t.ctx.jobs.drain();
  const version = await db
    .selectFrom('file_version')
    .selectAll()
    .where('file_id', '=', file.id)
    .executeTakeFirstOrThrow();
  ids.v1 = version.sha256;
  v1Text = version.extracted_text ?? '';
  expect(v1Text).toContain('Lärmschutz');
});

afterAll(async () => {
  await t.close();
});

describe('annotations through sync push', () => {
  it('stores a highlight once, even when the push is replayed, and shows it on the author’s other device', async () => {
    const device = await register(cookies.author!);
    const mutation = write(
      device,
      highlight('0195f1a2-0000-7000-8000-000000000001', ids.v1!, paragraphs.unchanged, 'a', 1),
    );
    expect((await push(cookies.author!, device, [mutation])).rejected).toEqual([]);
    expect((await push(cookies.author!, device, [mutation])).lastMutationSeq).toBe(1);
    const rows = await t.ctx.database.db.selectFrom('annotation').select('id').execute();
    expect(rows).toHaveLength(1);
    const seen = await annotationsSeenBy(cookies.author!);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.own).toBe(true);
    expect(seen[0]!.values.target?.quote?.exact).toBe(paragraphs.unchanged);
    expect(seen[0]!.state).not.toBeNull();
  });

  it('merges concurrent edits of a note from two devices: the later text wins, the other is kept in history', async () => {
    const [a, b] = [await register(cookies.author!), await register(cookies.author!)];
    const id = '0195f1a2-0000-7000-8000-000000000002';
    const base = {
      id,
      kind: 'note' as const,
      fileId: ids.file!,
      agendaItemId: null,
      createdAt: '2026-11-21T08:05:00.000Z',
    };
    const created = {
      ...base,
      writes: { text: { value: 'Rückfrage: Folgekosten?', hlc: hlc(10, 'a'), supersedes: [] } },
    };
    await push(cookies.author!, a, [write(a, created)]);
    const onA = {
      ...base,
      writes: { text: { value: 'Rückfrage: Folgekosten pro Jahr?', hlc: hlc(20, 'a'), supersedes: [hlc(10, 'a')] } },
    };
    const onB = {
      ...base,
      writes: { text: { value: 'Rückfrage erledigt', hlc: hlc(30, 'b'), supersedes: [hlc(10, 'a')] } },
    };
    await push(cookies.author!, b, [write(b, onB)]);
    await push(cookies.author!, a, [write(a, onA)]);
    const note = (await annotationsSeenBy(cookies.author!)).find((n) => n.id === id)!;
    expect(note.values.text).toBe('Rückfrage erledigt');
    expect(note.state?.fields.text?.writes.map((w) => w.value)).toEqual([
      'Rückfrage: Folgekosten pro Jahr?',
      'Rückfrage erledigt',
    ]);
  });

  it('refuses another account writing to an annotation it does not own, and sharing with a faction one is not in', async () => {
    const device = await register(cookies.other!);
    const hijack = highlight('0195f1a2-0000-7000-8000-000000000001', ids.v1!, paragraphs.intro, 'x', 40);
    const shareWrong = {
      ...highlight('0195f1a2-0000-7000-8000-000000000009', ids.v1!, paragraphs.intro, 'x', 41),
      writes: {
        scope: {
          value: { kind: 'faction' as const, organizationId: ids.fraktionA! },
          hlc: hlc(41, 'x'),
          supersedes: [],
        },
      },
    };
    const result = await push(cookies.other!, device, [write(device, hijack), write(device, shareWrong)]);
    expect(result.rejected.map((r) => r.code)).toEqual(['not_found', 'validation_failed']);
    const stored = await t.ctx.database.db.selectFrom('annotation').selectAll().execute();
    expect(stored.map((s) => s.id)).not.toContain('0195f1a2-0000-7000-8000-000000000009');
  });

  it('shows a faction-shared note read-only to a fellow faction member and to no one else', async () => {
    const device = await register(cookies.author!);
    const id = '0195f1a2-0000-7000-8000-000000000003';
    await push(cookies.author!, device, [
      write(device, {
        id,
        kind: 'note',
        fileId: ids.file!,
        agendaItemId: null,
        createdAt: '2026-11-21T08:10:00.000Z',
        writes: {
          text: { value: 'Fraktionslinie: zustimmen, Kosten deckeln', hlc: hlc(50, 'a'), supersedes: [] },
          scope: { value: { kind: 'faction', organizationId: ids.fraktionA! }, hlc: hlc(50, 'a'), supersedes: [] },
        },
      }),
    ]);
    const colleague = (await annotationsSeenBy(cookies.colleague!)).find((n) => n.id === id);
    expect(colleague?.own).toBe(false);
    expect(colleague?.state).toBeNull();
    expect(colleague?.values.text).toBe('Fraktionslinie: zustimmen, Kosten deckeln');
    expect((await annotationsSeenBy(cookies.other!)).map((n) => n.id)).not.toContain(id);
    expect(await annotationsSeenBy(office.staff)).toEqual([]);
    // The colleague may not change it.
    const colleagueDevice = await register(cookies.colleague!);
    const refused = await push(cookies.colleague!, colleagueDevice, [
      write(colleagueDevice, {
        id,
        kind: 'note',
        fileId: ids.file!,
        agendaItemId: null,
        createdAt: '2026-11-21T08:10:00.000Z',
        writes: { text: { value: 'überschrieben', hlc: hlc(60, 'c'), supersedes: [] } },
      }),
    ]);
    expect(refused.rejected.map((r) => r.code)).toEqual(['not_found']);
    // No public door shows annotation text.
    const search = (await (await t.request('/api/search?q=Fraktionslinie', { cookie: cookies.colleague })).json()) as {
      total: number;
    };
    expect(search.total).toBe(0);
    const oparl = await (await t.request(`/oparl/v1/body/${office.bodyId}/paper`)).text();
    expect(oparl).not.toContain('Fraktionslinie');
  });
});

describe('a new version of the document', () => {
  it('re-anchors: the unchanged highlight in place, the changed one flagged, none lost', async () => {
    const device = await register(cookies.author!);
    await push(cookies.author!, device, [
      write(device, highlight('0195f1a2-0000-7000-8000-000000000004', ids.v1!, paragraphs.changed, 'a', 70)),
    ]);
    const v2 = await pdf([
      paragraphs.intro,
      paragraphs.inserted,
      paragraphs.unchanged,
      'Der Haushaltsansatz beträgt 135.000 Euro für das laufende Jahr.',
    ]);
    const replaced = await t.request(`/api/files/${ids.file}/versions`, {
      method: 'POST',
      cookie: office.staff,
      headers: { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent('Vorlage.pdf') },
      body: v2,
    });
    expect(replaced.status).toBe(201);
    await t.ctx.jobs.drain();
    const v2Sha = (
      await t.ctx.database.db
        .selectFrom('file_version')
        .select('sha256')
        .where('file_id', '=', ids.file!)
        .orderBy('version', 'desc')
        .executeTakeFirstOrThrow()
    ).sha256;
    const seen = await annotationsSeenBy(cookies.author!);
    const unchanged = seen.find((a) => a.id === '0195f1a2-0000-7000-8000-000000000001')!;
    const changed = seen.find((a) => a.id === '0195f1a2-0000-7000-8000-000000000004')!;
    expect(unchanged.anchors[v2Sha]?.status).toBe('exact');
    expect(unchanged.anchors[v2Sha]?.exact).toBe(paragraphs.unchanged);
    expect(changed.anchors[v2Sha]?.status).toBe('changed');
    expect(changed.anchors[v2Sha]?.exact).toContain('135.000');
    // Both still carry their original target on version 1.
    expect(changed.values.target?.sha256).toBe(ids.v1);
  });
});

const webAnnotation = z.object({
  '@context': z.literal('http://www.w3.org/ns/anno.jsonld'),
  id: z.url(),
  type: z.literal('Annotation'),
  motivation: z.enum(['highlighting', 'commenting', 'bookmarking', 'describing', 'tagging']),
  created: z.iso.datetime(),
  body: z
    .array(z.object({ type: z.literal('TextualBody'), value: z.string(), purpose: z.string().optional() }))
    .optional(),
  target: z.object({
    source: z.url(),
    selector: z
      .union([
        z.array(
          z.object({ type: z.enum(['TextQuoteSelector', 'TextPositionSelector', 'FragmentSelector', 'SvgSelector']) }),
        ),
        z.object({ type: z.string() }),
      ])
      .optional(),
  }),
});

describe('exports', () => {
  it('exports the author’s annotations of the document as a W3C Web Annotation collection', async () => {
    const response = await t.request(`/api/files/${ids.file}/annotations`, { cookie: cookies.author });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/ld+json');
    const collection = (await response.json()) as { type: string; total: number; first: { items: unknown[] } };
    expect(collection.type).toBe('AnnotationCollection');
    expect(collection.first.items.length).toBe(collection.total);
    expect(collection.total).toBeGreaterThanOrEqual(4);
    for (const item of collection.first.items) webAnnotation.parse(item);
    // Someone who may not read the document gets 404, the public 401.
    const bau = await makeAccount(t.ctx.database.db);
    expect((await t.request(`/api/files/${ids.file}/annotations`, { cookie: await signIn(t, bau.email) })).status).toBe(
      404,
    );
    expect((await t.request(`/api/files/${ids.file}/annotations`)).status).toBe(401);
  });

  it('writes the annotations into the PDF as annotations pdf.js reads', async () => {
    const response = await t.request(`/api/files/${ids.file}/annotated.pdf`, { cookie: cookies.author });
    expect(response.status).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const document = await getDocument({ data: bytes, isEvalSupported: false, verbosity: 0 }).promise;
    const annotations = await (await document.getPage(1)).getAnnotations();
    const subtypes = annotations.map((a: { subtype: string }) => a.subtype);
    // Made on version 1, the document is now version 2: placed as notes, the changed one says so.
    expect(subtypes.filter((s: string) => s === 'Text').length).toBeGreaterThanOrEqual(3);
    const contents = annotations.map((a: { contentsObj?: { str: string } }) => a.contentsObj?.str ?? '').join('\n');
    expect(contents).toContain('Text geändert');
    expect(contents).toContain('Rückfrage erledigt');
    await document.destroy();
  });
});
