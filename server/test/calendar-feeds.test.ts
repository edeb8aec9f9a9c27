import ICAL from 'ical.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makeBody, makeOrganization, signIn } from './factories.js';
import { createTestApp, testPublicUrl, type TestApp } from './harness.js';

let t: TestApp;
let bodyId: string;
let bauId: string;
let finanzId: string;
let staff: string;
let meetingId: string;
let cancelledId: string;
const secret = 'Erbbaurecht Hofgut Kleinweiler';

const post = (path: string, body: unknown) =>
  t.request(path, { method: 'POST', cookie: staff, body: JSON.stringify(body) });

beforeAll(async () => {
  t = await createTestApp();
  const db = t.ctx.database.db;
  const body = await makeBody(db, { name: 'Stadt Kirchhain am See' });
  bodyId = body.id;
  bauId = (await makeOrganization(db, bodyId, 'committee', 'Bauausschuss')).id;
  finanzId = (await makeOrganization(db, bodyId, 'committee', 'Finanzausschuss')).id;
  staff = await signIn(t, (await makeAccount(db, { officeStaffOf: [bodyId] })).email);

  const meeting = await post(`/api/bodies/${bodyId}/meetings`, {
    name: 'Sitzung des Bauausschusses',
    start: '2030-03-28T18:00:00+01:00',
    end: '2030-03-28T20:00:00+01:00',
    organizationIds: [bauId],
    locationDescription: 'Rathaus, Sitzungssaal; Erdgeschoss',
  });
  meetingId = ((await meeting.json()) as { id: string }).id;
  await post(`/api/meetings/${meetingId}/agenda-items`, {
    name: 'Sanierung der Grundschule, Bauabschnitt 2',
    public: true,
  });
  await post(`/api/meetings/${meetingId}/agenda-items`, { name: secret, public: false });

  const cancelled = await post(`/api/bodies/${bodyId}/meetings`, {
    name: 'Sitzung des Finanzausschusses',
    start: '2030-07-02T17:00:00+02:00',
    organizationIds: [finanzId],
  });
  cancelledId = ((await cancelled.json()) as { id: string }).id;
  await db.updateTable('meeting').set({ cancelled: true }).where('id', '=', cancelledId).execute();

  await post(`/api/bodies/${bodyId}/papers`, {
    name: 'Neubau Kita Sonnenblume',
    reference: 'BV/2030/0007',
    date: '2030-03-01',
    paperType: 'Beschlussvorlage',
    public: true,
  });
  await post(`/api/bodies/${bodyId}/papers`, {
    name: secret,
    reference: 'BV/2030/0008',
    date: '2030-03-02',
    paperType: 'Beschlussvorlage',
    public: false,
  });
});
afterAll(() => t.close());

function parseEvents(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  // Register the calendar's own VTIMEZONE, so times convert by what the feed says, not by the test's zone.
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
}

describe('iCalendar feeds', () => {
  it('serves the body calendar parseable by ical.js with Berlin times, stable UIDs and links', async () => {
    const response = await t.request(`/ical/body/${bodyId}.ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = await response.text();
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin');
    expect(text.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
    const events = parseEvents(text);
    const meeting = events.find((e) => e.uid === `meeting-${meetingId}@ratsmappe.test`);
    expect(meeting).toBeDefined();
    expect(meeting!.summary).toBe('Sitzung des Bauausschusses');
    expect(meeting!.location).toBe('Rathaus, Sitzungssaal; Erdgeschoss');
    expect(meeting!.startDate.toString()).toBe('2030-03-28T18:00:00');
    expect(meeting!.component.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/Berlin');
    // 18:00 in Berlin on 28 March 2030 (CET, before the switch on the 31st) is 17:00 UTC.
    expect(meeting!.startDate.toJSDate().toISOString()).toBe('2030-03-28T17:00:00.000Z');
    expect(meeting!.description).toContain('Ö 1 Sanierung der Grundschule, Bauabschnitt 2');
    const url = String(meeting!.component.getFirstPropertyValue('url'));
    expect(url.startsWith(`${testPublicUrl}/gemeinde-`)).toBe(true);
    expect(url.endsWith(`/sitzungen/${meetingId}`)).toBe(true);
  });

  it('marks a cancelled meeting STATUS:CANCELLED', async () => {
    const events = parseEvents(await (await t.request(`/ical/body/${bodyId}.ics`)).text());
    const cancelled = events.find((e) => e.uid.startsWith(`meeting-${cancelledId}`));
    expect(cancelled!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('bumps SEQUENCE when a meeting changes', async () => {
    const sequence = async () => {
      const events = parseEvents(await (await t.request(`/ical/body/${bodyId}.ics`)).text());
      return events.find((e) => e.uid.startsWith(`meeting-${meetingId}`))!.sequence;
    };
    const before = await sequence();
    await t.ctx.database.db
      .updateTable('meeting')
      .set({ start: new Date('2030-03-28T17:30:00Z') })
      .where('id', '=', meetingId)
      .execute();
    expect(await sequence()).toBeGreaterThan(before);
  });

  it('lists only the committee’s meetings in its calendar', async () => {
    const events = parseEvents(await (await t.request(`/ical/organization/${finanzId}.ics`)).text());
    expect(events.map((e) => e.uid)).toEqual([`meeting-${cancelledId}@ratsmappe.test`]);
  });

  it('never shows a non-public agenda item, even to signed-in office staff', async () => {
    for (const cookie of [undefined, staff]) {
      const text = await (await t.request(`/ical/body/${bodyId}.ics`, cookie ? { cookie } : {})).text();
      expect(text).not.toContain('Kleinweiler');
      expect(text).not.toContain('N 1');
    }
  });

  it('answers unknown ids and malformed names with 404', async () => {
    expect((await t.request('/ical/body/00000000-0000-4000-8000-000000000000.ics')).status).toBe(404);
    expect((await t.request(`/ical/body/${bodyId}.txt`)).status).toBe(404);
    expect((await t.request('/ical/organization/not-a-uuid.ics')).status).toBe(404);
    expect((await t.request(`/ical/organization/${bodyId}.ics`)).status).toBe(404);
  });
});

describe('Atom feed', () => {
  it('is well-formed Atom listing new public papers and meetings, and nothing non-public', async () => {
    const response = await t.request(`/feeds/body/${bodyId}.atom`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await response.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const feed = (new XMLParser({ ignoreAttributes: false }).parse(xml) as { feed: Record<string, unknown> }).feed;
    expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    const entries = feed.entry as { title: string; id: string; updated: string }[];
    const titles = entries.map((e) => e.title);
    expect(titles).toContain('Beschlussvorlage BV/2030/0007: Neubau Kita Sonnenblume');
    expect(titles).toContain('Abgesagt: Sitzung des Finanzausschusses');
    expect(xml).not.toContain('Kleinweiler');
    expect(entries.every((e) => /^urn:uuid:[0-9a-f-]{36}$/.test(e.id))).toBe(true);
    const updated = entries.map((e) => Date.parse(e.updated));
    expect([...updated].sort((a, b) => b - a)).toEqual(updated);
  });
});
