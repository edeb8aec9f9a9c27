import {
  accountListQuerySchema,
  accountSetupSchema,
  createAccountSchema,
  grantInputSchema,
  staffTotpRequirementSchema,
} from '@ratsmappe/shared';
import { Hono } from 'hono';
import type { AppContext } from '../../context.js';
import type { AppEnv } from '../../http/app-env.js';
import { jsonBody, pathId, queryOf } from '../../http/validate.js';

export function accountRoutes(ctx: AppContext) {
  const { accounts, bodies } = ctx.services;
  return new Hono<AppEnv>()
    .get('/accounts', async (c) => c.json(await accounts.list(c.get('principal'), queryOf(c, accountListQuerySchema))))
    .post('/accounts', async (c) => {
      const input = await jsonBody(c, createAccountSchema);
      return c.json(await accounts.create(c.get('principal'), input), 201);
    })
    .get('/accounts/:id', async (c) => c.json(await accounts.get(c.get('principal'), pathId(c, 'id'))))
    .post('/accounts/:id/setup-link', async (c) =>
      c.json(await accounts.issueSetupLink(c.get('principal'), pathId(c, 'id')), 201),
    )
    .post('/accounts/:id/deactivate', async (c) =>
      c.json(await accounts.deactivate(c.get('principal'), pathId(c, 'id'))),
    )
    .post('/accounts/:id/reactivate', async (c) =>
      c.json(await accounts.reactivate(c.get('principal'), pathId(c, 'id'))),
    )
    .put('/accounts/:id/persons/:personId', async (c) =>
      c.json(await accounts.linkPerson(c.get('principal'), pathId(c, 'id'), pathId(c, 'personId'))),
    )
    .delete('/accounts/:id/persons/:personId', async (c) =>
      c.json(await accounts.unlinkPerson(c.get('principal'), pathId(c, 'id'), pathId(c, 'personId'))),
    )
    .post('/accounts/:id/grants', async (c) => {
      const grant = await jsonBody(c, grantInputSchema);
      return c.json(await accounts.addGrant(c.get('principal'), pathId(c, 'id'), grant), 201);
    })
    .delete('/accounts/:id/grants/:grantId', async (c) =>
      c.json(await accounts.removeGrant(c.get('principal'), pathId(c, 'id'), pathId(c, 'grantId'))),
    )
    .delete('/accounts/:id/totp', async (c) => c.json(await accounts.resetTotp(c.get('principal'), pathId(c, 'id'))))
    .get('/bodies/:bodyRef/staff-totp-requirement', async (c) => {
      const body = await bodies.get(c.req.param('bodyRef'));
      return c.json(await accounts.staffTotpRequirement(c.get('principal'), body.id));
    })
    .put('/bodies/:bodyRef/staff-totp-requirement', async (c) => {
      const body = await bodies.get(c.req.param('bodyRef'));
      const { required } = await jsonBody(c, staffTotpRequirementSchema);
      return c.json(await accounts.setStaffTotpRequirement(c.get('principal'), body.id, required));
    })
    .post('/account-setup', async (c) => {
      await accounts.completeSetup(await jsonBody(c, accountSetupSchema));
      return c.body(null, 204);
    });
}
