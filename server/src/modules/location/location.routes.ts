import { createLocationSchema, locationListQuerySchema, locationSchema, updateLocationSchema } from '@ratsmappe/shared';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { AppEnv } from '../../http/app-env.js';
import { documentApi } from '../../http/openapi.js';
import { jsonBody, pathId, queryOf } from '../../http/validate.js';

/** A body's places for the office, mounted at /api. */
export function locationRoutes(ctx: AppContext) {
  const { bodies, locations } = ctx.services;
  return new Hono<AppEnv>()
    .get('/bodies/:bodyRef/locations', async (c) => {
      const body = await bodies.get(c.req.param('bodyRef'));
      return c.json(await locations.list(c.get('principal'), body.id, queryOf(c, locationListQuerySchema)));
    })
    .post('/bodies/:bodyRef/locations', async (c) => {
      const body = await bodies.get(c.req.param('bodyRef'));
      const input = await jsonBody(c, createLocationSchema);
      return c.json(await locations.create(c.get('principal'), body.id, input), 201);
    })
    .patch('/locations/:id', async (c) => {
      const input = await jsonBody(c, updateLocationSchema);
      return c.json(await locations.update(c.get('principal'), pathId(c, 'id'), input));
    })
    .delete('/locations/:id', async (c) => {
      await locations.delete(c.get('principal'), pathId(c, 'id'), c.get('locale'));
      return c.body(null, 204);
    });
}

documentApi(
  {
    method: 'get',
    path: '/api/bodies/{bodyRef}/locations',
    tag: 'Master data',
    summary: 'Places of a body with how often each is used, by description (keyset paged, word search)',
    access: 'office-staff',
    query: locationListQuerySchema,
    response: z.object({ data: z.array(locationSchema), nextCursor: z.string().nullable() }),
  },
  {
    method: 'post',
    path: '/api/bodies/{bodyRef}/locations',
    tag: 'Master data',
    summary: 'Create a place',
    access: 'office-staff',
    body: createLocationSchema,
    response: locationSchema,
    status: 201,
  },
  {
    method: 'patch',
    path: '/api/locations/{id}',
    tag: 'Master data',
    summary: 'Change a place (every meeting there shows the change)',
    access: 'office-staff',
    body: updateLocationSchema,
    response: locationSchema,
  },
  {
    method: 'delete',
    path: '/api/locations/{id}',
    tag: 'Master data',
    summary: 'Delete a place (soft); 409 while meetings, organizations or persons name it',
    access: 'office-staff',
    status: 204,
  },
);
