import { z } from 'zod';
import { optionalText, requiredText, slugSchema } from './common.js';

export const bodySchema = z.object({
  id: z.uuid(),
  slug: slugSchema,
  name: z.string(),
  shortName: z.string().nullable(),
  classification: z.string().nullable(),
  website: z.string().nullable(),
  ags: z.string().nullable(),
  streetAddress: z.string().nullable(),
  postalCode: z.string().nullable(),
  locality: z.string().nullable(),
  councilMembersSeeNonPublic: z.boolean(),
  created: z.string(),
  modified: z.string(),
});
export type Body = z.infer<typeof bodySchema>;

export const createBodySchema = z.object({
  slug: slugSchema,
  name: requiredText(200),
  shortName: optionalText(80),
  classification: optionalText(100),
  website: z.url().max(500).nullish(),
  ags: z
    .string()
    .regex(/^[0-9]{8}$/)
    .nullish(),
  streetAddress: optionalText(200),
  postalCode: optionalText(10),
  locality: optionalText(100),
  councilMembersSeeNonPublic: z.boolean().default(false),
});
export type CreateBody = z.infer<typeof createBodySchema>;
