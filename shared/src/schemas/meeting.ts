import { z } from 'zod';
import { isoDateSchema, isoDateTimeSchema, optionalText, requiredText } from './common.js';

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

export const meetingDetailSchema = meetingSummarySchema.extend({
  agendaItems: z.array(agendaItemViewSchema),
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
