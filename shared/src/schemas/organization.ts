import { z } from 'zod';
import { isoDateSchema, optionalText, requiredText } from './common.js';
import { organizationRefSchema } from './meeting.js';

export const organizationKinds = [
  'council',
  'committee',
  'faction',
  'advisory_board',
  'administration',
  'other',
] as const;
export const organizationKindSchema = z.enum(organizationKinds);
export type OrganizationKind = z.infer<typeof organizationKindSchema>;

export const organizationSchema = z.object({
  id: z.uuid(),
  bodyId: z.uuid(),
  kind: organizationKindSchema,
  name: z.string(),
  shortName: z.string().nullable(),
  classification: z.string().nullable(),
  legislativeTermId: z.uuid().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  deleted: z.boolean(),
  created: z.string(),
  modified: z.string(),
});
export type Organization = z.infer<typeof organizationSchema>;

const organizationFields = z.object({
  kind: organizationKindSchema,
  name: requiredText(200),
  shortName: optionalText(50),
  classification: optionalText(100),
  /** A legislative term of the same body, or none. */
  legislativeTermId: z.uuid().nullish(),
  startDate: isoDateSchema.nullish(),
  endDate: isoDateSchema.nullish(),
});
export const createOrganizationSchema = organizationFields.refine(
  (o) => !o.startDate || !o.endDate || o.endDate >= o.startDate,
  { path: ['endDate'], params: { issue: 'endBeforeStart' } },
);
export type CreateOrganization = z.infer<typeof createOrganizationSchema>;
/** Dates are checked against the stored ones by the service: only one of them may be sent. */
export const updateOrganizationSchema = organizationFields.partial();
export type UpdateOrganization = z.infer<typeof updateOrganizationSchema>;

export const organizationListQuerySchema = z.object({
  kind: organizationKindSchema.optional(),
  /** Words in the name or short name. */
  q: z.string().trim().max(100).optional(),
});
export type OrganizationListQuery = z.infer<typeof organizationListQuerySchema>;

/** A current member of an organization, with the faction they sit for (`onBehalfOf`, else their faction). */
export const organizationMemberSchema = z.object({
  membershipId: z.uuid(),
  person: z.object({ id: z.uuid(), name: z.string() }),
  role: z.string().nullable(),
  deputy: z.boolean(),
  votingRight: z.boolean(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  faction: organizationRefSchema.nullable(),
});
export type OrganizationMember = z.infer<typeof organizationMemberSchema>;

export const organizationDetailSchema = organizationSchema.extend({
  /** Members on the server's current Berlin day; empty for a deleted organization. */
  members: z.array(organizationMemberSchema),
});
export type OrganizationDetail = z.infer<typeof organizationDetailSchema>;
