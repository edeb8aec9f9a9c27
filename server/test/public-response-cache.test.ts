import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makeBody, makeOrganization, signIn } from './factories.js';
import { createTestApp, type TestApp } from './harness.js';
import type { MeetingDetail } from './types.js';

let t: TestApp;
let staff: string;
let meetingId: string;
let bodyId: string;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.ctx.database.db;
  bodyId = (await makeBody(db)).id;
  const committee = await makeOrganization(db, bodyId, 'committee', 'Umweltausschuss');
  staff = await signIn(t, (await makeAccount(db, { officeStaffOf: [bodyId] })).email);
  const meeting = await t.request(`/api/bodies/${bodyId}/meetings`, {
    method: 'POST',
    cookie: staff,
    body: JSON.stringify({
      name: 'Umweltausschuss',
      start: '2030-05-05T18:00:00+02:00',
      organizationIds: [committee.id],
    }),
  });
  meetingId = ((await meeting.json()) as { id: string }).id;
  await t.request(`/api/meetings/${meetingId}/agenda-items`, {
    method: 'POST',
    cookie: staff,
    body: JSON.stringify({ name: 'Baumschutzsatzung', public: true }),
  });
});
afterAll(() => t.close());

const names = async (cookie?: string) =>
  (
    (await (await t.request(`/api/meetings/${meetingId}`, cookie ? { cookie } : {})).json()) as MeetingDetail
  ).agendaItems.map((i) => i.name);

describe('public response cache', () => {
  it('serves a changed meeting to the public right after the change', async () => {
    expect(await names()).toEqual(['Baumschutzsatzung']);
    expect(await names()).toEqual(['Baumschutzsatzung']);
    await t.request(`/api/meetings/${meetingId}/agenda-items`, {
      method: 'POST',
      cookie: staff,
      body: JSON.stringify({ name: 'Vergabe Grünpflege', public: false }),
    });
    expect(await names()).toEqual(['Baumschutzsatzung', null]);
  });

  it('never serves a cached public answer to a signed-in reader, nor a reader’s answer to the public', async () => {
    expect(await names(staff)).toEqual(['Baumschutzsatzung', 'Vergabe Grünpflege']);
    expect(await names()).toEqual(['Baumschutzsatzung', null]);
    expect(await names(staff)).toEqual(['Baumschutzsatzung', 'Vergabe Grünpflege']);
  });

  it('keeps OParl answers current after a change', async () => {
    const list = async () =>
      ((await (await t.request(`/oparl/v1/body/${bodyId}/meetings`)).json()) as { data: { name: string }[] }).data.map(
        (m) => m.name,
      );
    expect(await list()).toEqual(['Umweltausschuss']);
    await t.ctx.database.db
      .updateTable('meeting')
      .set({ name: 'Umwelt- und Klimaausschuss' })
      .where('id', '=', meetingId)
      .execute();
    expect(await list()).toEqual(['Umwelt- und Klimaausschuss']);
  });
});
