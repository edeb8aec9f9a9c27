import { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { AppEnv } from '../../http/app-env.js';
import { queryOf } from '../../http/validate.js';

const changesQuerySchema = z.object({
  after: z
    .string()
    .regex(/^[0-9]{1,19}$/)
    .default('0'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export function changeLogRoutes(ctx: AppContext) {
  const { bodies, changeLog } = ctx.services;
  return new Hono<AppEnv>().get('/bodies/:bodyRef/changes', async (c) => {
    const body = await bodies.get(c.req.param('bodyRef'));
    const { after, limit } = queryOf(c, changesQuerySchema);
    return c.json(await changeLog.listForBody(c.get('principal'), body.id, after, limit));
  });
}
