import { createLegislativeTermSchema, legislativeTermSchema, updateLegislativeTermSchema } from '@ratsmappe/shared';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { AppEnv } from '../../http/app-env.js';
import { documentApi } from '../../http/openapi.js';
import { jsonBody, pathId } from '../../http/validate.js';

/** Legislative terms of a body, mounted at /api. */
export function legislativeTermRoutes(ctx: AppContext) {
  const { bodies, legislativeTerms } = ctx.services;
  return new Hono<AppEnv>()
    .get('/bodies/:bodyRef/legislative-terms', async (c) => {
      const body = await bodies.get(c.req.param('bodyRef'));
      return c.json({ data: await legislativeTerms.list(body.id) });
    })
    .post('/bodies/:bodyRef/legislative-terms', async (c) => {
      const body = await bodies.get(c.req.param('bodyRef'));
      const input = await jsonBody(c, createLegislativeTermSchema);
      return c.json(await legislativeTerms.create(c.get('principal'), body.id, input), 201);
    })
    .patch('/legislative-terms/:id', async (c) => {
      const input = await jsonBody(c, updateLegislativeTermSchema);
      return c.json(await legislativeTerms.update(c.get('principal'), pathId(c, 'id'), input, c.get('locale')));
    })
    .delete('/legislative-terms/:id', async (c) => {
      await legislativeTerms.delete(c.get('principal'), pathId(c, 'id'), c.get('locale'));
      return c.body(null, 204);
    });
}

documentApi(
  {
    method: 'get',
    path: '/api/bodies/{bodyRef}/legislative-terms',
    tag: 'Master data',
    summary: 'Legislative terms, newest first, each with the number of organizations naming it',
    access: 'public',
    response: z.object({ data: z.array(legislativeTermSchema) }),
  },
  {
    method: 'post',
    path: '/api/bodies/{bodyRef}/legislative-terms',
    tag: 'Master data',
    summary: 'Create a legislative term',
    access: 'office-staff',
    body: createLegislativeTermSchema,
    response: legislativeTermSchema,
    status: 201,
  },
  {
    method: 'patch',
    path: '/api/legislative-terms/{id}',
    tag: 'Master data',
    summary: 'Change a legislative term (the end is checked against the stored start and vice versa)',
    access: 'office-staff',
    body: updateLegislativeTermSchema,
    response: legislativeTermSchema,
  },
  {
    method: 'delete',
    path: '/api/legislative-terms/{id}',
    tag: 'Master data',
    summary: 'Delete a legislative term (soft); 409 while organizations name it',
    access: 'office-staff',
    status: 204,
  },
);
