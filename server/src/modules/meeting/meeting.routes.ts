import { createAgendaItemSchema, createMeetingSchema } from '@ratsmappe/shared';
import { Hono } from 'hono';
import type { AppContext } from '../../context.js';
import type { AppEnv } from '../../http/app-env.js';
import { jsonBody, pathId } from '../../http/validate.js';

/** Mounted at /api: body-scoped creation under /bodies/:bodyRef, everything else by meeting id. */
export function meetingRoutes(ctx: AppContext) {
  const { bodies, meetings } = ctx.services;
  return new Hono<AppEnv>()
    .post('/bodies/:bodyRef/meetings', async (c) => {
      const body = await bodies.get(c.req.param('bodyRef'));
      const created = await meetings.create(c.get('principal'), body.id, await jsonBody(c, createMeetingSchema));
      return c.json(created, 201);
    })
    .get('/meetings/:id', async (c) => c.json(await meetings.detail(c.get('principal'), pathId(c, 'id'))))
    .delete('/meetings/:id', async (c) => {
      await meetings.delete(c.get('principal'), pathId(c, 'id'));
      return c.body(null, 204);
    })
    .post('/meetings/:id/agenda-items', async (c) => {
      const input = await jsonBody(c, createAgendaItemSchema);
      return c.json(await meetings.addAgendaItem(c.get('principal'), pathId(c, 'id'), input), 201);
    });
}
