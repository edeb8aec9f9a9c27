import type { Agenda, ConsultationStep, MeetingSummary } from '@ratsmappe/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.js';
import { createTestApp, type TestApp } from './harness.js';
import {
  addItem,
  auditEntries,
  createMeeting,
  createPaper,
  errorOf,
  getAgenda,
  invite,
  json,
  printed,
  setState,
  setUpOffice,
  type Office,
} from './office-fixtures.js';

let t: TestApp;
let office: Office;
// Sessions idle out after two hours of clock time, so the tests move the clock forward in small steps.
const clock = new ManualClock(new Date('2026-11-27T08:00:00Z'));

beforeAll(async () => {
  t = await createTestApp({ clock });
  office = await setUpOffice(t);
});
afterAll(() => t.close());

function arrange(
  meetingId: string,
  body: unknown,
  options: { cookie?: string; headers?: Record<string, string> } = {},
) {
  return t.request(`/api/meetings/${meetingId}/agenda`, {
    method: 'PUT',
    cookie: options.cookie ?? office.staff,
    headers: options.headers,
    body: json(body),
  });
}

function patchItem(itemId: string, body: unknown, cookie = office.staff) {
  return t.request(`/api/agenda-items/${itemId}`, { method: 'PATCH', cookie, body: json(body) });
}

/** A meeting with Ö 1 Eröffnung, Ö 2 Haushalt, Ö 3 Bauantrag, N 1 Grundstück. */
type ItemKey = 'opening' | 'budget' | 'building' | 'land';

async function meetingWithFourItems(): Promise<{ meeting: MeetingSummary; ids: Record<ItemKey, string> }> {
  const meeting = await createMeeting(t, office);
  const ids = {} as Record<ItemKey, string>;
  for (const [key, name, isPublic] of [
    ['opening', 'Eröffnung und Feststellung der Tagesordnung', true],
    ['budget', 'Haushaltssatzung 2027', true],
    ['building', 'Bauantrag Mühlweg 4', true],
    ['land', 'Grundstücksangelegenheit Flurstück 17/3', false],
  ] as const) {
    ids[key] = (await addItem(t, office, meeting.id, { name, public: isPublic })).id;
  }
  return { meeting, ids };
}

describe('the agenda builder', () => {
  it('reorders, indents and moves items between the parts in one request, and renumbers them', async () => {
    const { meeting, ids } = await meetingWithFourItems();
    const before = await getAgenda(t, office, meeting.id);
    expect(printed(before)).toEqual([
      'Ö 1 Eröffnung und Feststellung der Tagesordnung',
      'Ö 2 Haushaltssatzung 2027',
      'Ö 3 Bauantrag Mühlweg 4',
      'N 1 Grundstücksangelegenheit Flurstück 17/3',
    ]);

    // Budget first with the building application indented under it; the opening moves to the non-public part.
    const response = await arrange(meeting.id, {
      version: before.version,
      items: [
        { id: ids.budget, public: true, children: [{ id: ids.building }] },
        { id: ids.land, public: false },
        { id: ids.opening, public: false },
      ],
    });
    expect(response.status).toBe(200);
    const after = (await response.json()) as Agenda;
    expect(printed(after)).toEqual([
      'Ö 1 Haushaltssatzung 2027',
      'Ö 1.1 Bauantrag Mühlweg 4',
      'N 1 Grundstücksangelegenheit Flurstück 17/3',
      'N 2 Eröffnung und Feststellung der Tagesordnung',
    ]);
    expect(after.items.find((i) => i.id === ids.building)).toMatchObject({ parentId: ids.budget, public: true });
    expect(after.items.find((i) => i.id === ids.opening)).toMatchObject({ parentId: null, public: false });
    expect(after.version).not.toBe(before.version);
    expect(response.headers.get('etag')).toBe(`"${after.version}"`);
    // Before the invitation nothing is a supplement.
    expect(after.items.every((i) => i.supplementAt === null)).toBe(true);

    // Outdent again, using If-Match instead of a version in the body; a child follows its parent's part.
    const outdent = await arrange(
      meeting.id,
      {
        items: [
          { id: ids.opening, public: true, children: [] },
          { id: ids.budget, public: false, children: [{ id: ids.building }] },
          { id: ids.land, public: false },
        ],
      },
      { headers: { 'if-match': `"${after.version}"` } },
    );
    expect(outdent.status).toBe(200);
    const third = (await outdent.json()) as Agenda;
    expect(printed(third)).toEqual([
      'Ö 1 Eröffnung und Feststellung der Tagesordnung',
      'N 1 Haushaltssatzung 2027',
      'N 1.1 Bauantrag Mühlweg 4',
      'N 2 Grundstücksangelegenheit Flurstück 17/3',
    ]);
    expect(third.items.find((i) => i.id === ids.building)?.public).toBe(false);

    // The public meeting page follows: the moved items are now hidden from the public.
    const publicView = (await (await t.request(`/api/meetings/${meeting.id}`)).json()) as {
      agendaItems: { number: string; name: string | null }[];
    };
    expect(publicView.agendaItems.map((i) => [i.number, i.name])).toEqual([
      ['Ö 1', 'Eröffnung und Feststellung der Tagesordnung'],
      ['N 1', null],
      ['N 1.1', null],
      ['N 2', null],
    ]);

    const audits = await auditEntries(t, 'agenda.arrange', meeting.id);
    expect(audits).toHaveLength(2);
    expect(audits[0]).toMatchObject({ object_type: 'meeting', body_id: office.bodyId });
    expect(audits[0]!.details).toMatchObject({ supplement: false });
  });

  it('refuses an arrangement based on an outdated version with 409 and keeps the newer order', async () => {
    const { meeting, ids } = await meetingWithFourItems();
    const seen = await getAgenda(t, office, meeting.id);
    const first = await arrange(meeting.id, {
      version: seen.version,
      items: [
        { id: ids.budget, public: true },
        { id: ids.opening, public: true },
        { id: ids.building, public: true },
        { id: ids.land, public: false },
      ],
    });
    expect(first.status).toBe(200);
    const winner = printed((await first.json()) as Agenda);

    // A second editor still holds the old version.
    const stale = await arrange(
      meeting.id,
      {
        version: seen.version,
        items: [
          { id: ids.building, public: true },
          { id: ids.opening, public: true },
          { id: ids.budget, public: true },
          { id: ids.land, public: false },
        ],
      },
      { headers: { 'accept-language': 'en' } },
    );
    expect(stale.status).toBe(409);
    const error = await errorOf(stale);
    expect(error.code).toBe('conflict');
    expect(error.issues).toEqual([
      { path: 'version', message: expect.stringContaining('changed in the meantime') as string },
    ]);
    expect(printed(await getAgenda(t, office, meeting.id))).toEqual(winner);

    // A stale If-Match is refused the same way, and a PUT without any version is a 400.
    const staleHeader = await arrange(
      meeting.id,
      { items: [{ id: ids.opening, public: true }] },
      { headers: { 'if-match': `"${seen.version}"` } },
    );
    expect(staleHeader.status).toBe(409);
    const unversioned = await arrange(meeting.id, { items: [] });
    expect(unversioned.status).toBe(400);
    expect((await errorOf(unversioned)).issues?.[0]?.path).toBe('version');
  });

  it('keeps the version when only the background job extracts the text of the invitation', async () => {
    const { meeting, ids } = await meetingWithFourItems();
    await t.ctx.jobs.drain();
    await invite(t, office, meeting.id);
    const seen = await getAgenda(t, office, meeting.id);
    const modified = async () =>
      (
        await t.ctx.database.db
          .selectFrom('meeting')
          .select('modified')
          .where('id', '=', meeting.id)
          .executeTakeFirstOrThrow()
      ).modified.getTime();
    const before = await modified();

    // The invitation's PDFs are queued for text extraction; the job's update moves the meeting's `modified`
    // (OParl's incremental update), which is no edit of the office's and must not make its next save stale.
    expect(await t.ctx.jobs.drain()).toBeGreaterThan(0);
    expect(await modified()).toBeGreaterThan(before);

    const recorded = await patchItem(ids.budget, { result: 'Beschlossen', version: seen.version });
    expect(recorded.status).toBe(200);
    const after = (await recorded.json()) as Agenda;
    expect(after.items.find((i) => i.id === ids.budget)?.result).toBe('Beschlossen');
    // An office write still moves the version: the one seen before it is stale now.
    expect(after.version).not.toBe(seen.version);
    const stale = await patchItem(ids.building, { result: 'Vertagt', version: seen.version });
    expect(stale.status).toBe(409);
  });

  it('changes nothing when one item of the arrangement is foreign, missing, repeated or nested too deep', async () => {
    const { meeting, ids } = await meetingWithFourItems();
    const other = await meetingWithFourItems();
    const before = await getAgenda(t, office, meeting.id);
    const auditsBefore = (await auditEntries(t, 'agenda.arrange', meeting.id)).length;

    const foreign = await arrange(meeting.id, {
      version: before.version,
      items: [
        { id: ids.land, public: false },
        { id: ids.opening, public: true },
        { id: ids.budget, public: true, children: [{ id: other.ids.budget }] },
        { id: ids.building, public: true },
      ],
    });
    expect(foreign.status).toBe(400);
    const error = await errorOf(foreign);
    expect(error.code).toBe('validation_failed');
    expect(error.issues).toEqual([{ path: 'items.2.children.0.id', message: 'not an item of this meeting' }]);

    const missing = await arrange(meeting.id, {
      version: before.version,
      items: [
        { id: ids.building, public: true },
        { id: ids.opening, public: true },
      ],
    });
    expect(missing.status).toBe(400);
    expect((await errorOf(missing)).issues?.map((i) => i.path)).toEqual(['items']);

    const repeated = await arrange(meeting.id, {
      version: before.version,
      items: [
        { id: ids.opening, public: true, children: [{ id: ids.budget }] },
        { id: ids.budget, public: true },
        { id: ids.building, public: true },
        { id: ids.land, public: false },
      ],
    });
    expect(repeated.status).toBe(400);
    expect((await errorOf(repeated)).issues?.map((i) => i.path)).toEqual(['items.1.id']);

    const tooDeep = await arrange(meeting.id, {
      version: before.version,
      items: [
        { id: ids.opening, public: true, children: [{ id: ids.budget, children: [{ id: ids.building }] }] },
        { id: ids.land, public: false },
      ],
    });
    expect(tooDeep.status).toBe(400);
    expect((await errorOf(tooDeep)).issues?.[0]?.path).toBe('items.0.children.0');

    const after = await getAgenda(t, office, meeting.id);
    expect(after).toEqual(before);
    expect(await auditEntries(t, 'agenda.arrange', meeting.id)).toHaveLength(auditsBefore);
  });

  it('marks every changed item as a supplement with its time once the invitation is out', async () => {
    const { meeting, ids } = await meetingWithFourItems();
    await invite(t, office, meeting.id);
    clock.set(new Date('2026-11-27T09:05:00Z'));
    const seen = await getAgenda(t, office, meeting.id);
    // Swapping budget and building changes exactly their two numbers.
    const response = await arrange(meeting.id, {
      version: seen.version,
      items: [
        { id: ids.opening, public: true },
        { id: ids.building, public: true },
        { id: ids.budget, public: true },
        { id: ids.land, public: false },
      ],
    });
    expect(response.status).toBe(200);
    const agenda = (await response.json()) as Agenda;
    const supplements = Object.fromEntries(agenda.items.map((i) => [i.name, i.supplementAt]));
    expect(supplements).toEqual({
      'Eröffnung und Feststellung der Tagesordnung': null,
      'Bauantrag Mühlweg 4': '2026-11-27T09:05:00.000Z',
      'Haushaltssatzung 2027': '2026-11-27T09:05:00.000Z',
      'Grundstücksangelegenheit Flurstück 17/3': null,
    });
    const [audit] = await auditEntries(t, 'agenda.arrange', meeting.id);
    expect(audit!.details).toEqual({ supplement: true, changedItemIds: [ids.building, ids.budget] });

    // An item added after the invitation is a supplement too; so is a renamed one.
    clock.set(new Date('2026-11-27T09:20:00Z'));
    const late = await addItem(t, office, meeting.id, { name: 'Dringlichkeitsantrag Feuerwehr', public: true });
    expect(late.supplementAt).toBe('2026-11-27T09:20:00.000Z');
    const renamed = await patchItem(ids.opening, { name: 'Eröffnung, Feststellung der Beschlussfähigkeit' });
    expect(renamed.status).toBe(200);
    const opening = ((await renamed.json()) as Agenda).items.find((i) => i.id === ids.opening);
    expect(opening?.supplementAt).toBe('2026-11-27T09:20:00.000Z');
  });

  it('moves a top-level item with its sub-items to the other part, but never a sub-item alone', async () => {
    const meeting = await createMeeting(t, office);
    const plan = await addItem(t, office, meeting.id, { name: 'Bebauungsplan Am Weiher', public: true });
    const part = await addItem(t, office, meeting.id, { name: 'Abwägung', public: true, parentId: plan.id });
    await addItem(t, office, meeting.id, { name: 'Mitteilungen', public: true });

    const moved = await patchItem(plan.id, { public: false });
    expect(moved.status).toBe(200);
    expect(printed((await moved.json()) as Agenda)).toEqual([
      'Ö 1 Mitteilungen',
      'N 1 Bebauungsplan Am Weiher',
      'N 1.1 Abwägung',
    ]);

    const alone = await patchItem(part.id, { public: true });
    expect(alone.status).toBe(409);
    expect((await errorOf(alone)).issues?.[0]).toEqual({
      path: 'public',
      message: expect.stringContaining('Unterpunkt') as string,
    });
  });

  it('links a paper, creating the consultation (or taking over a planned one), and unlinking removes it', async () => {
    const meeting = await createMeeting(t, office);
    const item = await addItem(t, office, meeting.id, { name: 'Haushaltssatzung 2027', public: true });
    const paper = await createPaper(t, office, { name: 'Haushaltssatzung und Haushaltsplan 2027' });
    const steps = async () =>
      ((await (await t.request(`/api/papers/${paper.id}/consultations`)).json()) as { data: ConsultationStep[] }).data;

    const linked = await patchItem(item.id, { paperId: paper.id });
    expect(linked.status).toBe(200);
    expect(((await linked.json()) as Agenda).items[0]?.paper).toMatchObject({ id: paper.id, public: true });
    const [step] = await steps();
    expect(step).toMatchObject({
      organization: { id: office.committeeId },
      meeting: { id: meeting.id },
      agendaItem: { id: item.id, number: 'Ö 1' },
      result: null,
    });

    const unlinked = await patchItem(item.id, { paperId: null });
    expect(unlinked.status).toBe(200);
    expect(await steps()).toEqual([]);

    // A step planned for this meeting is taken over instead of adding a second one.
    const planned = await t.request(`/api/papers/${paper.id}/consultations`, {
      method: 'POST',
      cookie: office.staff,
      body: json({
        organizationId: office.committeeId,
        role: 'Entscheidung',
        authoritative: true,
        meetingId: meeting.id,
      }),
    });
    expect(planned.status).toBe(201);
    const plannedStep = (await planned.json()) as ConsultationStep;
    expect(plannedStep.agendaItem).toBeNull();
    expect((await patchItem(item.id, { paperId: paper.id })).status).toBe(200);
    expect(await steps()).toEqual([
      expect.objectContaining({
        id: plannedStep.id,
        role: 'Entscheidung',
        agendaItem: expect.objectContaining({ id: item.id }) as unknown,
      }),
    ]);

    const audits = await auditEntries(t, 'agenda_item.update', item.id);
    expect(audits.map((a) => (a.details as { consultationId: string | null }).consultationId)).toEqual([
      step!.id,
      null,
      plannedStep.id,
    ]);
  });

  it('records results and resolution texts once the invitation is out, and withdraws items with their sub-items', async () => {
    const meeting = await createMeeting(t, office);
    const budget = await addItem(t, office, meeting.id, { name: 'Haushaltssatzung 2027', public: true });
    const plan = await addItem(t, office, meeting.id, { name: 'Stellenplan', public: true, parentId: budget.id });
    const other = await addItem(t, office, meeting.id, { name: 'Anfragen', public: true });

    const early = await patchItem(budget.id, { result: 'Beschlossen' });
    expect(early.status).toBe(409);
    expect((await errorOf(early)).issues?.[0]?.path).toBe('result');

    await invite(t, office, meeting.id);
    const recorded = await patchItem(budget.id, {
      result: 'Beschlossen',
      resolutionText: 'Der Rat beschließt die Haushaltssatzung 2027 in der vorgelegten Fassung.',
    });
    expect(recorded.status).toBe(200);
    const entry = ((await recorded.json()) as Agenda).items.find((i) => i.id === budget.id);
    expect(entry).toMatchObject({
      result: 'Beschlossen',
      resolutionText: 'Der Rat beschließt die Haushaltssatzung 2027 in der vorgelegten Fassung.',
      // Recording a result is not a change of the agenda.
      supplementAt: null,
    });

    clock.set(new Date('2026-11-27T10:00:00Z'));
    const withdrawn = await t.request(`/api/agenda-items/${budget.id}`, { method: 'DELETE', cookie: office.staff });
    expect(withdrawn.status).toBe(204);
    const agenda = await getAgenda(t, office, meeting.id);
    expect(printed(agenda)).toEqual(['Ö 1 Anfragen']);
    expect(agenda.items[0]).toMatchObject({ id: other.id, supplementAt: '2026-11-27T10:00:00.000Z' });
    const removed = await t.ctx.database.db
      .selectFrom('agenda_item')
      .select(['id', 'deleted', 'supplement_at'])
      .where('id', 'in', [budget.id, plan.id])
      .execute();
    expect(removed.every((r) => r.deleted && r.supplement_at?.toISOString() === '2026-11-27T10:00:00.000Z')).toBe(true);
    const [audit] = await auditEntries(t, 'agenda_item.delete', budget.id);
    expect(audit!.details).toMatchObject({ subItemIds: [plan.id], supplement: true, renumberedItemIds: [other.id] });

    // Once held, the agenda is fixed, but results can still be recorded.
    expect((await setState(t, office, meeting.id, 'held')).status).toBe(200);
    expect((await patchItem(other.id, { name: 'Anfragen der Ratsmitglieder' })).status).toBe(409);
    expect((await patchItem(other.id, { result: 'Zur Kenntnis genommen' })).status).toBe(200);
  });

  it('keeps the item unchanged when part of an edit fails', async () => {
    const meeting = await createMeeting(t, office);
    const item = await addItem(t, office, meeting.id, { name: 'Haushaltssatzung 2027', public: true });
    const response = await patchItem(item.id, {
      name: 'Haushaltssatzung 2028',
      paperId: '00000000-0000-4000-8000-000000000000',
    });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).issues).toEqual([{ path: 'paperId', message: 'unknown paper of this body' }]);
    expect(printed(await getAgenda(t, office, meeting.id))).toEqual(['Ö 1 Haushaltssatzung 2027']);
    expect(await auditEntries(t, 'agenda_item.update', item.id)).toEqual([]);
  });

  it('lets only the office of the meeting’s body build the agenda', async () => {
    const { meeting, ids } = await meetingWithFourItems();
    const { version } = await getAgenda(t, office, meeting.id);
    const body = { version, items: [{ id: ids.opening, public: true }] };
    expect((await t.request(`/api/meetings/${meeting.id}/agenda`)).status).toBe(401);
    expect((await arrange(meeting.id, body, { cookie: '' })).status).toBe(401);
    expect((await arrange(meeting.id, body, { cookie: office.councillor })).status).toBe(403);
    expect((await arrange(meeting.id, body, { cookie: office.foreignStaff })).status).toBe(403);
    expect((await patchItem(ids.opening, { name: 'Neu' }, office.foreignStaff)).status).toBe(403);
    expect((await patchItem(ids.opening, { name: 'Neu' }, office.councillor)).status).toBe(403);
    const deleted = await t.request(`/api/agenda-items/${ids.opening}`, {
      method: 'DELETE',
      cookie: office.foreignStaff,
    });
    expect(deleted.status).toBe(403);
    expect((await patchItem('00000000-0000-4000-8000-000000000000', { name: 'Neu' })).status).toBe(404);
    expect(printed(await getAgenda(t, office, meeting.id))[0]).toBe('Ö 1 Eröffnung und Feststellung der Tagesordnung');
  });
});
