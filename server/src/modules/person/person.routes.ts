import {
  berlinDate,
  createMembershipSchema,
  createPersonSchema,
  endMembershipSchema,
  membershipSchema,
  personContactSchema,
  personListQuerySchema,
  personSchema,
  updateMembershipSchema,
  updatePersonSchema,
} from '@ratsmappe/shared';
import { Hono } from 'hono';
import type { AppContext } from '../../context.js';
import type { AppEnv } from '../../http/app-env.js';
import { documentApi } from '../../http/openapi.js';
import { jsonBody, pathId, queryOf } from '../../http/validate.js';

export function personRoutes(ctx: AppContext) {
  const { bodies, persons } = ctx.services;
  const today = () => berlinDate(ctx.clock.now());
  return new Hono<AppEnv>()
    .get('/bodies/:bodyRef/persons', async (c) => {
      const body = await bodies.get(c.req.param('bodyRef'));
      return c.json({ data: await persons.list(body.id, queryOf(c, personListQuerySchema), today()) });
    })
    .post('/bodies/:bodyRef/persons', async (c) => {
      const body = await bodies.get(c.req.param('bodyRef'));
      const input = await jsonBody(c, createPersonSchema);
      return c.json(await persons.create(c.get('principal'), body.id, input), 201);
    })
    .get('/persons/:id', async (c) => c.json(await persons.get(pathId(c, 'id'), today())))
    .patch('/persons/:id', async (c) => {
      const input = await jsonBody(c, updatePersonSchema);
      return c.json(await persons.update(c.get('principal'), pathId(c, 'id'), input));
    })
    .get('/persons/:id/contact', async (c) => c.json(await persons.contact(c.get('principal'), pathId(c, 'id'))))
    .delete('/persons/:id', async (c) => {
      await persons.delete(c.get('principal'), pathId(c, 'id'));
      return c.body(null, 204);
    })
    .post('/bodies/:bodyRef/memberships', async (c) => {
      const body = await bodies.get(c.req.param('bodyRef'));
      const input = await jsonBody(c, createMembershipSchema);
      return c.json(await persons.addMembership(c.get('principal'), body.id, input, c.get('locale')), 201);
    })
    .patch('/memberships/:id', async (c) => {
      const input = await jsonBody(c, updateMembershipSchema);
      return c.json(await persons.updateMembership(c.get('principal'), pathId(c, 'id'), input, c.get('locale')));
    })
    .post('/memberships/:id/end', async (c) => {
      const { endDate } = await jsonBody(c, endMembershipSchema);
      return c.json(await persons.endMembership(c.get('principal'), pathId(c, 'id'), endDate, c.get('locale')));
    })
    .delete('/memberships/:id', async (c) => {
      await persons.deleteMembership(c.get('principal'), pathId(c, 'id'));
      return c.body(null, 204);
    });
}

documentApi(
  {
    method: 'patch',
    path: '/api/persons/{id}',
    tag: 'Master data',
    summary: 'Change a person (name fields, contact data and whether it is public)',
    access: 'office-staff',
    body: updatePersonSchema,
    response: personSchema,
  },
  {
    method: 'get',
    path: '/api/persons/{id}/contact',
    tag: 'Master data',
    summary: 'A person’s contact data (never part of the public person)',
    access: 'office-staff',
    response: personContactSchema,
  },
  {
    method: 'patch',
    path: '/api/memberships/{id}',
    tag: 'Master data',
    summary: 'Change role, deputy, voting right, dates or faction of a membership',
    access: 'office-staff',
    body: updateMembershipSchema,
    response: membershipSchema,
  },
);
