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
    onBehalfOf: z.uuid().nullish(),
  })
  .refine((m) => !m.endDate || m.endDate >= m.startDate, {
    path: ['endDate'],
    message: 'endDate must not be before startDate',
  });
export type CreateMembership = z.infer<typeof createMembershipSchema>;

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
