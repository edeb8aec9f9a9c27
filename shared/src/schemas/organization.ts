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
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  deleted: z.boolean(),
  created: z.string(),
  modified: z.string(),
});
export type Organization = z.infer<typeof organizationSchema>;

export const createOrganizationSchema = z.object({
  kind: organizationKindSchema,
  name: requiredText(200),
  shortName: optionalText(50),
  classification: optionalText(100),
  startDate: isoDateSchema.nullish(),
  endDate: isoDateSchema.nullish(),
});
export type CreateOrganization = z.infer<typeof createOrganizationSchema>;
export const updateOrganizationSchema = createOrganizationSchema.partial();
export type UpdateOrganization = z.infer<typeof updateOrganizationSchema>;

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
