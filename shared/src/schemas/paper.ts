import { z } from 'zod';
import { isoDateSchema, optionalText, pageQuerySchema, requiredText } from './common.js';
import { fileRefSchema, meetingStateSchema, organizationRefSchema } from './meeting.js';

export const paperTypes = ['Beschlussvorlage', 'Antrag', 'Anfrage', 'Mitteilung', 'Stellungnahme'] as const;
export const paperTypeSchema = z.enum(paperTypes);
export type PaperType = z.infer<typeof paperTypeSchema>;

export const paperSchema = z.object({
  id: z.uuid(),
  bodyId: z.uuid(),
  name: z.string(),
  reference: z.string().nullable(),
  date: z.string().nullable(),
  paperType: z.string(),
  public: z.boolean(),
  deleted: z.boolean(),
  created: z.string(),
  modified: z.string(),
});
export type Paper = z.infer<typeof paperSchema>;

export const createPaperSchema = z.object({
  name: requiredText(500),
  reference: optionalText(50),
  date: isoDateSchema,
  paperType: paperTypeSchema,
  bodyText: optionalText(100_000),
  public: z.boolean().default(false),
});
export type CreatePaper = z.infer<typeof createPaperSchema>;

/**
 * The office's list of a body's papers (`GET /api/bodies/:bodyRef/papers`), newest first (by the paper's date, then
 * by creation). `q` matches reference or title (case-insensitive substring); `year` is the year of the paper's date,
 * the year its reference number counts in.
 */
export const paperListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(200).optional(),
  type: paperTypeSchema.optional(),
  year: z.coerce.number().int().min(1900).max(2999).optional(),
  public: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
});
export type PaperListQuery = z.infer<typeof paperListQuerySchema>;

/** One step of a paper's way through the committees (Beratungsfolge), as a given viewer may see it. */
export const consultationViewSchema = z.object({
  id: z.uuid(),
  /** "Vorberatung", "Entscheidung", "Kenntnisnahme" … */
  role: z.string().nullable(),
  authoritative: z.boolean(),
  organization: organizationRefSchema.nullable(),
  meeting: z
    .object({ id: z.uuid(), name: z.string(), start: z.string(), cancelled: z.boolean(), state: meetingStateSchema })
    .nullable(),
  /** The agenda item that dealt with the paper; null when there is none or the viewer may not read it. */
  agendaItem: z
    .object({ id: z.uuid(), number: z.string().nullable(), name: z.string(), result: z.string().nullable() })
    .nullable(),
});
export type ConsultationView = z.infer<typeof consultationViewSchema>;

export const paperDetailSchema = paperSchema.extend({
  /** Send this back as `version` with the office's next edit of the paper; moves only with those edits. */
  version: z.string(),
  bodyText: z.string().nullable(),
  files: z.array(fileRefSchema),
  consultations: z.array(consultationViewSchema),
});
export type PaperDetail = z.infer<typeof paperDetailSchema>;
