import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import {
  agendaItem,
  content,
  file,
  fileVersion,
  freshAccountId,
  meeting,
  membership,
  page,
  paper,
  remove,
  upsert,
} from '../test/sync-fixtures';
import { FakeSyncServer } from '../test/sync-server';
import { userDatabaseName } from './account-data';
import { TabletRuntime } from './runtime';

/**
 * The device search follows the synced tables through the real chain: a pull page is applied, the runtime hands
 * the written and deleted rows to the index, and the next query sees exactly what the tables hold.
 */
const started: TabletRuntime[] = [];
let now = new Date('2026-03-02T09:00:00Z');

afterEach(async () => {
  for (const runtime of started.splice(0)) {
    await runtime.stop();
    await Dexie.delete(userDatabaseName(runtime.account.id));
  }
  now = new Date('2026-03-02T09:00:00Z');
});

const plan = content('lageplan', 500);
const report = content('gutachten', 700);

function setup() {
  const server = new FakeSyncServer();
  server.pages.set(
    '0',
    page('1', [
      upsert('membership', membership()),
      upsert('meeting', meeting('m1', '2026-03-10T17:00:00Z')),
      upsert('paper', paper('p1', { name: 'Bebauungsplan Mühlenweg', reference: '2026/0042' })),
      upsert('agendaItem', agendaItem('i1', 'm1', { name: 'Bebauungsplan Mühlenweg', paperId: 'p1' })),
      upsert('file', file('f1', { paperId: 'p1', name: 'Begründung' })),
      upsert(
        'fileVersion',
        fileVersion('v1', 'f1', plan, {
          extractedText: 'Anlass der Planung.\nEntlang des Weges ist eine Amphibienleitanlage vorzusehen.',
        }),
      ),
      upsert('file', file('f2', { paperId: 'p1', name: 'Gutachten', public: false })),
      upsert('fileVersion', fileVersion('v2', 'f2', report, { extractedText: 'Der Kaufpreis bleibt vertraulich.' })),
    ]),
  );
  const runtime = new TabletRuntime(
    { id: freshAccountId(), personIds: ['person-1'] },
    { fetch: server.fetch, now: () => now },
  );
  started.push(runtime);
  return { server, runtime };
}

const found = async (runtime: TabletRuntime, query: string) =>
  (await runtime.search.search(query)).hits.map((hit) => `${hit.kind}:${hit.id}${hit.page ? `@${hit.page}` : ''}`);

describe('DeviceSearch', () => {
  it('is built on first use from papers, agenda items and document texts, with the page of a document hit', async () => {
    const { runtime } = setup();
    await runtime.requestSync();
    expect(runtime.search.built).toBe(false);
    expect(await found(runtime, 'Amphibienleitanlage ')).toEqual(['document:f1@2']);
    expect(runtime.search.built).toBe(true);
    expect((await found(runtime, 'Mühlenweg ')).sort()).toEqual(['agendaItem:i1', 'paper:p1']);
    const [hit] = (await runtime.search.search('Amphibienleitanlage')).hits;
    expect(hit!.snippet!.text).toContain('Amphibienleitanlage');
  });

  it('follows every applied page: new texts are found, deleted and revoked rows are gone, a new version replaces', async () => {
    const { server, runtime } = setup();
    await runtime.requestSync();
    expect(await found(runtime, 'Kaufpreis ')).toEqual(['document:f2@1']);

    const newVersion = content('begruendung-2', 600);
    server.changed.push(
      // The gutachten is withdrawn from this user (revocation arrives as deletes), the plan gets a version 2.
      remove('fileVersion', 'v2'),
      remove('file', 'f2'),
      upsert(
        'fileVersion',
        fileVersion('v3', 'f1', newVersion, { version: 2, extractedText: 'Eine Krötenschutzanlage ist vorzusehen.' }),
      ),
      upsert('agendaItem', agendaItem('i2', 'm1', { name: 'Haushaltssatzung', position: 2 })),
    );
    await runtime.requestSync();
    expect(await found(runtime, 'Kaufpreis ')).toEqual([]);
    expect(await found(runtime, 'vertraulich ')).toEqual([]);
    expect(await found(runtime, 'Amphibienleitanlage ')).toEqual([]);
    expect(await found(runtime, 'Krötenschutzanlage ')).toEqual(['document:f1@1']);
    expect(await found(runtime, 'Haushaltssatzung ')).toEqual(['agendaItem:i2']);

    server.changed.push(remove('agendaItem', 'i2'), remove('paper', 'p1'));
    await runtime.requestSync();
    expect(await found(runtime, 'Haushaltssatzung ')).toEqual([]);
    expect(await found(runtime, 'Mühlenweg ')).toEqual(['agendaItem:i1']);
  });

  it('takes in the first sync when the index was built on the empty device', async () => {
    const { runtime } = setup();
    expect(await found(runtime, 'Amphibienleitanlage ')).toEqual([]);
    await runtime.requestSync();
    expect(await found(runtime, 'Amphibienleitanlage ')).toEqual(['document:f1@2']);
  });

  it('loses no page applied while the index is being built', async () => {
    const { server, runtime } = setup();
    await runtime.requestSync();
    server.changed.push(remove('file', 'f2'), remove('fileVersion', 'v2'));
    // Whether the page commits before or after the build reads the tables, the answer must be the same.
    const first = runtime.search.search('Kaufpreis ');
    await runtime.requestSync();
    await first;
    expect(await found(runtime, 'Kaufpreis ')).toEqual([]);
  });

  it('forgets non-public texts at once when the offline lease runs out', async () => {
    const { server, runtime } = setup();
    await runtime.requestSync();
    expect(await found(runtime, 'Kaufpreis ')).toEqual(['document:f2@1']);
    now = new Date('2026-04-15T09:00:00Z');
    server.offline = true;
    await runtime.requestSync();
    expect(await runtime.db.file.get('f2')).toBeUndefined();
    expect(await found(runtime, 'Kaufpreis ')).toEqual([]);
    expect(await found(runtime, 'Amphibienleitanlage ')).toEqual(['document:f1@2']);
  });
});
