import { z } from 'zod';
import type { Locale } from '../api/errors.js';
import { isoDateTimeSchema, optionalText, requiredText } from './common.js';
import { meetingStateSchema, type MeetingState } from './meeting.js';

/**
 * The office's side of a meeting: editing it, moving it through its states and building its agenda.
 * Every agenda write is based on a version, the meeting's edit counter as the client last saw it (the body's `version`
 * or an `If-Match` header): every office write to the meeting or one of its items moves it, so a stale write answers
 * 409. Not `modified`: that also moves when a file's text is extracted in the background, which races no one.
 */

export const agendaVersionSchema = z.string().regex(/^[1-9][0-9]{0,9}$/, 'expected a version number');

const atLeastOneChange = (value: Record<string, unknown>) =>
  Object.entries(value).some(([key, v]) => key !== 'version' && v !== undefined);

export const updateMeetingSchema = z
  .object({
    name: requiredText(200).optional(),
    start: isoDateTimeSchema.optional(),
    /** null clears the end. */
    end: isoDateTimeSchema.nullable().optional(),
    /** null or '' clears the place. */
    locationDescription: optionalText(300),
    /** The holding organizations, lead first; replaces the current list. */
    organizationIds: z
      .array(z.uuid())
      .min(1)
      .max(10)
      .refine((ids) => new Set(ids).size === ids.length, { message: 'organizations must not repeat' })
      .optional(),
    version: agendaVersionSchema.optional(),
  })
  .refine(atLeastOneChange, { message: 'nothing to change' })
  .refine((m) => !m.start || !m.end || Date.parse(m.end) >= Date.parse(m.start), {
    path: ['end'],
    message: 'end must not be before start',
  });
export type UpdateMeeting = z.infer<typeof updateMeetingSchema>;

export const meetingStateChangeSchema = z.object({
  state: meetingStateSchema,
  version: agendaVersionSchema.optional(),
});
export type MeetingStateChange = z.infer<typeof meetingStateChangeSchema>;

/** The allowed steps: strictly forward, one at a time. There is no way back (see docs in meeting-lifecycle.service). */
export const meetingTransitions: Record<MeetingState, MeetingState | null> = {
  planned: 'invited',
  invited: 'held',
  held: 'minutes_released',
  minutes_released: null,
};

/** A sub-item: no children of its own (two levels at most) and no part of its own (it shares its parent's). */
export const agendaChildNodeSchema = z.strictObject({ id: z.uuid() });

export const agendaNodeSchema = z.strictObject({
  id: z.uuid(),
  public: z.boolean(),
  children: z.array(agendaChildNodeSchema).max(200).default([]),
});
export type AgendaTreeNode = z.infer<typeof agendaNodeSchema>;

/**
 * `PUT /api/meetings/:id/agenda`: the complete arrangement the office wants, top-level items in order with their
 * sub-items. Reordering, indenting, outdenting and moving between the public (Ö) and non-public (N) part are all
 * one request; numbers are assigned by the server.
 */
export const agendaArrangementSchema = z.object({
  version: agendaVersionSchema.optional(),
  items: z.array(agendaNodeSchema).max(500),
});
export type AgendaArrangement = z.infer<typeof agendaArrangementSchema>;

export const updateAgendaItemSchema = z
  .object({
    name: requiredText(500).optional(),
    /** Top-level items only; sub-items move with their parent. */
    public: z.boolean().optional(),
    /** "Beschlossen", "Abgelehnt", "Vertagt" …; null or '' clears it. Recorded once the invitation is out. */
    result: optionalText(200),
    resolutionText: optionalText(20_000),
    /** Links a paper of the same body (creates the consultation); null unlinks it (removes the consultation). */
    paperId: z.uuid().nullable().optional(),
    version: agendaVersionSchema.optional(),
  })
  .refine(atLeastOneChange, { message: 'nothing to change' });
export type UpdateAgendaItem = z.infer<typeof updateAgendaItemSchema>;

/** An agenda item as the office sees it (the office reads everything of its body). */
export const agendaEntrySchema = z.object({
  id: z.uuid(),
  number: z.string().nullable(),
  /** Effective: a sub-item is in its parent's part. */
  public: z.boolean(),
  name: z.string(),
  parentId: z.uuid().nullable(),
  paper: z.object({ id: z.uuid(), reference: z.string().nullable(), name: z.string(), public: z.boolean() }).nullable(),
  result: z.string().nullable(),
  resolutionText: z.string().nullable(),
  /** Set when the item was added or changed after the invitation (Nachtrag): the time of its last such change. */
  supplementAt: z.string().nullable(),
});
export type AgendaEntry = z.infer<typeof agendaEntrySchema>;

export const agendaSchema = z.object({
  meetingId: z.uuid(),
  state: meetingStateSchema,
  cancelled: z.boolean(),
  /** Send this back as `version` (or `If-Match`) with the next write. */
  version: z.string(),
  items: z.array(agendaEntrySchema),
});
export type Agenda = z.infer<typeof agendaSchema>;

export const meetingStateLabels: Record<Locale, Record<MeetingState, string>> = {
  de: {
    planned: 'geplant',
    invited: 'eingeladen',
    held: 'durchgeführt',
    minutes_released: 'Niederschrift freigegeben',
  },
  en: { planned: 'planned', invited: 'invited', held: 'held', minutes_released: 'minutes released' },
};

/** Why the office's write was refused (409), as field issues: the shared error codes only say "conflict". */
export const meetingWorkflowMessages: Record<
  Locale,
  {
    stale: string;
    cancelled: string;
    notCancellable: string;
    agendaLocked: string;
    agendaEmpty: string;
    minutesMissing: string;
    resultTooEarly: string;
    resultLocked: string;
    subItemPart: string;
    invitationNotYet: string;
    backwards: (from: MeetingState, to: MeetingState) => string;
    skipped: (from: MeetingState, next: MeetingState) => string;
    final: string;
  }
> = {
  de: {
    stale:
      'Die Sitzung wurde inzwischen geändert. Bitte laden Sie die Tagesordnung neu und wiederholen Sie die Änderung.',
    cancelled: 'Die Sitzung ist abgesagt und kann nicht mehr geändert werden.',
    notCancellable: 'Eine Sitzung, die bereits stattgefunden hat, kann nicht abgesagt werden.',
    agendaLocked: 'Die Sitzung hat bereits stattgefunden; die Tagesordnung kann nicht mehr geändert werden.',
    agendaEmpty: 'Zu einer Sitzung ohne Tagesordnungspunkte kann nicht eingeladen werden.',
    minutesMissing:
      'Die Niederschrift kann erst freigegeben werden, wenn sie als Datei (Rolle „Niederschrift“) an der Sitzung hängt.',
    resultTooEarly: 'Ergebnisse und Beschlüsse können erst nach der Einladung erfasst werden.',
    resultLocked: 'Die Niederschrift ist freigegeben; Ergebnisse und Beschlüsse können nicht mehr geändert werden.',
    subItemPart: 'Ein Unterpunkt gehört immer zum Teil seines übergeordneten Punkts; verschieben Sie ihn mit diesem.',
    invitationNotYet:
      'Die Einladung entsteht mit dem Wechsel in den Status „eingeladen“; erst danach kann sie neu erstellt werden.',
    backwards: (from, to) =>
      `Eine Sitzung kann nicht von „${meetingStateLabels.de[from]}“ auf „${meetingStateLabels.de[to]}“ zurückgesetzt werden.`,
    skipped: (from, next) =>
      `Von „${meetingStateLabels.de[from]}“ geht es nur weiter zu „${meetingStateLabels.de[next]}“; Schritte können nicht übersprungen werden.`,
    final: 'Die Niederschrift ist freigegeben; das ist der letzte Status einer Sitzung.',
  },
  en: {
    stale: 'The meeting has changed in the meantime. Please reload the agenda and repeat your change.',
    cancelled: 'The meeting is cancelled and can no longer be changed.',
    notCancellable: 'A meeting that has already taken place cannot be cancelled.',
    agendaLocked: 'The meeting has taken place; its agenda can no longer be changed.',
    agendaEmpty: 'Invitations cannot be sent for a meeting without agenda items.',
    minutesMissing:
      'The minutes can only be released once they are attached to the meeting as a file (role "minutes").',
    resultTooEarly: 'Results and resolutions can only be recorded once the invitation is out.',
    resultLocked: 'The minutes are released; results and resolutions can no longer be changed.',
    subItemPart: 'A sub-item always belongs to its parent’s part; move it together with its parent.',
    invitationNotYet: 'The invitation is made when the meeting moves to “invited”; only then can it be regenerated.',
    backwards: (from, to) =>
      `A meeting cannot go back from “${meetingStateLabels.en[from]}” to “${meetingStateLabels.en[to]}”.`,
    skipped: (from, next) =>
      `From “${meetingStateLabels.en[from]}” the only next state is “${meetingStateLabels.en[next]}”; steps cannot be skipped.`,
    final: 'The minutes are released; that is the last state of a meeting.',
  },
};
