import { berlinDate, createMembershipSchema, createPersonSchema, isoDateSchema } from '@ratsmappe/shared';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { AppEnv } from '../../http/app-env.js';
import { jsonBody, pathId } from '../../http/validate.js';

const endMembershipSchema = z.object({ endDate: isoDateSchema });

export function personRoutes(ctx: AppContext) {
  const { bodies, persons } = ctx.services;
  return new Hono<AppEnv>()
    .get('/bodies/:bodyRef/persons', async (c) => {
      const body = await bodies.get(c.req.param('bodyRef'));
      return c.json({ data: await persons.list(body.id) });
    })
    .post('/bodies/:bodyRef/persons', async (c) => {
      const body = await bodies.get(c.req.param('bodyRef'));
      const input = await jsonBody(c, createPersonSchema);
      return c.json(await persons.create(c.get('principal'), body.id, input), 201);
    })
    .get('/persons/:id', async (c) => c.json(await persons.get(pathId(c, 'id'), berlinDate(ctx.clock.now()))))
    .delete('/persons/:id', async (c) => {
      await persons.delete(c.get('principal'), pathId(c, 'id'));
      return c.body(null, 204);
    })
    .post('/bodies/:bodyRef/memberships', async (c) => {
      const body = await bodies.get(c.req.param('bodyRef'));
      const input = await jsonBody(c, createMembershipSchema);
      return c.json(await persons.addMembership(c.get('principal'), body.id, input), 201);
    })
    .post('/memberships/:id/end', async (c) => {
      const { endDate } = await jsonBody(c, endMembershipSchema);
      return c.json(await persons.endMembership(c.get('principal'), pathId(c, 'id'), endDate));
    })
    .delete('/memberships/:id', async (c) => {
      await persons.deleteMembership(c.get('principal'), pathId(c, 'id'));
      return c.body(null, 204);
    });
}
