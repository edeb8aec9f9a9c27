import { z } from 'zod';
import { isoDateSchema } from './common.js';

export const searchResultTypes = ['paper', 'agenda_item', 'meeting', 'file'] as const;
export const searchResultTypeSchema = z.enum(searchResultTypes);
export type SearchResultType = z.infer<typeof searchResultTypeSchema>;

export const searchMaxLimit = 50;

/**
 * `GET /api/search`. `q` is web-search syntax: words are ANDed, "quoted words" are a phrase, `-word` excludes,
 * `or` between words. `body` is a body's slug or uuid; `from`/`to` are inclusive Berlin calendar dates.
 */
export const searchQuerySchema = z
  .object({
    q: z.string().trim().min(1).max(200),
    type: searchResultTypeSchema.optional(),
    body: z.string().trim().min(1).max(80).optional(),
    organization: z.uuid().optional(),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    page: z.coerce.number().int().min(1).max(500).default(1),
    limit: z.coerce.number().int().min(1).max(searchMaxLimit).default(20),
  })
  .refine((s) => !s.from || !s.to || s.from <= s.to, { path: ['to'], message: 'to must not be before from' });
export type SearchQuery = z.infer<typeof searchQuerySchema>;

export const searchResultSchema = z.object({
  type: searchResultTypeSchema,
  /** The hit itself; for `file` the file id (`/files/:fileId` serves its current version). */
  id: z.uuid(),
  bodyId: z.uuid(),
  bodySlug: z.string(),
  title: z.string(),
  /** HTML-safe: the text is escaped and hits are wrapped in `<mark>…</mark>`; it contains no other markup. */
  snippet: z.string(),
  /** Berlin calendar date `yyyy-mm-dd`: paper date, meeting day, or the file's (owner's) date. */
  date: z.string().nullable(),
  /** Paper reference (Drucksachennummer) or agenda item number. */
  reference: z.string().nullable(),
  rank: z.number(),
  /** The meeting to link to: an agenda item's meeting, or the meeting a file belongs to. */
  meeting: z.object({ id: z.uuid(), name: z.string(), start: z.string() }).nullable(),
  /** The paper a file belongs to. */
  paper: z.object({ id: z.uuid(), name: z.string(), reference: z.string().nullable() }).nullable(),
  /** The agenda item a file belongs to. */
  agendaItem: z.object({ id: z.uuid(), number: z.string().nullable(), name: z.string() }).nullable(),
  file: z
    .object({
      fileName: z.string(),
      mimeType: z.string(),
      version: z.number().int(),
      /** The first PDF page that matches the query on its own (for opening the viewer there), if any. */
      page: z.number().int().nullable(),
    })
    .nullable(),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

export const searchResponseSchema = z.object({
  query: z.string(),
  /** Exact number of hits this viewer may see, over all pages. */
  total: z.number().int(),
  page: z.number().int(),
  limit: z.number().int(),
  results: z.array(searchResultSchema),
});
export type SearchResponse = z.infer<typeof searchResponseSchema>;
