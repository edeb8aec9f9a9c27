import { z } from 'zod';
import { optionalText, pageQuerySchema, requiredText } from './common.js';

/** A place (OParl Location): where meetings happen, an organization sits or a person can be reached. */
export const locationSchema = z.object({
  id: z.uuid(),
  bodyId: z.uuid(),
  description: z.string().nullable(),
  streetAddress: z.string().nullable(),
  room: z.string().nullable(),
  postalCode: z.string().nullable(),
  subLocality: z.string().nullable(),
  locality: z.string().nullable(),
  /** Live meetings, organizations and persons (and the body) that name this place; a place in use cannot be deleted. */
  useCount: z.number().int(),
  deleted: z.boolean(),
  created: z.string(),
  modified: z.string(),
});
export type Location = z.infer<typeof locationSchema>;

export const createLocationSchema = z.object({
  description: requiredText(300),
  streetAddress: optionalText(200),
  room: optionalText(100),
  postalCode: optionalText(10),
  subLocality: optionalText(100),
  locality: optionalText(100),
});
export type CreateLocation = z.infer<typeof createLocationSchema>;
export const updateLocationSchema = createLocationSchema.partial();
export type UpdateLocation = z.infer<typeof updateLocationSchema>;

export const locationListQuerySchema = pageQuerySchema.extend({
  /** Words in the description, street, room or locality. */
  q: z.string().trim().max(100).optional(),
});
export type LocationListQuery = z.infer<typeof locationListQuerySchema>;
