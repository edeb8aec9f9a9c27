import { z } from 'zod';
import { isoDateSchema, optionalText, requiredText } from './common.js';
import { organizationRefSchema } from './meeting.js';
import { organizationKindSchema } from './organization.js';

export const personSchema = z.object({
  id: z.uuid(),
  bodyId: z.uuid(),
  name: z.string(),
  familyName: z.string().nullable(),
  givenName: z.string().nullable(),
  formOfAddress: z.string().nullable(),
  title: z.array(z.string()),
  deleted: z.boolean(),
  created: z.string(),
  modified: z.string(),
});
export type Person = z.infer<typeof personSchema>;

export const createPersonSchema = z.object({
  familyName: requiredText(100),
  givenName: requiredText(100),
  formOfAddress: optionalText(50),
  title: z.array(requiredText(50)).max(5).default([]),
  email: z.email().max(200).nullish(),
  phone: optionalText(50),
  contactPublic: z.boolean().default(false),
});
export type CreatePerson = z.infer<typeof createPersonSchema>;

/** Without defaults: a field left out stays as it is. */
export const updatePersonSchema = z
  .object({
    familyName: requiredText(100),
    givenName: requiredText(100),
    formOfAddress: optionalText(50),
    title: z.array(requiredText(50)).max(5),
    email: z.email().max(200).nullable(),
    phone: optionalText(50),
    contactPublic: z.boolean(),
  })
  .partial();
export type UpdatePerson = z.infer<typeof updatePersonSchema>;

/** Contact data, for the office only: the public person shape never carries it. */
export const personContactSchema = z.object({
  email: z.string().nullable(),
  phone: z.string().nullable(),
  contactPublic: z.boolean(),
});
export type PersonContact = z.infer<typeof personContactSchema>;

export const personListQuerySchema = z.object({
  /** Words in the name (given and family name, title, form of address). */
  q: z.string().trim().max(100).optional(),
  /** Only current members of this faction; `none` for persons without a current faction. */
  faction: z.union([z.uuid(), z.literal('none')]).optional(),
});
export type PersonListQuery = z.infer<typeof personListQuerySchema>;

export const personListItemSchema = z.object({
  id: z.uuid(),
  bodyId: z.uuid(),
  name: z.string(),
  familyName: z.string().nullable(),
  givenName: z.string().nullable(),
  formOfAddress: z.string().nullable(),
  title: z.array(z.string()),
  deleted: z.boolean(),
  created: z.string(),
  modified: z.string(),
  /** The faction of a current faction membership on the server's Berlin day, if any. */
  faction: organizationRefSchema.nullable(),
});
export type PersonListItem = z.infer<typeof personListItemSchema>;

export const membershipSchema = z.object({
  id: z.uuid(),
  bodyId: z.uuid(),
  personId: z.uuid(),
  organizationId: z.uuid(),
  role: z.string().nullable(),
  deputy: z.boolean(),
  votingRight: z.boolean(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  onBehalfOf: z.uuid().nullable(),
  deleted: z.boolean(),
  created: z.string(),
  modified: z.string(),
});
export type Membership = z.infer<typeof membershipSchema>;

export const createMembershipSchema = z
  .object({
    personId: z.uuid(),
    organizationId: z.uuid(),
    role: optionalText(100),
    deputy: z.boolean().default(false),
    votingRight: z.boolean().default(true),
    startDate: isoDateSchema,
    endDate: isoDateSchema.nullish(),
    /** The faction a member sits for (a committee seat of a faction); a faction of the same body. */
    onBehalfOf: z.uuid().nullish(),
  })
  // Worded per request language by the server (see shared/src/api/field-issues.ts).
  .refine((m) => !m.endDate || m.endDate >= m.startDate, { path: ['endDate'], params: { issue: 'endBeforeStart' } });
export type CreateMembership = z.infer<typeof createMembershipSchema>;

/** Person and organization stay; dates are checked against the stored ones by the service. */
export const updateMembershipSchema = z
  .object({
    role: optionalText(100),
    deputy: z.boolean(),
    votingRight: z.boolean(),
    startDate: isoDateSchema,
    endDate: isoDateSchema.nullable(),
    onBehalfOf: z.uuid().nullable(),
  })
  .partial();
export type UpdateMembership = z.infer<typeof updateMembershipSchema>;

export const endMembershipSchema = z.object({ endDate: isoDateSchema });
export type EndMembership = z.infer<typeof endMembershipSchema>;

/** On the server's Berlin day: begun and not ended, not yet begun, or ended. */
export const membershipStatuses = ['current', 'upcoming', 'ended'] as const;
export type MembershipStatus = (typeof membershipStatuses)[number];

export function membershipStatusOn(membership: { startDate: string; endDate: string | null }, today: string) {
  if (membership.startDate > today) return 'upcoming' as const;
  if (membership.endDate !== null && membership.endDate < today) return 'ended' as const;
  return 'current' as const;
}

export const membershipListQuerySchema = z.object({
  status: z.enum([...membershipStatuses, 'all']).default('all'),
});
export type MembershipListQuery = z.infer<typeof membershipListQuerySchema>;

/** A membership as an organization's list shows it: with its person and the faction it is held for. */
export const organizationMembershipSchema = membershipSchema.extend({
  person: z.object({ id: z.uuid(), name: z.string() }),
  onBehalfOfOrganization: organizationRefSchema.nullable(),
  status: z.enum(membershipStatuses),
});
export type OrganizationMembership = z.infer<typeof organizationMembershipSchema>;

export const personMembershipSchema = membershipSchema.extend({
  organization: organizationRefSchema.extend({ kind: organizationKindSchema }),
  onBehalfOfOrganization: organizationRefSchema.nullable(),
});
export type PersonMembership = z.infer<typeof personMembershipSchema>;

/** A person's public page: public fields only (never contact data), current faction, all memberships. */
export const personDetailSchema = personSchema.extend({
  /** The faction of a current faction membership, if any. */
  faction: organizationRefSchema.nullable(),
  memberships: z.array(personMembershipSchema),
});
export type PersonDetail = z.infer<typeof personDetailSchema>;
