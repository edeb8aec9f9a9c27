import type { Agenda, ConsultationStep, MeetingSummary, Organization, PaperDetail } from '@ratsmappe/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetSession } from '../../data/session';
import { json, settle, stubApi, type ApiCall } from '../../test/fetch';
import { buttonNamed, byLabel, click, fill, submit } from '../../test/forms';
import { cleanup, render } from '../../test/render';
import { PaperEditorPage } from './paper-editor-page';

const body = { id: '00000000-0000-4000-8000-0000000000b1', slug: 'vg-lindenau', name: 'Verbandsgemeinde Lindenau' };
const session = {
  account: { id: '00000000-0000-4000-8000-0000000000a1', email: 'x@example.org', displayName: 'X', locale: 'de' },
  systemAdmin: false,
  officeStaffBodyIds: [body.id],
  personIds: [],
};
const ids = {
  paper: '00000000-0000-4000-8000-000000000201',
  bua: '00000000-0000-4000-8000-000000000301',
  council: '00000000-0000-4000-8000-000000000302',
  meeting: '00000000-0000-4000-8000-000000000401',
  item: '00000000-0000-4000-8000-000000000501',
  freeItem: '00000000-0000-4000-8000-000000000502',
  stepOnAgenda: '00000000-0000-4000-8000-000000000601',
  plannedStep: '00000000-0000-4000-8000-000000000602',
};

const paper: PaperDetail = {
  id: ids.paper,
  bodyId: body.id,
  name: 'Radwegekonzept 2027',
  reference: '0012/2026',
  date: '2026-10-05',
  paperType: 'Beschlussvorlage',
  public: true,
  deleted: false,
  created: '2026-10-05T08:00:00.000Z',
  modified: '2026-10-05T08:00:00.000Z',
  version: '3',
  bodyText: 'Sachverhalt.',
  files: [],
  consultations: [],
};

function organization(id: string, name: string): Organization {
  return {
    id,
    bodyId: body.id,
    kind: 'committee',
    name,
    shortName: null,
    classification: null,
    legislativeTermId: null,
    startDate: null,
    endDate: null,
    deleted: false,
    created: '2020-01-01T00:00:00.000Z',
    modified: '2020-01-01T00:00:00.000Z',
  };
}

const meeting = {
  id: ids.meeting,
  name: '5. Sitzung des Bau- und Umweltausschusses',
  start: '2026-11-24T16:00:00.000Z',
  cancelled: false,
  state: 'invited' as const,
};

const steps: ConsultationStep[] = [
  {
    id: ids.stepOnAgenda,
    paperId: ids.paper,
    position: 0,
    role: 'Vorberatung',
    authoritative: false,
    organization: { id: ids.bua, name: 'Bau- und Umweltausschuss', shortName: 'BUA' },
    meeting,
    agendaItem: { id: ids.item, number: 'Ö 3', name: 'Radwegekonzept 2027', result: null },
    result: null,
  },
  {
    id: ids.plannedStep,
    paperId: ids.paper,
    position: 1,
    role: 'Entscheidung',
    authoritative: true,
    organization: { id: ids.council, name: 'Verbandsgemeinderat Lindenau', shortName: 'VG-Rat' },
    meeting: null,
    agendaItem: null,
    result: null,
  },
];

const agenda: Agenda = {
  meetingId: ids.meeting,
  state: 'invited',
  cancelled: false,
  version: '9',
  items: [
    {
      id: ids.item,
      number: 'Ö 3',
      public: true,
      name: 'Radwegekonzept 2027',
      parentId: null,
      paper: { id: ids.paper, reference: '0012/2026', name: 'Radwegekonzept 2027', public: true },
      result: null,
      resolutionText: null,
      supplementAt: null,
    },
    {
      id: ids.freeItem,
      number: 'Ö 4',
      public: true,
      name: 'Verkehrsberuhigung Talstraße',
      parentId: null,
      paper: null,
      result: null,
      resolutionText: null,
      supplementAt: null,
    },
  ],
};

function routes(extra: Record<string, (call: ApiCall) => Response> = {}) {
  return stubApi({
    'GET /api/session': () => json(200, session),
    'GET /api/bodies/vg-lindenau': () => json(200, body),
    [`GET /api/papers/${ids.paper}`]: () => json(200, paper),
    [`GET /api/papers/${ids.paper}/files`]: () => json(200, []),
    [`GET /api/papers/${ids.paper}/consultations`]: () => json(200, { data: steps }),
    'GET /api/bodies/vg-lindenau/organizations': () =>
      json(200, {
        data: [
          organization(ids.bua, 'Bau- und Umweltausschuss'),
          organization(ids.council, 'Verbandsgemeinderat Lindenau'),
        ],
      }),
    'GET /api/bodies/vg-lindenau/meetings': () =>
      json(200, { data: [{ ...meeting, bodyId: body.id } as unknown as MeetingSummary], nextCursor: null }),
    [`GET /api/meetings/${ids.meeting}/agenda`]: () => json(200, agenda),
    ...extra,
  });
}

async function mount(locale: 'de' | 'en' = 'de') {
  const rendered = render(<PaperEditorPage slug="vg-lindenau" id={ids.paper} />, { locale });
  await settle();
  return rendered;
}

describe('PaperEditorPage', () => {
  beforeEach(() => resetSession());
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('shows the reference number the server assigned, and saves edits against the version it read', async () => {
    const { calls } = routes({
      [`PATCH /api/papers/${ids.paper}`]: (call) =>
        json(200, { ...paper, ...(call.body as object), modified: '2026-10-06T08:00:00.000Z' }),
    });
    const { container } = await mount();
    expect(container.querySelector('h1')!.textContent).toBe('Radwegekonzept 2027');
    expect(container.querySelector('.paper-reference')!.textContent).toBe('0012/2026');
    // The reference is not a field: the server assigns it.
    expect(container.querySelector('input[id^="paper-reference"]')).toBeNull();

    fill(byLabel(container, 'Titel der Vorlage'), 'Radwegekonzept 2027 (geändert)');
    click(byLabel(container, 'Vorlage ist öffentlich'));
    submit(byLabel(container, 'Titel der Vorlage').form!);
    await settle();
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({
      name: 'Radwegekonzept 2027 (geändert)',
      paperType: 'Beschlussvorlage',
      date: '2026-10-05',
      bodyText: 'Sachverhalt.',
      public: false,
      version: '3',
    });
    expect(container.querySelector('h1')!.textContent).toBe('Radwegekonzept 2027 (geändert)');
    expect(container.textContent).toContain('Die Vorlage ist gespeichert.');
    // Files follow the new visibility.
    expect(calls.filter((c) => c.url === `/api/papers/${ids.paper}/files`)).toHaveLength(2);
  });

  it('says why a stale edit is refused', async () => {
    routes({
      [`PATCH /api/papers/${ids.paper}`]: () =>
        json(409, {
          error: {
            code: 'conflict',
            message: 'Der Datensatz wurde inzwischen geändert oder steht im Widerspruch zu vorhandenen Daten.',
            issues: [{ path: 'version', message: 'Die Vorlage wurde inzwischen geändert. Bitte laden Sie sie neu.' }],
          },
        }),
    });
    const { container } = await mount();
    const form = byLabel(container, 'Titel der Vorlage').form!;
    submit(form);
    await settle();
    expect(form.querySelector('[role="alert"]')!.textContent).toContain(
      'Die Vorlage wurde inzwischen geändert. Bitte laden Sie sie neu.',
    );
  });

  it('lists the consultation path with meeting, agenda item and result', async () => {
    routes();
    const { container } = await mount();
    const rows = [...container.querySelectorAll('.office-step')];
    expect(rows.map((row) => row.querySelector('h3')!.textContent)).toEqual([
      'Bau- und Umweltausschuss',
      'Verbandsgemeinderat Lindenau',
    ]);
    expect(rows[0]!.textContent).toContain('Ö 3 Radwegekonzept 2027');
    expect(rows[0]!.querySelector('a')!.getAttribute('href')).toBe(`/verwaltung/vg-lindenau/sitzungen/${ids.meeting}`);
    expect(rows[1]!.textContent).toContain('Entscheidung, beschließend');
    expect(rows[1]!.textContent).toContain('noch nicht auf einer Tagesordnung');
    // A step on an agenda is removed by unlinking it there; a planned one here.
    expect(rows[0]!.querySelector('button')!.textContent).toBe('Ergebnis speichern');
    expect(rows[1]!.querySelector('button')!.textContent).toBe('Schritt „Verbandsgemeinderat Lindenau“ entfernen');
  });

  it('records the result of a step on its agenda item', async () => {
    const { calls } = routes({ [`PATCH /api/agenda-items/${ids.item}`]: () => json(200, agenda) });
    const { container } = await mount();
    fill(byLabel(container, 'Ergebnis: Bau- und Umweltausschuss, Ö 3'), ' Beschlossen ');
    click(buttonNamed(container, 'Ergebnis speichern'));
    await settle();
    expect(calls.find((c) => c.method === 'PATCH')).toEqual({
      method: 'PATCH',
      url: `/api/agenda-items/${ids.item}`,
      body: { result: 'Beschlossen' },
    });
    expect(container.textContent).toContain('Ergebnis für Bau- und Umweltausschuss, Ö 3 gespeichert: Beschlossen.');
  });

  it('removes a planned step after asking', async () => {
    const { calls } = routes({
      [`DELETE /api/consultations/${ids.plannedStep}`]: () => new Response(null, { status: 204 }),
    });
    const confirm = vi.fn().mockReturnValueOnce(false).mockReturnValueOnce(true);
    vi.stubGlobal('confirm', confirm);
    const { container } = await mount();
    const remove = buttonNamed(container, 'Schritt „Verbandsgemeinderat Lindenau“ entfernen');
    click(remove);
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    click(remove);
    await settle();
    expect(confirm).toHaveBeenCalledTimes(2);
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.url)).toEqual([
      `/api/consultations/${ids.plannedStep}`,
    ]);
    expect(container.textContent).toContain('Der Beratungsschritt „Verbandsgemeinderat Lindenau“ ist entfernt.');
  });

  it('adds a step for a committee’s meeting and puts the paper on one of its open agenda items', async () => {
    const { calls } = routes({
      [`POST /api/papers/${ids.paper}/consultations`]: () => json(201, steps[0]),
      [`PATCH /api/agenda-items/${ids.freeItem}`]: () => json(200, agenda),
    });
    const { container } = await mount();
    const form = container.querySelector<HTMLFormElement>('form[aria-labelledby="add-step-title"]')!;
    submit(form);
    expect(byLabel<HTMLSelectElement>(container, 'Gremium').getAttribute('aria-invalid')).toBe('true');
    expect(form.textContent).toContain('Bitte ein Gremium wählen.');

    fill(byLabel<HTMLSelectElement>(container, 'Gremium'), ids.bua);
    await settle();
    expect(calls.at(-1)!.url).toMatch(/^\/api\/bodies\/vg-lindenau\/meetings\?from=\d{4}-\d{2}-\d{2}&organization=/);
    fill(byLabel(container, 'Rolle des Schritts (z. B. Vorberatung, Entscheidung)'), 'Vorberatung');
    fill(byLabel<HTMLSelectElement>(container, 'Sitzung (optional)'), ids.meeting);
    await settle();
    // Only the item without a paper can take it.
    const items = byLabel<HTMLSelectElement>(container, 'Tagesordnungspunkt (optional)');
    expect([...items.options].map((o) => o.textContent)).toEqual([
      '– keinem Punkt zuordnen –',
      'Ö 4 Verkehrsberuhigung Talstraße',
    ]);
    fill(items, ids.freeItem);
    submit(form);
    await settle();
    const writes = calls.filter((c) => c.method !== 'GET');
    expect(writes).toEqual([
      {
        method: 'POST',
        url: `/api/papers/${ids.paper}/consultations`,
        body: { organizationId: ids.bua, role: 'Vorberatung', authoritative: false, meetingId: ids.meeting },
      },
      {
        method: 'PATCH',
        url: `/api/agenda-items/${ids.freeItem}`,
        body: { paperId: ids.paper, version: agenda.version },
      },
    ]);
    expect(container.textContent).toContain('Beratungsschritt hinzugefügt: Bau- und Umweltausschuss, Ö 4.');
    expect(byLabel<HTMLSelectElement>(container, 'Gremium').value).toBe('');
  });

  it('answers a paper of another body like a missing one', async () => {
    routes({
      [`GET /api/papers/${ids.paper}`]: () => json(200, { ...paper, bodyId: '00000000-0000-4000-8000-0000000000ff' }),
    });
    const { container } = await mount();
    expect(container.querySelector('h1')!.textContent).toBe('Vorlage nicht gefunden');
    expect(container.querySelector('form')).toBeNull();
  });
});
