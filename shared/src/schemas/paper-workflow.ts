import { z } from 'zod';
import type { Locale } from '../api/errors.js';
import { isoDateSchema, optionalText, requiredText } from './common.js';
import { meetingStateSchema, organizationRefSchema } from './meeting.js';
import { paperSchema, paperTypeSchema } from './paper.js';

/**
 * The office's side of papers (Vorlagen): editing them and planning their way through the committees
 * (Beratungsfolge). A step's result is the result of the agenda item that dealt with it; a step not yet on an
 * agenda has no result.
 */

export const updatePaperSchema = z
  .object({
    name: requiredText(500).optional(),
    reference: requiredText(50).optional(),
    date: isoDateSchema.optional(),
    paperType: paperTypeSchema.optional(),
    bodyText: optionalText(100_000),
    /** Switching to non-public also makes each of its files non-public, so switching back publishes nothing. */
    public: z.boolean().optional(),
    /**
     * The paper's `version` as the client last saw it; a stale edit answers 409. Not `modified`, which also moves
     * when a file of the paper changes or its text is extracted in the background.
     */
    version: z
      .string()
      .regex(/^[1-9][0-9]{0,9}$/, 'expected a version number')
      .optional(),
  })
  .refine((value) => Object.entries(value).some(([key, v]) => key !== 'version' && v !== undefined), {
    message: 'nothing to change',
  });
export type UpdatePaper = z.infer<typeof updatePaperSchema>;

export const editedPaperSchema = paperSchema.extend({ version: z.string(), bodyText: z.string().nullable() });
export type EditedPaper = z.infer<typeof editedPaperSchema>;

/** Usual roles of a step; free text is allowed, as councils name them differently. */
export const consultationRoleSuggestions = ['Vorberatung', 'Entscheidung', 'Kenntnisnahme', 'Anhörung'] as const;

/** A planned step: the committee, and optionally the meeting it is meant for before it is on that agenda. */
export const createConsultationSchema = z.object({
  organizationId: z.uuid(),
  role: optionalText(100),
  authoritative: z.boolean().default(false),
  meetingId: z.uuid().nullish(),
});
export type CreateConsultation = z.infer<typeof createConsultationSchema>;

export const updateConsultationSchema = z
  .object({
    organizationId: z.uuid().optional(),
    role: optionalText(100),
    authoritative: z.boolean().optional(),
    /** Only while the step is not on an agenda; null unplans the meeting. */
    meetingId: z.uuid().nullable().optional(),
  })
  .refine((value) => Object.values(value).some((v) => v !== undefined), { message: 'nothing to change' });
export type UpdateConsultation = z.infer<typeof updateConsultationSchema>;

/** One step of the Beratungsfolge as the office plans it (and as others may read it). */
export const consultationStepSchema = z.object({
  id: z.uuid(),
  paperId: z.uuid(),
  position: z.number().int(),
  role: z.string().nullable(),
  authoritative: z.boolean(),
  organization: organizationRefSchema.nullable(),
  meeting: z
    .object({ id: z.uuid(), name: z.string(), start: z.string(), cancelled: z.boolean(), state: meetingStateSchema })
    .nullable(),
  /** Null while the step is not on an agenda, or when the viewer may not read that agenda item. */
  agendaItem: z
    .object({ id: z.uuid(), number: z.string().nullable(), name: z.string(), result: z.string().nullable() })
    .nullable(),
  /** The step's result: its agenda item's result (null before the meeting or when unreadable). */
  result: z.string().nullable(),
});
export type ConsultationStep = z.infer<typeof consultationStepSchema>;

export const paperWorkflowMessages: Record<
  Locale,
  { onAgenda: string; meetingOfStep: string; referenceTaken: string; stale: string }
> = {
  de: {
    onAgenda:
      'Dieser Beratungsschritt steht bereits auf einer Tagesordnung. Lösen Sie dort die Vorlage vom Tagesordnungspunkt.',
    meetingOfStep: 'Die Sitzung eines Beratungsschritts, der auf der Tagesordnung steht, kann nicht geändert werden.',
    referenceTaken: 'Dieses Aktenzeichen ist in dieser Körperschaft bereits vergeben.',
    stale: 'Die Vorlage wurde inzwischen geändert. Bitte laden Sie sie neu und wiederholen Sie die Änderung.',
  },
  en: {
    onAgenda: 'This step is already on an agenda. Unlink the paper from that agenda item instead.',
    meetingOfStep: 'The meeting of a step that is on an agenda cannot be changed.',
    referenceTaken: 'This reference is already in use in this body.',
    stale: 'The paper has changed in the meantime. Please reload it and repeat your change.',
  },
};
