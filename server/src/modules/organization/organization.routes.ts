import { berlinDate, createOrganizationSchema, updateOrganizationSchema } from '@ratsmappe/shared';
import { Hono } from 'hono';
import type { AppContext } from '../../context.js';
import type { AppEnv } from '../../http/app-env.js';
import { jsonBody, pathId } from '../../http/validate.js';

export function organizationRoutes(ctx: AppContext) {
  const { bodies, organizations } = ctx.services;
  return new Hono<AppEnv>()
    .get('/bodies/:bodyRef/organizations', async (c) => {
      const body = await bodies.get(c.req.param('bodyRef'));
      return c.json({ data: await organizations.list(body.id) });
    })
    .post('/bodies/:bodyRef/organizations', async (c) => {
      const body = await bodies.get(c.req.param('bodyRef'));
      const input = await jsonBody(c, createOrganizationSchema);
      return c.json(await organizations.create(c.get('principal'), body.id, input), 201);
    })
    .get('/organizations/:id', async (c) =>
      c.json(await organizations.get(pathId(c, 'id'), berlinDate(ctx.clock.now()))),
    )
    .patch('/organizations/:id', async (c) => {
      const input = await jsonBody(c, updateOrganizationSchema);
      return c.json(await organizations.update(c.get('principal'), pathId(c, 'id'), input));
    })
    .delete('/organizations/:id', async (c) => {
      await organizations.delete(c.get('principal'), pathId(c, 'id'));
      return c.body(null, 204);
    });
}
