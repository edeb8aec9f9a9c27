import {
  berlinDate,
  createOrganizationSchema,
  membershipListQuerySchema,
  organizationListQuerySchema,
  organizationMembershipSchema,
  updateOrganizationSchema,
} from '@ratsmappe/shared';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { AppEnv } from '../../http/app-env.js';
import { documentApi } from '../../http/openapi.js';
import { jsonBody, pathId, queryOf } from '../../http/validate.js';

export function organizationRoutes(ctx: AppContext) {
  const { bodies, organizations } = ctx.services;
  return new Hono<AppEnv>()
    .get('/bodies/:bodyRef/organizations', async (c) => {
      const body = await bodies.get(c.req.param('bodyRef'));
      return c.json({ data: await organizations.list(body.id, queryOf(c, organizationListQuerySchema)) });
    })
    .post('/bodies/:bodyRef/organizations', async (c) => {
      const body = await bodies.get(c.req.param('bodyRef'));
      const input = await jsonBody(c, createOrganizationSchema);
      return c.json(await organizations.create(c.get('principal'), body.id, input, c.get('locale')), 201);
    })
    .get('/organizations/:id', async (c) =>
      c.json(await organizations.get(pathId(c, 'id'), berlinDate(ctx.clock.now()))),
    )
    .get('/organizations/:id/memberships', async (c) => {
      const query = queryOf(c, membershipListQuerySchema);
      return c.json({ data: await organizations.memberships(pathId(c, 'id'), query, berlinDate(ctx.clock.now())) });
    })
    .patch('/organizations/:id', async (c) => {
      const input = await jsonBody(c, updateOrganizationSchema);
      return c.json(await organizations.update(c.get('principal'), pathId(c, 'id'), input, c.get('locale')));
    })
    .delete('/organizations/:id', async (c) => {
      await organizations.delete(c.get('principal'), pathId(c, 'id'));
      return c.body(null, 204);
    });
}

documentApi({
  method: 'get',
  path: '/api/organizations/{id}/memberships',
  tag: 'Master data',
  summary: 'All memberships of an organization (current, upcoming, ended) with persons, by name',
  access: 'public',
  query: membershipListQuerySchema,
  response: z.object({ data: z.array(organizationMembershipSchema) }),
});
