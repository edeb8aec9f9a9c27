import type { ConsultationStep, EditedPaper, FileView, Paper, PaperDetail } from '@ratsmappe/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextPaperReference } from '../src/modules/paper/paper-workflow.repository.js';
import { renderPdf } from '../src/pdf/layout.js';
import { makeOrganization } from './factories.js';
import { createTestApp, type TestApp } from './harness.js';
import {
  addItem,
  auditEntries,
  createMeeting,
  createPaper,
  errorOf,
  invite,
  json,
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

function patchPaper(paperId: string, body: unknown, cookie = office.staff) {
  return t.request(`/api/papers/${paperId}`, { method: 'PATCH', cookie, body: json(body) });
}

async function consultationsOf(paperId: string, cookie?: string): Promise<ConsultationStep[]> {
  const response = await t.request(`/api/papers/${paperId}/consultations`, { cookie });
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: ConsultationStep[] }).data;
}

function planStep(paperId: string, step: Record<string, unknown>, cookie = office.staff) {
  return t.request(`/api/papers/${paperId}/consultations`, { method: 'POST', cookie, body: json(step) });
}

describe('paper references', () => {
  it('numbers papers per body and year when no reference is given, and starts again in a new year', async () => {
    const local = await setUpOffice(t, 'Gemeinde Lindenau');
    const references = [];
    for (const date of ['2026-03-02', '2026-11-30', '2027-01-04', '2026-12-28']) {
      references.push((await createPaper(t, local, { name: `Vorlage vom ${date}`, date })).reference);
    }
    expect(references).toEqual(['0001/2026', '0002/2026', '0001/2027', '0003/2026']);
    // Other bodies count on their own.
    expect((await createPaper(t, office, { name: 'Erste Vorlage', date: '2026-05-05' })).reference).toBe('0001/2026');
  });

  it('continues the type-prefixed scheme a body already uses, and never hands out a deleted paper’s number', async () => {
    const local = await setUpOffice(t, 'Verbandsgemeinde Talheim');
    await createPaper(t, local, { name: 'Übernommen', reference: 'BV/2026/0041' });
    const motion = await createPaper(t, local, { name: 'Antrag Radweg', paperType: 'Antrag' });
    expect(motion.reference).toBe('AN/2026/0042');
    const deleted = await t.request(`/api/papers/${motion.id}`, { method: 'DELETE', cookie: local.staff });
    expect(deleted.status).toBe(204);
    expect((await createPaper(t, local, { name: 'Mitteilung Winterdienst', paperType: 'Mitteilung' })).reference).toBe(
      'MI/2026/0043',
    );
  });

  it('gives concurrent creations distinct numbers', async () => {
    const local = await setUpOffice(t, 'Stadt Bergheim');
    const created = await Promise.all(
      Array.from({ length: 6 }, (_, i) => createPaper(t, local, { name: `Gleichzeitig ${i}` })),
    );
    expect(new Set(created.map((p) => p.reference)).size).toBe(6);
    expect(created.map((p) => p.reference).sort()).toEqual([
      '0001/2026',
      '0002/2026',
      '0003/2026',
      '0004/2026',
      '0005/2026',
      '0006/2026',
    ]);
  });

  it('reads both schemes when counting', () => {
    expect(nextPaperReference(['BV/2026/0009', '0011/2026', 'AF/2025/0100'], '0011/2026', 2026, 'Anfrage')).toBe(
      '0012/2026',
    );
    expect(nextPaperReference(['BV/2026/0009', 'frei/2026'], 'BV/2026/0009', 2026, 'Anfrage')).toBe('AF/2026/0010');
    expect(nextPaperReference([], null, 2031, 'Antrag')).toBe('0001/2031');
  });
});

/** The version the office's paper editor sends back: from the paper's detail, as the client reads it. */
async function paperVersion(paperId: string): Promise<string> {
  const response = await t.request(`/api/papers/${paperId}`, { cookie: office.staff });
  expect(response.status).toBe(200);
  return ((await response.json()) as PaperDetail).version;
}

describe('editing papers', () => {
  it('edits a paper and records what changed', async () => {
    const paper = await createPaper(t, office, { name: 'Haushaltssatzung 2027' });
    const seen = await paperVersion(paper.id);
    const response = await patchPaper(paper.id, {
      name: 'Haushaltssatzung und Haushaltsplan 2027',
      bodyText: 'Sachverhalt: Der Entwurf liegt vor.',
      paperType: 'Mitteilung',
      date: '2026-11-03',
      version: seen,
    });
    expect(response.status).toBe(200);
    const edited = (await response.json()) as EditedPaper;
    expect(edited).toMatchObject({
      name: 'Haushaltssatzung und Haushaltsplan 2027',
      bodyText: 'Sachverhalt: Der Entwurf liegt vor.',
      paperType: 'Mitteilung',
      date: '2026-11-03',
      reference: paper.reference,
    });
    const [audit] = await auditEntries(t, 'paper.update', paper.id);
    expect(audit!.details).toMatchObject({
      fields: ['name', 'date', 'paper_type', 'body_text'],
      date: '2026-11-03',
      previousDate: '2026-11-02',
    });

    expect(edited.version).not.toBe(seen);
    expect(await paperVersion(paper.id)).toBe(edited.version);
    const stale = await patchPaper(paper.id, { name: 'Alt', version: seen });
    expect(stale.status).toBe(409);
    expect((await errorOf(stale)).issues?.[0]?.path).toBe('version');

    const other = await createPaper(t, office, { name: 'Andere Vorlage' });
    const taken = await patchPaper(paper.id, { reference: other.reference });
    expect(taken.status).toBe(409);
    expect((await errorOf(taken)).issues?.[0]?.path).toBe('reference');
    expect((await patchPaper(paper.id, { reference: 'BV/2026/0999' })).status).toBe(200);
    expect((await patchPaper(paper.id, {})).status).toBe(400);
  });

  it('makes the files of a paper non-public when the paper becomes non-public, and keeps them so', async () => {
    const paper = await createPaper(t, office, { name: 'Bebauungsplan Am Weiher', public: true });
    const bytes = await renderPdf({
      title: 'Lageplan',
      author: 'Ortsgemeinde Birkenfeld',
      subject: 'Lageplan',
      date: '2026-11-02',
      letterhead: { name: 'Ortsgemeinde Birkenfeld', lines: [] },
      footer: 'Lageplan',
      blocks: [{ type: 'paragraph', text: 'Lageplan zum Bebauungsplan.' }],
    });
    const uploaded = await t.request(`/api/papers/${paper.id}/files?public=true`, {
      method: 'POST',
      cookie: office.staff,
      headers: { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent('Lageplan.pdf') },
      body: bytes,
    });
    expect(uploaded.status).toBe(201);
    const file = (await uploaded.json()) as FileView;
    expect(file.public).toBe(true);
    expect((await t.request(`/files/${file.id}`)).status).toBe(200);

    // The file's text is extracted in the background, which moves the paper's `modified` but is no edit: the
    // version the office read before still holds.
    const seen = await paperVersion(paper.id);
    expect(await t.ctx.jobs.drain()).toBeGreaterThan(0);
    expect((await patchPaper(paper.id, { public: false, version: seen })).status).toBe(200);
    expect((await t.request(`/files/${file.id}`)).status).toBe(404);
    const [audit] = await auditEntries(t, 'paper.update', paper.id);
    expect(audit!.details).toMatchObject({ public: false, previousPublic: true, hiddenFileIds: [file.id] });

    // Making the paper public again publishes none of its files without a decision per file.
    const republished = await patchPaper(paper.id, { public: true });
    expect(((await republished.json()) as Paper).public).toBe(true);
    expect((await t.request(`/files/${file.id}`)).status).toBe(404);
    const view = (await (await t.request(`/api/files/${file.id}`, { cookie: office.staff })).json()) as FileView;
    expect(view).toMatchObject({ public: false, visibilityConfirmed: true });
  });
});

describe('the consultation path', () => {
  it('plans steps across committees and shows each step’s result from its agenda item', async () => {
    const db = t.ctx.database.db;
    const council = await makeOrganization(db, office.bodyId, 'council', 'Ortsgemeinderat');
    const paper = await createPaper(t, office, { name: 'Neubau Kindertagesstätte' });
    const prepare = await planStep(paper.id, { organizationId: office.committeeId, role: 'Vorberatung' });
    expect(prepare.status).toBe(201);
    const decide = await planStep(paper.id, { organizationId: council.id, role: 'Entscheidung', authoritative: true });
    expect(decide.status).toBe(201);
    const decideStep = (await decide.json()) as ConsultationStep;
    expect(decideStep).toMatchObject({ position: 1, meeting: null, agendaItem: null, result: null });

    // The committee's meeting puts the paper on its agenda and decides.
    const meeting = await createMeeting(t, office);
    const item = await addItem(t, office, meeting.id, { name: 'Neubau Kindertagesstätte', public: true });
    expect(
      (
        await t.request(`/api/agenda-items/${item.id}`, {
          method: 'PATCH',
          cookie: office.staff,
          body: json({ paperId: paper.id }),
        })
      ).status,
    ).toBe(200);
    await invite(t, office, meeting.id);
    const result = await t.request(`/api/agenda-items/${item.id}`, {
      method: 'PATCH',
      cookie: office.staff,
      body: json({ result: 'Empfohlen' }),
    });
    expect(result.status).toBe(200);

    const steps = await consultationsOf(paper.id);
    expect(
      steps.map((s) => [s.position, s.organization?.name, s.role, s.authoritative, s.agendaItem?.number, s.result]),
    ).toEqual([
      [0, 'Haupt- und Finanzausschuss', 'Vorberatung', false, 'Ö 1', 'Empfohlen'],
      [1, 'Ortsgemeinderat', 'Entscheidung', true, undefined, null],
    ]);
    expect(steps[0]!.meeting).toMatchObject({ id: meeting.id, state: 'invited' });

    const changed = await t.request(`/api/consultations/${decideStep.id}`, {
      method: 'PATCH',
      cookie: office.staff,
      body: json({ role: 'Beschlussfassung', meetingId: meeting.id }),
    });
    expect(changed.status).toBe(200);
    expect((await changed.json()) as ConsultationStep).toMatchObject({
      role: 'Beschlussfassung',
      meeting: { id: meeting.id },
    });

    // A step on an agenda keeps its meeting and cannot be removed here; a planned one can.
    const onAgenda = await t.request(`/api/consultations/${steps[0]!.id}`, {
      method: 'PATCH',
      cookie: office.staff,
      body: json({ meetingId: null }),
    });
    expect(onAgenda.status).toBe(409);
    expect((await errorOf(onAgenda)).issues?.[0]?.path).toBe('meetingId');
    const refused = await t.request(`/api/consultations/${steps[0]!.id}`, { method: 'DELETE', cookie: office.staff });
    expect(refused.status).toBe(409);
    const removed = await t.request(`/api/consultations/${decideStep.id}`, { method: 'DELETE', cookie: office.staff });
    expect(removed.status).toBe(204);
    expect((await consultationsOf(paper.id)).map((s) => s.id)).toEqual([steps[0]!.id]);

    expect((await auditEntries(t, 'consultation.create')).map((a) => a.object_id)).toEqual(
      expect.arrayContaining([steps[0]!.id, decideStep.id]),
    );
    expect(await auditEntries(t, 'consultation.update', decideStep.id)).toHaveLength(1);
    expect(await auditEntries(t, 'consultation.delete', decideStep.id)).toHaveLength(1);
  });

  it('takes over the step planned for the meeting when an item is added with the paper, instead of adding one', async () => {
    const db = t.ctx.database.db;
    const council = await makeOrganization(db, office.bodyId, 'council', 'Gemeinderat Talheim');
    const paper = await createPaper(t, office, { name: 'Fahrradparkhaus am Bahnhof' });
    const meeting = await createMeeting(t, office);
    const prepare = (await (
      await planStep(paper.id, { organizationId: office.committeeId, role: 'Vorberatung', meetingId: meeting.id })
    ).json()) as ConsultationStep;
    const decide = (await (
      await planStep(paper.id, { organizationId: council.id, role: 'Entscheidung', authoritative: true })
    ).json()) as ConsultationStep;

    const item = await addItem(t, office, meeting.id, { name: 'Fahrradparkhaus', public: true, paperId: paper.id });
    const steps = await consultationsOf(paper.id);
    expect(steps.map((s) => [s.id, s.role, s.agendaItem?.id ?? null])).toEqual([
      [prepare.id, 'Vorberatung', item.id],
      [decide.id, 'Entscheidung', null],
    ]);
    const [created] = await auditEntries(t, 'agenda_item.create', item.id);
    expect(created!.details).toMatchObject({ paperId: paper.id, consultationId: prepare.id });

    // Without a planned step for this meeting or its committee, the item adds a step for the lead committee.
    const other = await createPaper(t, office, { name: 'Straßenreinigungssatzung' });
    const second = await addItem(t, office, meeting.id, { name: 'Straßenreinigung', public: true, paperId: other.id });
    expect((await consultationsOf(other.id)).map((s) => [s.organization?.id, s.agendaItem?.id])).toEqual([
      [office.committeeId, second.id],
    ]);

    // A paper of another body is refused, and the item is not added either.
    const foreignBody = await setUpOffice(t, 'Stadt Fremdheim');
    const foreign = await createPaper(t, foreignBody, { name: 'Fremde Vorlage' });
    const refused = await t.request(`/api/meetings/${meeting.id}/agenda-items`, {
      method: 'POST',
      cookie: office.staff,
      body: json({ name: 'Fremd', public: true, paperId: foreign.id }),
    });
    expect(refused.status).toBe(400);
    expect((await errorOf(refused)).issues).toEqual([{ path: 'paperId', message: 'unknown paper of this body' }]);
    const agenda = (await (await t.request(`/api/meetings/${meeting.id}/agenda`, { cookie: office.staff })).json()) as {
      items: { name: string }[];
    };
    expect(agenda.items.map((i) => i.name)).toEqual(['Fahrradparkhaus', 'Straßenreinigung']);
  });

  it('shows the agenda item of a step only to those who may read it, and a non-public paper not at all', async () => {
    const paper = await createPaper(t, office, { name: 'Grundstücksankauf Mühlweg', public: true });
    const meeting = await createMeeting(t, office);
    const item = await addItem(t, office, meeting.id, {
      name: 'Grundstücksangelegenheit Flurstück 17/3',
      public: false,
      paperId: paper.id,
    });
    const anonymous = await consultationsOf(paper.id);
    expect(anonymous).toHaveLength(1);
    expect(anonymous[0]).toMatchObject({ meeting: { id: meeting.id }, agendaItem: null, result: null });
    expect((await consultationsOf(paper.id, office.councillor))[0]!.agendaItem).toMatchObject({ id: item.id });

    const secret = await createPaper(t, office, { name: 'Personalangelegenheit', public: false });
    expect((await t.request(`/api/papers/${secret.id}/consultations`)).status).toBe(404);
    expect((await t.request(`/api/papers/${secret.id}/consultations`, { cookie: office.foreignStaff })).status).toBe(
      404,
    );
    expect(await consultationsOf(secret.id, office.staff)).toEqual([]);
  });

  it('validates steps and lets only the office of the paper’s body plan them', async () => {
    const paper = await createPaper(t, office, { name: 'Friedhofssatzung' });
    const other = await setUpOffice(t, 'Gemeinde Nachbarort');
    const foreignOrganization = await planStep(paper.id, { organizationId: other.committeeId });
    expect(foreignOrganization.status).toBe(400);
    expect((await errorOf(foreignOrganization)).issues?.[0]?.path).toBe('organizationId');
    expect((await planStep(paper.id, { role: 'Vorberatung' })).status).toBe(400);

    expect((await planStep(paper.id, { organizationId: office.committeeId }, '')).status).toBe(401);
    expect((await planStep(paper.id, { organizationId: office.committeeId }, office.councillor)).status).toBe(403);
    expect((await planStep(paper.id, { organizationId: office.committeeId }, office.foreignStaff)).status).toBe(403);
    expect((await patchPaper(paper.id, { name: 'Neu' }, office.foreignStaff)).status).toBe(403);
    expect((await patchPaper(paper.id, { name: 'Neu' }, '')).status).toBe(401);
    expect(await consultationsOf(paper.id)).toEqual([]);
  });
});
