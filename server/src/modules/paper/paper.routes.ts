import { createPaperSchema, paperListQuerySchema } from '@ratsmappe/shared';
import { Hono } from 'hono';
import type { AppContext } from '../../context.js';
import type { AppEnv } from '../../http/app-env.js';
import { jsonBody, pathId, queryOf } from '../../http/validate.js';

export function paperRoutes(ctx: AppContext) {
  const { bodies, papers } = ctx.services;
  return new Hono<AppEnv>()
    .get('/bodies/:bodyRef/papers', async (c) => {
      const body = await bodies.get(c.req.param('bodyRef'));
      return c.json(await papers.listForBody(c.get('principal'), body.id, queryOf(c, paperListQuerySchema)));
    })
    .post('/bodies/:bodyRef/papers', async (c) => {
      const body = await bodies.get(c.req.param('bodyRef'));
      const input = await jsonBody(c, createPaperSchema);
      return c.json(await papers.create(c.get('principal'), body.id, input), 201);
    })
    .get('/papers/:id', async (c) => c.json(await papers.get(c.get('principal'), pathId(c, 'id'))))
    .delete('/papers/:id', async (c) => {
      await papers.delete(c.get('principal'), pathId(c, 'id'));
      return c.body(null, 204);
    });
}
