import { act } from 'react';
import type { Agenda, FileRef, MeetingDetail, MeetingState, Organization } from '@ratsmappe/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetSession } from '../../data/session';
import { json, settle, stubApi, type ApiCall } from '../../test/fetch';
import { buttonNamed, byLabel, click, fill, submit } from '../../test/forms';
import { cleanup, render } from '../../test/render';
import { MeetingEditorPage } from './meeting-editor-page';

const body = { id: '00000000-0000-4000-8000-0000000000b1', slug: 'vg-lindenau', name: 'Verbandsgemeinde Lindenau' };
const session = {
  account: { id: '00000000-0000-4000-8000-0000000000a1', email: 'x@example.org', displayName: 'X', locale: 'de' },
  systemAdmin: false,
  officeStaffBodyIds: [body.id],
  personIds: [],
};
const ids = {
  meeting: '00000000-0000-4000-8000-000000000401',
  bua: '00000000-0000-4000-8000-000000000301',
  hfa: '00000000-0000-4000-8000-000000000302',
  item: '00000000-0000-4000-8000-000000000501',
  full: '00000000-0000-4000-8000-000000000701',
  public: '00000000-0000-4000-8000-000000000702',
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

function file(id: string, name: string, role: FileRef['role'], version = 1): FileRef {
  return {
    id,
    name,
    role,
    date: '2026-11-20',
    fileName: `${name}.pdf`,
    mimeType: 'application/pdf',
    size: 1000,
    version,
    public: true,
  };
}

function meeting(state: MeetingState, files: FileRef[] = []): MeetingDetail {
  return {
    id: ids.meeting,
    bodyId: body.id,
    name: '5. Sitzung des Bau- und Umweltausschusses',
    state,
    cancelled: false,
    // 18:00 to 20:30 in Berlin (winter time).
    start: '2026-12-03T17:00:00.000Z',
    end: '2026-12-03T19:30:00.000Z',
    organizations: [{ id: ids.bua, name: 'Bau- und Umweltausschuss', shortName: 'BUA' }],
    location: { description: 'Rathaus', room: null, streetAddress: null, postalCode: null, locality: null },
    deleted: false,
    modified: '2026-11-20T10:00:00.000Z',
    agendaItems: [],
    files,
  };
}

function agendaOf(state: MeetingState): Agenda {
  return {
    meetingId: ids.meeting,
    state,
    cancelled: false,
    version: '4',
    items: [
      {
        id: ids.item,
        number: 'Ö 1',
        public: true,
        name: 'Radwegekonzept',
        parentId: null,
        paper: null,
        result: null,
        resolutionText: null,
        supplementAt: null,
      },
    ],
  };
}

function routes(state: MeetingState, files: FileRef[], extra: Record<string, (call: ApiCall) => Response> = {}) {
  return stubApi({
    'GET /api/session': () => json(200, session),
    'GET /api/bodies/vg-lindenau': () => json(200, body),
    'GET /api/bodies/vg-lindenau/organizations': () =>
      json(200, {
        data: [organization(ids.bua, 'Bau- und Umweltausschuss'), organization(ids.hfa, 'Haupt- und Finanzausschuss')],
      }),
    [`GET /api/meetings/${ids.meeting}`]: () => json(200, meeting(state, files)),
    [`GET /api/meetings/${ids.meeting}/agenda`]: () => json(200, agendaOf(state)),
    [`GET /api/meetings/${ids.meeting}/files`]: () => json(200, []),
    ...extra,
  });
}

async function mount() {
  const rendered = render(<MeetingEditorPage slug="vg-lindenau" id={ids.meeting} />, { locale: 'de' });
  await settle();
  return rendered;
}

describe('MeetingEditorPage', () => {
  beforeEach(() => resetSession());
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('edits name, time, place and committees after creation, based on the agenda version', async () => {
    const { calls } = routes('invited', [], {
      [`PATCH /api/meetings/${ids.meeting}`]: () =>
        json(200, { ...meeting('invited'), start: '2026-12-03T18:00:00.000Z', name: 'Geänderte Sitzung' }),
    });
    const { container } = await mount();
    // The form shows the meeting as the council's clock reads it.
    expect(byLabel(container, 'Datum').value).toBe('2026-12-03');
    expect(byLabel(container, 'Beginn (Uhrzeit, deutsche Zeit)').value).toBe('18:00');
    expect(byLabel(container, 'Ende (Uhrzeit, optional)').value).toBe('20:30');
    expect(byLabel(container, 'Ort (optional)').value).toBe('Rathaus');
    expect(container.textContent).toContain('Die Einladung ist bereits verschickt.');

    fill(byLabel(container, 'Bezeichnung'), 'Geänderte Sitzung');
    fill(byLabel(container, 'Beginn (Uhrzeit, deutsche Zeit)'), '19:00');
    click(byLabel(container, 'Haupt- und Finanzausschuss'));
    submit(byLabel(container, 'Bezeichnung').form!);
    await settle();
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({
      name: 'Geänderte Sitzung',
      start: '2026-12-03T19:00:00+01:00',
      end: '2026-12-03T20:30:00+01:00',
      organizationIds: [ids.bua, ids.hfa],
      locationDescription: 'Rathaus',
      version: '4',
    });
    expect(container.querySelector('h1')!.textContent).toBe('Geänderte Sitzung');
    expect(container.textContent).toContain('Die Sitzung ist gespeichert.');
  });

  it('checks the times before sending', async () => {
    const { calls } = routes('planned', []);
    const { container } = await mount();
    fill(byLabel(container, 'Ende (Uhrzeit, optional)'), '17:00');
    submit(byLabel(container, 'Bezeichnung').form!);
    await settle();
    const end = byLabel(container, 'Ende (Uhrzeit, optional)');
    expect(end.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(end.getAttribute('aria-describedby')!)!.textContent).toBe(
      'Das Ende darf nicht vor dem Beginn liegen.',
    );
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);
  });

  it('links both invitation PDFs and regenerates them after supplements', async () => {
    const invitations = [
      file(ids.full, 'Einladung', 'invitation'),
      file(ids.public, 'Einladung (öffentlicher Teil)', 'invitation'),
    ];
    const { calls } = routes('invited', invitations, {
      [`POST /api/meetings/${ids.meeting}/invitation`]: () =>
        json(
          200,
          meeting(
            'invited',
            invitations.map((f) => ({ ...f, version: 2 })),
          ),
        ),
    });
    const { container } = await mount();
    const section = container.querySelector('[aria-labelledby="invitation-title"]')!;
    const links = () =>
      [...section.querySelectorAll('li')].map((li) => [li.querySelector('a')!.getAttribute('href'), li.textContent]);
    expect(links()).toEqual([
      [`/files/${ids.full}`, 'Einladung (Version 1)'],
      [`/files/${ids.public}`, 'Einladung (öffentlicher Teil) (Version 1)'],
    ]);
    click(buttonNamed(container, 'Einladung neu erstellen'));
    await settle();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.url)).toEqual([
      `/api/meetings/${ids.meeting}/invitation`,
    ]);
    expect(links().map(([, text]) => text)).toEqual([
      'Einladung (Version 2)',
      'Einladung (öffentlicher Teil) (Version 2)',
    ]);
    expect(container.textContent).toContain('Die Einladung ist neu erstellt.');
  });

  it('offers no regeneration before the invitation', async () => {
    routes('planned', []);
    const { container } = await mount();
    expect(container.textContent).toContain(
      'Die Einladung (vollständig und öffentlicher Teil) entsteht beim Einladen.',
    );
    expect([...container.querySelectorAll('button')].some((b) => b.textContent === 'Einladung neu erstellen')).toBe(
      false,
    );
  });

  it('asks for the minutes before they can be released, and uploads them with their role', async () => {
    const sent: { url: string; name: string }[] = [];
    class RecordingXhr {
      upload = { onprogress: null, onload: null };
      onload: (() => void) | null = null;
      onerror: (() => void) | null = null;
      url = '';
      headers: Record<string, string> = {};
      open(_method: string, url: string) {
        this.url = url;
      }
      setRequestHeader(name: string, value: string) {
        this.headers[name] = value;
      }
      send() {
        sent.push({ url: this.url, name: decodeURIComponent(this.headers['X-File-Name']!) });
      }
      abort() {}
    }
    vi.stubGlobal('XMLHttpRequest', RecordingXhr);
    routes('held', []);
    const { container } = await mount();
    expect(container.textContent).toContain(
      'Zum Freigeben der Niederschrift laden Sie sie zuerst unten unter „Dateien der Sitzung“ mit der Rolle „Niederschrift“ hoch.',
    );
    const panel = container.querySelector<HTMLElement>('.files-panel')!;
    // In a held meeting the minutes are what is uploaded next.
    expect(byLabel<HTMLSelectElement>(panel, 'Rolle der Datei').value).toBe('results_protocol');
    fill(byLabel(panel, 'Anzeigename (optional)'), 'Niederschrift der 5. Sitzung');
    click(byLabel(panel, 'öffentlich'));
    const drop = new Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(drop, 'dataTransfer', {
      value: { files: [new File(['%PDF-1.7'], 'protokoll.pdf', { type: 'application/pdf' })] },
    });
    act(() => {
      panel.querySelector('.drop-zone')!.dispatchEvent(drop);
    });
    expect(sent).toEqual([
      {
        url: `/api/meetings/${ids.meeting}/files?role=results_protocol&public=true&name=Niederschrift+der+5.+Sitzung`,
        name: 'protokoll.pdf',
      },
    ]);
    // The name was for that one file.
    expect(byLabel(panel, 'Anzeigename (optional)').value).toBe('');
  });
});
