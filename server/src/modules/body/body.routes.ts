import { createBodySchema, meetingListQuerySchema } from '@ratsmappe/shared';
import { Hono } from 'hono';
import type { AppContext } from '../../context.js';
import type { AppEnv } from '../../http/app-env.js';
import { jsonBody, queryOf } from '../../http/validate.js';
import { toBody } from './body.service.js';

export function bodyRoutes(ctx: AppContext) {
  const { bodies, meetings } = ctx.services;
  return new Hono<AppEnv>()
    .get('/', async (c) => c.json({ data: await bodies.list() }))
    .post('/', async (c) => {
      const created = await bodies.create(c.get('principal'), await jsonBody(c, createBodySchema));
      return c.json(created, 201);
    })
    .get('/:bodyRef', async (c) => c.json(toBody(await bodies.get(c.req.param('bodyRef')))))
    .get('/:bodyRef/meetings', async (c) => {
      const body = await bodies.get(c.req.param('bodyRef'));
      return c.json(await meetings.listForBody(body.id, queryOf(c, meetingListQuerySchema)));
    });
}
