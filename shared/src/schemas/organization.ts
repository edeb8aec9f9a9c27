import { z } from 'zod';
import { isoDateSchema, optionalText, requiredText } from './common.js';

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
