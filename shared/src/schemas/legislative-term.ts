import { z } from 'zod';
import { isoDateSchema, requiredText } from './common.js';

/** A body's electoral period (OParl LegislativeTerm); organizations may name the one they belong to. */
export const legislativeTermSchema = z.object({
  id: z.uuid(),
  bodyId: z.uuid(),
  name: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  /** Live organizations that name this term; a term in use cannot be deleted. */
  organizationCount: z.number().int(),
  deleted: z.boolean(),
  created: z.string(),
  modified: z.string(),
});
export type LegislativeTerm = z.infer<typeof legislativeTermSchema>;

const legislativeTermFields = z.object({
  name: requiredText(200),
  startDate: isoDateSchema,
  endDate: isoDateSchema.nullish(),
});

export const createLegislativeTermSchema = legislativeTermFields.refine((t) => !t.endDate || t.endDate >= t.startDate, {
  path: ['endDate'],
  params: { issue: 'endBeforeStart' },
});
export type CreateLegislativeTerm = z.infer<typeof createLegislativeTermSchema>;

/** Dates are checked against the stored ones by the service: only one of them may be sent. */
export const updateLegislativeTermSchema = legislativeTermFields.partial();
export type UpdateLegislativeTerm = z.infer<typeof updateLegislativeTermSchema>;
