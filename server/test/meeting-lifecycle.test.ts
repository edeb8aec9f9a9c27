import type { MeetingDetail } from '@ratsmappe/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPdf } from '../src/pdf/layout.js';
import { makeOrganization } from './factories.js';
import { createTestApp, type TestApp } from './harness.js';
import {
  addItem,
  auditEntries,
  createMeeting,
  errorOf,
  invite,
  json,
  setState,
  setUpOffice,
  type Office,
} from './office-fixtures.js';

let t: TestApp;
let office: Office;

beforeAll(async () => {
  t = await createTestApp();
  office = await setUpOffice(t);
});
afterAll(() => t.close());

function patchMeeting(
  meetingId: string,
  body: unknown,
  options: { cookie?: string; headers?: Record<string, string> } = {},
) {
  return t.request(`/api/meetings/${meetingId}`, {
    method: 'PATCH',
    cookie: options.cookie ?? office.staff,
    headers: options.headers,
    body: json(body),
  });
}

function cancel(meetingId: string, cookie = office.staff) {
  return t.request(`/api/meetings/${meetingId}/cancel`, { method: 'POST', cookie });
}

async function uploadMinutes(meetingId: string) {
  const bytes = await renderPdf({
    title: 'Niederschrift',
    author: 'Ortsgemeinde Birkenfeld',
    subject: 'Niederschrift',
    date: '2026-12-10',
    letterhead: { name: 'Ortsgemeinde Birkenfeld', lines: [] },
    footer: 'Niederschrift',
    blocks: [{ type: 'paragraph', text: 'Niederschrift über die Sitzung.' }],
  });
  const response = await t.request(`/api/meetings/${meetingId}/files?role=results_protocol`, {
    method: 'POST',
    cookie: office.staff,
    headers: { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent('Niederschrift.pdf') },
    body: bytes,
  });
  expect(response.status).toBe(201);
}

async function meetingWithAgenda() {
  const meeting = await createMeeting(t, office);
  await addItem(t, office, meeting.id, { name: 'Eröffnung der Sitzung', public: true });
  await addItem(t, office, meeting.id, { name: 'Personalangelegenheit', public: false });
  return meeting;
}

describe('a meeting’s life', () => {
  it('moves planned → invited → held → minutes released, one step at a time', async () => {
    const meeting = await meetingWithAgenda();
    const invited = await invite(t, office, meeting.id);
    expect(invited).toMatchObject({ state: 'invited', cancelled: false });
    const row = await t.ctx.database.db
      .selectFrom('meeting')
      .select('invited_at')
      .where('id', '=', meeting.id)
      .executeTakeFirstOrThrow();
    expect(row.invited_at).toBeInstanceOf(Date);

    const held = await setState(t, office, meeting.id, 'held');
    expect(held.status).toBe(200);
    expect(((await held.json()) as MeetingDetail).state).toBe('held');

    const withoutMinutes = await setState(t, office, meeting.id, 'minutes_released');
    expect(withoutMinutes.status).toBe(409);
    expect((await errorOf(withoutMinutes)).issues).toEqual([
      { path: 'state', message: expect.stringContaining('Niederschrift kann erst freigegeben werden') as string },
    ]);

    await uploadMinutes(meeting.id);
    const released = await setState(t, office, meeting.id, 'minutes_released');
    expect(released.status).toBe(200);
    expect(((await released.json()) as MeetingDetail).state).toBe('minutes_released');

    const audits = await auditEntries(t, 'meeting.state', meeting.id);
    expect(audits.map((a) => a.details)).toEqual([
      { from: 'planned', to: 'invited', invitationFileIds: [expect.any(String), expect.any(String)] },
      { from: 'invited', to: 'held' },
      { from: 'held', to: 'minutes_released' },
    ]);
    expect(audits.every((a) => a.body_id === office.bodyId && a.account_id !== null)).toBe(true);

    const final = await setState(t, office, meeting.id, 'held', { 'accept-language': 'en' });
    expect(final.status).toBe(409);
    expect((await errorOf(final)).issues?.[0]?.message).toBe(
      'The minutes are released; that is the last state of a meeting.',
    );
  });

  it('refuses skipping a step or going back with 409 and the reason in German or English', async () => {
    const meeting = await meetingWithAgenda();
    const skip = await setState(t, office, meeting.id, 'held');
    expect(skip.status).toBe(409);
    const skipError = await errorOf(skip);
    expect(skipError.code).toBe('conflict');
    expect(skipError.issues).toEqual([
      {
        path: 'state',
        message: 'Von „geplant“ geht es nur weiter zu „eingeladen“; Schritte können nicht übersprungen werden.',
      },
    ]);

    await invite(t, office, meeting.id);
    const back = await setState(t, office, meeting.id, 'planned', { 'accept-language': 'en' });
    expect(back.status).toBe(409);
    expect((await errorOf(back)).issues).toEqual([
      { path: 'state', message: 'A meeting cannot go back from “invited” to “planned”.' },
    ]);

    // Repeating the current state (a retried request) is not an error and changes nothing.
    const again = await setState(t, office, meeting.id, 'invited');
    expect(again.status).toBe(200);
    expect(await auditEntries(t, 'meeting.state', meeting.id)).toHaveLength(1);

    const unknown = await setState(t, office, meeting.id, 'archived');
    expect(unknown.status).toBe(400);
    expect((await errorOf(unknown)).issues?.[0]?.path).toBe('state');
  });

  it('does not invite to a meeting without agenda items', async () => {
    const meeting = await createMeeting(t, office);
    const response = await setState(t, office, meeting.id, 'invited');
    expect(response.status).toBe(409);
    expect((await errorOf(response)).issues?.[0]?.message).toContain('ohne Tagesordnungspunkte');
    const files = await t.ctx.database.db
      .selectFrom('file')
      .select('id')
      .where('meeting_id', '=', meeting.id)
      .execute();
    expect(files).toEqual([]);
  });

  it('edits name, date, place and committees, keeping the previous values in the audit after the invitation', async () => {
    const meeting = await meetingWithAgenda();
    const renamed = await patchMeeting(meeting.id, { name: '12. Sitzung (Haushalt)' });
    expect(renamed.status).toBe(200);
    expect(((await renamed.json()) as MeetingDetail).name).toBe('12. Sitzung (Haushalt)');
    expect((await auditEntries(t, 'meeting.update', meeting.id))[0]!.details).toMatchObject({
      fields: ['name'],
      afterInvitation: false,
    });

    await invite(t, office, meeting.id);
    const council = await makeOrganization(t.ctx.database.db, office.bodyId, 'council', 'Ortsgemeinderat');
    const moved = await patchMeeting(meeting.id, {
      start: '2026-12-10T18:00:00+01:00',
      end: '2026-12-10T21:00:00+01:00',
      locationDescription: 'Bürgerhaus Birkenfeld',
      organizationIds: [council.id, office.committeeId],
    });
    expect(moved.status).toBe(200);
    const detail = (await moved.json()) as MeetingDetail;
    expect(detail).toMatchObject({
      state: 'invited',
      start: '2026-12-10T17:00:00.000Z',
      end: '2026-12-10T20:00:00.000Z',
      location: { description: 'Bürgerhaus Birkenfeld' },
    });
    expect(detail.organizations.map((o) => o.id)).toEqual([council.id, office.committeeId]);

    const [, audit] = await auditEntries(t, 'meeting.update', meeting.id);
    expect(audit!.details).toMatchObject({
      fields: expect.arrayContaining(['start', 'end', 'location', 'organizations']) as string[],
      afterInvitation: true,
      previous: {
        start: '2026-12-03T17:00:00.000Z',
        end: '2026-12-03T19:30:00.000Z',
        organizationIds: [office.committeeId],
      },
      start: '2026-12-10T17:00:00.000Z',
      organizationIds: [council.id, office.committeeId],
    });

    // Dropping a committee and clearing the place.
    const trimmed = await patchMeeting(meeting.id, { organizationIds: [office.committeeId], locationDescription: '' });
    expect(trimmed.status).toBe(200);
    const after = (await trimmed.json()) as MeetingDetail;
    expect(after.organizations.map((o) => o.id)).toEqual([office.committeeId]);
    expect(after.location).toBeNull();
  });

  it('validates edits: field issues for a bad date, an end before the start, an unknown committee', async () => {
    const meeting = await meetingWithAgenda();
    const bad = await patchMeeting(meeting.id, { start: 'morgen' });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).issues?.[0]?.path).toBe('start');

    // The stored end is 20:30; a new start after it is refused although the request names no end.
    const afterEnd = await patchMeeting(meeting.id, { start: '2026-12-03T21:00:00+01:00' });
    expect(afterEnd.status).toBe(400);
    expect((await errorOf(afterEnd)).issues).toEqual([{ path: 'start', message: 'end must not be before start' }]);

    const foreign = await patchMeeting(meeting.id, { organizationIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(foreign.status).toBe(400);
    expect((await errorOf(foreign)).issues?.[0]?.path).toBe('organizationIds');

    const empty = await patchMeeting(meeting.id, {});
    expect(empty.status).toBe(400);

    const stale = await patchMeeting(meeting.id, { name: 'Neu', version: '999999' });
    expect(stale.status).toBe(409);
    expect((await errorOf(stale)).issues?.[0]?.path).toBe('version');

    const unchanged = await t.request(`/api/meetings/${meeting.id}`, { cookie: office.staff });
    expect(((await unchanged.json()) as MeetingDetail).name).toBe(meeting.name);
    expect(await auditEntries(t, 'meeting.update', meeting.id)).toEqual([]);
  });

  it('cancels a meeting once, records it, and freezes it', async () => {
    const meeting = await meetingWithAgenda();
    await invite(t, office, meeting.id);
    const cancelled = await cancel(meeting.id);
    expect(cancelled.status).toBe(200);
    expect(((await cancelled.json()) as MeetingDetail).cancelled).toBe(true);
    expect((await cancel(meeting.id)).status).toBe(200);
    const audits = await auditEntries(t, 'meeting.cancel', meeting.id);
    expect(audits.map((a) => a.details)).toEqual([{ state: 'invited', afterInvitation: true }]);

    const held = await setState(t, office, meeting.id, 'held');
    expect(held.status).toBe(409);
    expect((await errorOf(held)).issues?.[0]?.message).toBe(
      'Die Sitzung ist abgesagt und kann nicht mehr geändert werden.',
    );
    expect((await patchMeeting(meeting.id, { name: 'Neu' })).status).toBe(409);
    const agenda = await t.request(`/api/meetings/${meeting.id}/agenda`, { cookie: office.staff });
    const { version } = (await agenda.json()) as { version: string };
    const arrange = await t.request(`/api/meetings/${meeting.id}/agenda`, {
      method: 'PUT',
      cookie: office.staff,
      body: json({ version, items: [] }),
    });
    expect(arrange.status).toBe(409);

    // A meeting that has been held cannot be cancelled.
    const done = await meetingWithAgenda();
    await invite(t, office, done.id);
    expect((await setState(t, office, done.id, 'held')).status).toBe(200);
    const late = await cancel(done.id);
    expect(late.status).toBe(409);
    expect((await errorOf(late)).issues?.[0]?.path).toBe('meeting');
  });

  it('lets only the office of the meeting’s body change it', async () => {
    const meeting = await meetingWithAgenda();
    expect((await patchMeeting(meeting.id, { name: 'Neu' }, { cookie: '' })).status).toBe(401);
    expect((await patchMeeting(meeting.id, { name: 'Neu' }, { cookie: office.councillor })).status).toBe(403);
    expect((await patchMeeting(meeting.id, { name: 'Neu' }, { cookie: office.foreignStaff })).status).toBe(403);
    expect((await cancel(meeting.id, office.foreignStaff)).status).toBe(403);
    expect((await cancel(meeting.id, '')).status).toBe(401);
    const state = await t.request(`/api/meetings/${meeting.id}/state`, {
      method: 'POST',
      cookie: office.councillor,
      body: json({ state: 'invited' }),
    });
    expect(state.status).toBe(403);
    expect((await patchMeeting('00000000-0000-4000-8000-000000000000', { name: 'Neu' })).status).toBe(404);
    const unchanged = (await (await t.request(`/api/meetings/${meeting.id}`)).json()) as MeetingDetail;
    expect(unchanged).toMatchObject({ name: meeting.name, state: 'planned', cancelled: false });
  });
});
