import { berlinDateTime } from '@ratsmappe/shared';
import { z } from 'zod';
import { badRequest } from '../errors.js';

/**
 * The query of an OParl list: the four date filters and `omit_internal` from the spec, plus our page size and
 * keyset cursor. `toQueryString` writes them in one fixed order with fixed spellings, so every `links` URL of a
 * list is canonical and carries the same filters (DIGEST §1.5).
 */
export interface ListQuery {
  createdSince: Date | null;
  createdUntil: Date | null;
  modifiedSince: Date | null;
  modifiedUntil: Date | null;
  omitInternal: boolean;
  /** Page size; `limitGiven` says whether the client chose it (then links carry it). */
  limit: number;
  limitGiven: boolean;
  /** Keyset cursor: the id of the last object of the previous page. */
  after: string | null;
}

export const defaultPageSize = 100;
export const maxPageSize = 500;

const dateTimePattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Accepts the OParl form `yyyy-mm-ddThh:mm:ss±hh:mm`, and leniently `Z` and fractions (dropped: OParl dates have
 * whole seconds). A `+` the client forgot to encode arrives as a space; it is read as `+` again.
 */
export function parseOparlDateTime(raw: string): Date | null {
  const value = raw.trim().replace(/ (\d{2}:\d{2})$/, '+$1');
  const match = dateTimePattern.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return null;
  // Date accepts 2024-02-30 by rolling over; a calendar check against the wall-clock fields rejects it.
  const wall = new Date(Date.UTC(year, month - 1, day));
  if (wall.getUTCMonth() !== month - 1 || wall.getUTCDate() !== day) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return new Date(Math.floor(instant.getTime() / 1000) * 1000);
}

const dateTimeParam = (name: string) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return null;
      const parsed = parseOparlDateTime(value);
      if (!parsed) {
        ctx.addIssue({
          code: 'custom',
          message: `${name} must be a date-time like 2024-05-14T17:00:00+02:00, got ${JSON.stringify(value)}`,
        });
        return z.NEVER;
      }
      return parsed;
    });

const listQuerySchema = z.object({
  created_since: dateTimeParam('created_since'),
  created_until: dateTimeParam('created_until'),
  modified_since: dateTimeParam('modified_since'),
  modified_until: dateTimeParam('modified_until'),
  omit_internal: z
    .enum(['true', 'false'], { error: 'omit_internal must be true or false' })
    .optional()
    .transform((value) => value === 'true'),
  limit: z
    .string()
    .regex(/^\d{1,9}$/, 'limit must be a positive integer')
    .optional()
    .transform((value) => (value === undefined ? null : Number(value)))
    .refine((value) => value === null || value >= 1, 'limit must be at least 1'),
  after: z
    .string()
    .regex(uuidPattern, 'after must be a cursor taken from links.next')
    .optional()
    .transform((value) => value?.toLowerCase() ?? null),
});

/** Parses the query parameters of a list request; unknown parameters are ignored, bad values are a 400. */
export function parseListQuery(params: Record<string, string>): ListQuery {
  const result = listQuerySchema.safeParse(params);
  if (!result.success) {
    throw badRequest(
      result.error.issues.map((issue) => issue.message).join('; '),
      result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  const q = result.data;
  return {
    createdSince: q.created_since,
    createdUntil: q.created_until,
    modifiedSince: q.modified_since,
    modifiedUntil: q.modified_until,
    omitInternal: q.omit_internal,
    limit: Math.min(q.limit ?? defaultPageSize, maxPageSize),
    limitGiven: q.limit !== null,
    after: q.after,
  };
}

/** The canonical query string (with `?`, or empty) for a page of this list; `after` overrides the cursor. */
export function toQueryString(query: ListQuery, after: string | null = query.after): string {
  const pairs: [string, string][] = [];
  const dates: [string, Date | null][] = [
    ['created_since', query.createdSince],
    ['created_until', query.createdUntil],
    ['modified_since', query.modifiedSince],
    ['modified_until', query.modifiedUntil],
  ];
  for (const [name, value] of dates) if (value) pairs.push([name, berlinDateTime(value)]);
  if (query.omitInternal) pairs.push(['omit_internal', 'true']);
  if (query.limitGiven) pairs.push(['limit', String(query.limit)]);
  if (after) pairs.push(['after', after]);
  if (pairs.length === 0) return '';
  return `?${pairs.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&')}`;
}
