import { searchQuerySchema, searchResponseSchema } from '@ratsmappe/shared';
import { Hono } from 'hono';
import type { AppContext } from '../../context.js';
import type { AppEnv } from '../../http/app-env.js';
import { documentApi } from '../../http/openapi.js';
import { queryOf } from '../../http/validate.js';

/** Mounted at /api. Public; a signed-in principal additionally finds the non-public content it may read. */
export function searchRoutes(ctx: AppContext) {
  const { bodies, search } = ctx.services;
  return new Hono<AppEnv>().get('/search', async (c) => {
    const query = queryOf(c, searchQuerySchema);
    const body = query.body ? await bodies.get(query.body) : undefined;
    return c.json(await search.search(c.get('principal'), query, body?.id));
  });
}

documentApi({
  method: 'get',
  path: '/api/search',
  tag: 'Search',
  summary:
    'Full-text search (German stemming, "phrases", -exclusions) over meetings, agenda items, papers and file texts; ' +
    'ranked, with highlighted snippets and an exact total of what the caller may read',
  access: 'public',
  query: searchQuerySchema,
  response: searchResponseSchema,
});
