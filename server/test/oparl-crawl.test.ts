import { readFile } from 'node:fs/promises';
import { sql, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nonPublicCanaryWord, seedDemo } from '../src/seed/demo-seed.js';
import { pdfText } from '../src/seed/pdf/pdf-text.js';
import { createTestApp, type TestApp } from './harness.js';
import { crawlOparl, typeName, type CrawlResult } from './oparl-crawler.js';
import { loadOparlSchemas } from './oparl-schema.js';

/** The whole demo data set (two bodies, two years) crawled once through the Hono app, then checked. */
const today = '2026-03-12';
let t: TestApp;
let crawl: CrawlResult;
const extracted: { public: boolean; text: string }[] = [];

/**
 * Extracting the text of all 500 PDFs takes longer than the crawl itself; the main PDFs of some non-public papers
 * (which carry the canary word) and a few public ones prove that `File.text` is served, and only where public.
 * The text is stored as the extraction job would store it.
 */
async function extractSomeTexts() {
  const db = t.ctx.database.db;
  const versions = await db
    .selectFrom('file_version as fv')
    .innerJoin('file as f', 'f.id', 'fv.file_id')
    .leftJoin('paper as p', 'p.id', 'f.paper_id')
    .select(['fv.id', 'fv.sha256', 'f.public', 'f.role', 'p.public as paperPublic'])
    .where('f.paper_id', 'is not', null)
    .orderBy('fv.id')
    .execute();
  const chosen = [
    ...versions.filter((v) => v.paperPublic === false && v.role === 'main').slice(0, 10),
    ...versions.filter((v) => v.public).slice(0, 8),
  ];
  for (const version of chosen) {
    const { text } = await pdfText(await readFile(t.ctx.blobs.pathOf(version.sha256)));
    await db
      .updateTable('file_version')
      .set({ extracted_text: text, text_extracted_at: new Date() })
      .where('id', '=', version.id)
      .execute();
    extracted.push({ public: version.public, text });
  }
}

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo({ db: t.ctx.database.db, blobs: t.ctx.blobs, today });
  await extractSomeTexts();
  const started = performance.now();
  crawl = await crawlOparl(t, { schemas: loadOparlSchemas(), concurrency: 6 });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `OParl crawl (${t.ctx.database.backend}): ${crawl.objects.size} objects validated ` +
      `(${crawl.validations} schema validations incl. embedded copies and standalone fetches), ` +
      `${crawl.listPages} list pages, ${crawl.requests} requests in ${seconds} s`,
  );
}, 240_000);
afterAll(() => t?.close());

async function count(query: RawBuilder<unknown>): Promise<number> {
  const result = await query.execute(t.ctx.database.db);
  return Number((result.rows[0] as { n: string }).n);
}

describe('a full OParl crawl of the demo data', () => {
  it('finds no problem: schemas, links, lists, embedding, order, empty values, CORS', () => {
    expect(crawl.problems.slice(0, 40)).toEqual([]);
    expect(crawl.problems).toHaveLength(0);
  });

  it('reaches every public object of every type, and nothing else', async () => {
    const byType = new Map<string, number>();
    for (const object of crawl.objects.values()) {
      const type = typeName(object.type);
      byType.set(type, (byType.get(type) ?? 0) + 1);
    }
    // Independent counts from the database, written from the rules rather than from the OParl queries.
    const expected = {
      Body: await count(sql`select count(*) as n from body where not deleted`),
      LegislativeTerm: await count(sql`select count(*) as n from legislative_term where not deleted`),
      Organization: await count(sql`select count(*) as n from organization where not deleted`),
      Person: await count(sql`select count(*) as n from person where not deleted`),
      Membership: await count(sql`select count(*) as n from membership where not deleted`),
      Meeting: await count(sql`select count(*) as n from meeting where not deleted`),
      AgendaItem: await count(sql`
        select count(*) as n from agenda_item i left join agenda_item parent on parent.id = i.parent_id
        where not i.deleted and i.public and (parent.id is null or parent.public)`),
      Paper: await count(sql`select count(*) as n from paper where not deleted and public`),
      Consultation: await count(sql`
        select count(*) as n from consultation c join paper p on p.id = c.paper_id
        where not c.deleted and not p.deleted and p.public`),
      File: await count(sql`
        select count(*) as n from file f
        left join agenda_item i on i.id = f.agenda_item_id
        left join agenda_item parent on parent.id = i.parent_id
        left join paper p on p.id = f.paper_id
        left join meeting m on m.id = f.meeting_id
        where not f.deleted and f.public
          and exists (select 1 from file_version v where v.file_id = f.id and not v.deleted)
          and ((f.meeting_id is not null and not m.deleted)
            or (i.public and not i.deleted and (parent.id is null or parent.public))
            or (p.public and not p.deleted))`),
      Location: await count(sql`
        select count(*) as n from location l where not l.deleted
          and (exists (select 1 from meeting m where m.location_id = l.id)
            or exists (select 1 from body b where b.location_id = l.id)
            or exists (select 1 from organization o where o.location_id = l.id))`),
    };
    expect(Object.fromEntries(byType)).toEqual(expected);
    expect(expected.AgendaItem).toBeGreaterThan(300);
    expect(expected.File).toBeGreaterThan(300);
    const allItems = await count(sql`select count(*) as n from agenda_item`);
    expect(allItems).toBeGreaterThan(expected.AgendaItem);
  });

  it('never shows the word that only non-public content carries', async () => {
    // The canary must really be in the data, or this test could not fail.
    const hidden = await count(sql`
      select (select count(*) from agenda_item where not public and name ilike ${`%${nonPublicCanaryWord}%`})
           + (select count(*) from paper where not public and body_text ilike ${`%${nonPublicCanaryWord}%`}) as n`);
    expect(hidden).toBeGreaterThan(5);
    expect(extracted.some((e) => !e.public && e.text.includes(nonPublicCanaryWord))).toBe(true);

    const canary = nonPublicCanaryWord.toLowerCase();
    const leaks = crawl.bodies.filter((body) => body.toLowerCase().includes(canary));
    expect(leaks.map((body) => body.slice(0, 300))).toEqual([]);
    // Extracted text is served where public, so the absence above is not just an absence of texts.
    const publicText = extracted.find((e) => e.public && e.text.length > 20)!.text;
    expect(crawl.bodies.some((body) => body.includes(JSON.stringify(publicText.slice(0, 20)).slice(1, -1)))).toBe(true);
  });

  it('answers non-public objects by id exactly like unknown ones', async () => {
    const db = t.ctx.database.db;
    const item = await db.selectFrom('agenda_item').select('id').where('public', '=', false).executeTakeFirstOrThrow();
    const paper = await db.selectFrom('paper').select('id').where('public', '=', false).executeTakeFirstOrThrow();
    const file = await db.selectFrom('file').select('id').where('public', '=', false).executeTakeFirstOrThrow();
    const consultation = await db
      .selectFrom('consultation as c')
      .innerJoin('paper as p', 'p.id', 'c.paper_id')
      .select('c.id')
      .where('p.public', '=', false)
      .executeTakeFirstOrThrow();
    const unknown = await t.request('/oparl/v1/paper/00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    const unknownBody = await unknown.text();
    for (const path of [
      `/oparl/v1/agendaItem/${item.id}`,
      `/oparl/v1/paper/${paper.id}`,
      `/oparl/v1/file/${file.id}`,
      `/oparl/v1/consultation/${consultation.id}`,
    ]) {
      const response = await t.request(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(await response.text()).toBe(unknownBody);
    }
  });
});
