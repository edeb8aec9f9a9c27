import { meetingDetailSchema, meetingStateChangeSchema, updateMeetingSchema } from '@ratsmappe/shared';
import { Hono } from 'hono';
import type { AppContext } from '../../context.js';
import type { AppEnv } from '../../http/app-env.js';
import { baseVersion } from '../../http/if-match.js';
import { documentApi } from '../../http/openapi.js';
import { jsonBody, pathId } from '../../http/validate.js';

/** Editing a meeting and moving it through its states, mounted at /api. Each answer is the fresh meeting detail. */
export function meetingLifecycleRoutes(ctx: AppContext) {
  const { meetingLifecycle } = ctx.services;
  return new Hono<AppEnv>()
    .patch('/meetings/:id', async (c) => {
      const input = await jsonBody(c, updateMeetingSchema);
      const id = pathId(c, 'id');
      const version = baseVersion(c, input.version);
      return c.json(await meetingLifecycle.update(c.get('principal'), id, input, version, c.get('locale')));
    })
    .post('/meetings/:id/cancel', async (c) => {
      return c.json(await meetingLifecycle.cancel(c.get('principal'), pathId(c, 'id'), c.get('locale')));
    })
    .post('/meetings/:id/state', async (c) => {
      const input = await jsonBody(c, meetingStateChangeSchema);
      const id = pathId(c, 'id');
      const version = baseVersion(c, input.version);
      return c.json(await meetingLifecycle.changeState(c.get('principal'), id, input, version, c.get('locale')));
    })
    .post('/meetings/:id/invitation', async (c) => {
      return c.json(await meetingLifecycle.regenerateInvitation(c.get('principal'), pathId(c, 'id'), c.get('locale')));
    });
}

documentApi(
  {
    method: 'patch',
    path: '/api/meetings/{id}',
    tag: 'Meetings',
    summary: 'Edit name, date, place or committees (also after the invitation; the audit keeps the previous values)',
    access: 'office-staff',
    body: updateMeetingSchema,
    response: meetingDetailSchema,
  },
  {
    method: 'post',
    path: '/api/meetings/{id}/cancel',
    tag: 'Meetings',
    summary: 'Cancel a meeting that has not been held (idempotent)',
    access: 'office-staff',
    response: meetingDetailSchema,
  },
  {
    method: 'post',
    path: '/api/meetings/{id}/state',
    tag: 'Meetings',
    summary:
      'Next state: planned → invited (writes the invitation PDFs) → held → minutes_released (needs the minutes file); 409 otherwise',
    access: 'office-staff',
    body: meetingStateChangeSchema,
    response: meetingDetailSchema,
  },
  {
    method: 'post',
    path: '/api/meetings/{id}/invitation',
    tag: 'Meetings',
    summary: 'Write the invitation PDFs again after supplements (a new version of each file whose content changed)',
    access: 'office-staff',
    response: meetingDetailSchema,
  },
);
