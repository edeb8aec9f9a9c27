import { afterEach, describe, expect, it } from 'vitest';
import { freshAccountId, meeting, page, upsert } from '../test/sync-fixtures';
import { FakeSyncServer } from '../test/sync-server';
import { openUserDatabase, type UserDatabase } from './db';
import { effectivePins, enqueueMutation } from './outbox';
import { SyncClient, SyncFailure } from './sync-client';

const now = new Date('2026-03-02T09:00:00Z');
const opened: UserDatabase[] = [];

function setup() {
  const db = openUserDatabase(freshAccountId());
  opened.push(db);
  const server = new FakeSyncServer();
  const client = new SyncClient(db, {
    fetch: server.fetch,
    now: () => now,
    deviceName: () => 'iPad (Safari)',
    locale: () => 'de',
  });
  return { db, server, client };
}

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

describe('SyncClient', () => {
  it('registers the device once, then pulls every page with the device header and the last applied cursor', async () => {
    const { db, server, client } = setup();
    server.pages.set('0', page('1', [upsert('meeting', meeting('m1', '2026-03-10T17:00:00Z'))], { hasMore: true }));
    server.pages.set('1', page('2', [upsert('meeting', meeting('m2', '2026-03-11T17:00:00Z'))]));
    await client.sync();
    await client.sync();

    expect(server.requestsTo('/api/sync/devices')).toHaveLength(1);
    expect(server.requestsTo('/api/sync/devices')[0]!.body).toEqual({ name: 'iPad (Safari)' });
    const pulls = server.requestsTo('/api/sync/pull');
    expect(pulls.map((r) => r.query.get('cursor'))).toEqual(['0', '1', '2']);
    expect(pulls.every((r) => r.headers['x-ratsmappe-device'] === 'device-1' && r.query.get('limit') === '500')).toBe(
      true,
    );
    const meta = await db.readMeta();
    expect(meta).toMatchObject({ deviceId: 'device-1', cursor: '2', lastContactAt: '2026-03-02T09:00:00.000Z' });
    expect(await db.meeting.count()).toBe(2);
  });

  it('pushes mutations in sequence, keeps them until the following pull, and keeps refused ones for the user', async () => {
    const { db, server, client } = setup();
    await enqueueMutation(db, 'pin.set', { meetingId: 'm1' }, now);
    await enqueueMutation(db, 'pin.set', { meetingId: 'gone' }, now);
    server.refuse.add(2);
    // The pull after the push fails: the mutations stay queued (and the pin stays shown) until a pull lands.
    server.pullStatus = 500;
    await expect(client.sync()).rejects.toMatchObject({ code: 'server', status: 500 });
    expect(server.pushed.map((m) => [m.seq, m.name, m.args])).toEqual([[1, 'pin.set', { meetingId: 'm1' }]]);
    expect(await db.outbox.count()).toBe(2);
    expect([...(await effectivePins(db))]).toEqual(['m1']);
    expect(await db.rejected.get(2)).toMatchObject({ code: 'not_found', args: { meetingId: 'gone' } });

    server.pullStatus = null;
    server.pages.set(
      '0',
      page('1', [upsert('pin', { id: 'p1', meetingId: 'm1', pinnedAt: now.toISOString() } as never)]),
    );
    await client.sync();
    // Nothing is pushed twice: the server had both.
    expect(server.requestsTo('/api/sync/push')).toHaveLength(1);
    expect(await db.outbox.count()).toBe(0);
    expect([...(await effectivePins(db))]).toEqual(['m1']);
    expect(await db.rejected.count()).toBe(1);
  });

  it('reports a revoked device and an ended session as such, keeping local data', async () => {
    const { db, server, client } = setup();
    server.pages.set('0', page('1', [upsert('meeting', meeting('m1', '2026-03-10T17:00:00Z'))]));
    await client.sync();

    server.signedIn = false;
    const unauthenticated = await client.sync().catch((error: unknown) => error);
    expect(unauthenticated).toBeInstanceOf(SyncFailure);
    expect(unauthenticated).toMatchObject({ code: 'unauthenticated' });
    expect(await db.meeting.count()).toBe(1);

    server.signedIn = true;
    server.revoked = true;
    await expect(client.sync()).rejects.toMatchObject({ code: 'device_revoked', status: 410 });

    server.offline = true;
    await expect(client.sync()).rejects.toMatchObject({ code: 'network' });
  });
});
