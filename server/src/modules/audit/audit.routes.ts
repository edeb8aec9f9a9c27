import { adminAuditQuerySchema, auditQuerySchema } from '@ratsmappe/shared';
import { Hono } from 'hono';
import type { AppContext } from '../../context.js';
import type { AppEnv } from '../../http/app-env.js';
import { queryOf } from '../../http/validate.js';

export function auditRoutes(ctx: AppContext) {
  const { bodies, auditTrail } = ctx.services;
  return new Hono<AppEnv>()
    .get('/bodies/:bodyRef/audit', async (c) => {
      const body = await bodies.get(c.req.param('bodyRef'));
      return c.json(await auditTrail.listForBody(c.get('principal'), body.id, queryOf(c, auditQuerySchema)));
    })
    .get('/audit', async (c) =>
      c.json(await auditTrail.listForAdministration(c.get('principal'), queryOf(c, adminAuditQuerySchema))),
    );
}
