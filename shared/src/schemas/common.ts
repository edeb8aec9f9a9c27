import { z } from 'zod';
import { reservedSlugs } from '../api/reserved-slugs.js';

export const uuidSchema = z.uuid();
export const isoDateSchema = z.iso.date();
/** Timestamps on the app API are ISO 8601 with offset; OParl has its own stricter format (see oparl/). */
export const isoDateTimeSchema = z.iso.datetime({ offset: true });
export { reservedSlugs } from '../api/reserved-slugs.js';

export const slugSchema = z
  .string()
  .min(2)
  .max(80)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  .refine((slug) => !(reservedSlugs as readonly string[]).includes(slug), { message: 'this slug is reserved' });

/** Trims and rejects empty strings: a name of only spaces is no name. */
export const requiredText = (max: number) => z.string().trim().min(1).max(max);
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => (value === '' ? null : value))
    .nullish();

export const pageQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}
