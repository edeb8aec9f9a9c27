import { z } from 'zod';
import { isoDateSchema, isoDateTimeSchema, optionalText, requiredText } from './common.js';
import { fileRoleSchema } from './file.js';

export const meetingStates = ['planned', 'invited', 'held', 'minutes_released'] as const;
export const meetingStateSchema = z.enum(meetingStates);
export type MeetingState = z.infer<typeof meetingStateSchema>;

export const organizationRefSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  shortName: z.string().nullable(),
});
export type OrganizationRef = z.infer<typeof organizationRefSchema>;

export const locationSummarySchema = z.object({
  description: z.string().nullable(),
  room: z.string().nullable(),
  streetAddress: z.string().nullable(),
  postalCode: z.string().nullable(),
  locality: z.string().nullable(),
});
export type LocationSummary = z.infer<typeof locationSummarySchema>;

export const meetingSummarySchema = z.object({
  id: z.uuid(),
  bodyId: z.uuid(),
  name: z.string(),
  state: meetingStateSchema,
  cancelled: z.boolean(),
  start: z.string(),
  end: z.string().nullable(),
  organizations: z.array(organizationRefSchema),
  location: locationSummarySchema.nullable(),
  deleted: z.boolean(),
  modified: z.string(),
});
export type MeetingSummary = z.infer<typeof meetingSummarySchema>;

export const meetingListQuerySchema = z.object({
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  organization: z.uuid().optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type MeetingListQuery = z.infer<typeof meetingListQuerySchema>;

/** An agenda item as a given viewer may see it: a hidden non-public item keeps only its number. */
export const agendaItemViewSchema = z.object({
  id: z.uuid(),
  number: z.string().nullable(),
  public: z.boolean(),
  /** False when the viewer may not read this non-public item: name, paper and files are then absent. */
  readable: z.boolean(),
  name: z.string().nullable(),
  parentId: z.uuid().nullable(),
  paperId: z.uuid().nullable(),
  result: z.string().nullable(),
  supplementAt: z.string().nullable(),
});
export type AgendaItemView = z.infer<typeof agendaItemViewSchema>;

/**
 * A document as the public pages list it: the current version (highest version not deleted) of a file the viewer
 * may read. `/files/:id` shows it inline, `/files/:id/download` as an attachment.
 */
export const fileRefSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  role: fileRoleSchema,
  date: z.string().nullable(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number().int().min(0),
  version: z.number().int().min(1),
  /** Effective publicity (`isFilePublic`): false only for viewers who may read non-public content. */
  public: z.boolean(),
});
export type FileRef = z.infer<typeof fileRefSchema>;

/** The paper an agenda item deals with, present only when the viewer may read both the item and the paper. */
export const paperRefSchema = z.object({
  id: z.uuid(),
  reference: z.string().nullable(),
  name: z.string(),
  paperType: z.string(),
});
export type PaperRef = z.infer<typeof paperRefSchema>;

/** An agenda item on the meeting page: for an unreadable item `paper` is null and `files` empty, like its name. */
export const agendaItemDetailSchema = agendaItemViewSchema.extend({
  paper: paperRefSchema.nullable(),
  /** Readable files of the item itself, then those of its paper. */
  files: z.array(fileRefSchema),
});
export type AgendaItemDetail = z.infer<typeof agendaItemDetailSchema>;

export const meetingDetailSchema = meetingSummarySchema.extend({
  agendaItems: z.array(agendaItemDetailSchema),
  /** The meeting's own readable files: invitation, supplements, minutes. */
  files: z.array(fileRefSchema),
});
export type MeetingDetail = z.infer<typeof meetingDetailSchema>;

export const createMeetingSchema = z
  .object({
    name: requiredText(200),
    start: isoDateTimeSchema,
    end: isoDateTimeSchema.nullish(),
    organizationIds: z.array(z.uuid()).min(1).max(10),
    locationDescription: optionalText(300),
  })
  .refine((m) => !m.end || Date.parse(m.end) >= Date.parse(m.start), {
    path: ['end'],
    message: 'end must not be before start',
  });
export type CreateMeeting = z.infer<typeof createMeetingSchema>;

export const createAgendaItemSchema = z.object({
  name: requiredText(500),
  public: z.boolean(),
  parentId: z.uuid().nullish(),
  paperId: z.uuid().nullish(),
});
export type CreateAgendaItem = z.infer<typeof createAgendaItemSchema>;

export const dateRangeSchema = z.object({ from: isoDateSchema, to: isoDateSchema });
