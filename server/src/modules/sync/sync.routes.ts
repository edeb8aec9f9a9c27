import {
  deviceHeader,
  errorMessages,
  registerDeviceSchema,
  syncPullQuerySchema,
  syncPushSchema,
  type ErrorCode,
} from '@ratsmappe/shared';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../errors.js';
import type { AppEnv } from '../../http/app-env.js';
import { documentApi } from '../../http/openapi.js';
import { jsonBody, pathId, queryOf } from '../../http/validate.js';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The device named by the sync header; a malformed or missing one is a device the server does not know. */
export function deviceOf(c: Context<AppEnv>): string {
  if (c.get('principal').viewer.accountId === null) throw new DomainError('unauthenticated');
  const value = c.req.header(deviceHeader) ?? '';
  if (!uuidPattern.test(value)) throw new DomainError('device_unknown');
  return value.toLowerCase();
}

const deviceListQuerySchema = z.object({ accountId: z.uuid().optional() });

export function syncRoutes(ctx: AppContext) {
  const { sync } = ctx.services;
  return new Hono<AppEnv>()
    .post('/sync/devices', async (c) => {
      const { name } = await jsonBody(c, registerDeviceSchema);
      return c.json(await sync.registerDevice(c.get('principal'), name), 201);
    })
    .get('/sync/devices', async (c) => {
      const { accountId } = queryOf(c, deviceListQuerySchema);
      const current = c.req.header(deviceHeader)?.toLowerCase();
      return c.json({ data: await sync.listDevices(c.get('principal'), accountId, current) });
    })
    .post('/sync/devices/:id/revoke', async (c) => {
      await sync.revokeDevice(c.get('principal'), pathId(c, 'id'));
      return c.body(null, 204);
    })
    .get('/sync/pull', async (c) => {
      const { cursor, limit } = queryOf(c, syncPullQuerySchema);
      const started = performance.now();
      const page = await sync.pull(c.get('principal'), deviceOf(c), Number(cursor), limit);
      // The server's own share of a pull, for the delta-sync benchmark and for operators (browser dev tools).
      c.header('Server-Timing', `sync;dur=${(performance.now() - started).toFixed(1)}`);
      return c.json(page);
    })
    .post('/sync/push', async (c) => {
      const { mutations } = await jsonBody(c, syncPushSchema);
      const result = await sync.push(c.get('principal'), deviceOf(c), mutations);
      const messages = errorMessages[c.get('locale')];
      return c.json({
        ...result,
        rejected: result.rejected.map((r) => ({ ...r, message: messages[r.code as ErrorCode] ?? r.code })),
      });
    });
}

documentApi(
  {
    method: 'post',
    path: '/api/sync/devices',
    tag: 'Sync',
    summary: 'Register this device for the signed-in account',
    access: 'signed-in',
    body: registerDeviceSchema,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/sync/devices',
    tag: 'Sync',
    summary: "The account's devices (office staff and admins: another account's with accountId)",
    access: 'signed-in',
    query: deviceListQuerySchema,
  },
  {
    method: 'post',
    path: '/api/sync/devices/{id}/revoke',
    tag: 'Sync',
    summary: 'Revoke a device: it wipes itself at its next contact',
    access: 'signed-in',
    status: 204,
  },
  {
    method: 'get',
    path: '/api/sync/pull',
    tag: 'Sync',
    summary: 'Changes since the last applied page (header x-ratsmappe-device)',
    access: 'signed-in',
    query: syncPullQuerySchema,
  },
  {
    method: 'post',
    path: '/api/sync/push',
    tag: 'Sync',
    summary: "Apply the device's queued mutations once each (header x-ratsmappe-device)",
    access: 'signed-in',
    body: syncPushSchema,
  },
);
