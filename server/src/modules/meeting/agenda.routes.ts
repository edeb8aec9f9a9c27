import { agendaArrangementSchema, agendaSchema, updateAgendaItemSchema } from '@ratsmappe/shared';
import { Hono } from 'hono';
import type { AppContext } from '../../context.js';
import type { AppEnv } from '../../http/app-env.js';
import { baseVersion, versionTag } from '../../http/if-match.js';
import { documentApi } from '../../http/openapi.js';
import { jsonBody, pathId } from '../../http/validate.js';

/**
 * The agenda builder, mounted at /api. The client moves items locally (drag and drop or keyboard) and sends the
 * whole arrangement; every answer carries the new version as `version` and `ETag` for the next write.
 */
export function agendaRoutes(ctx: AppContext) {
  const { agenda } = ctx.services;
  return new Hono<AppEnv>()
    .get('/meetings/:id/agenda', async (c) => {
      const result = await agenda.get(c.get('principal'), pathId(c, 'id'));
      c.header('ETag', versionTag(result.version));
      return c.json(result);
    })
    .put('/meetings/:id/agenda', async (c) => {
      const input = await jsonBody(c, agendaArrangementSchema);
      const id = pathId(c, 'id');
      const result = await agenda.arrange(
        c.get('principal'),
        id,
        input,
        baseVersion(c, input.version),
        c.get('locale'),
      );
      c.header('ETag', versionTag(result.version));
      return c.json(result);
    })
    .patch('/agenda-items/:id', async (c) => {
      const input = await jsonBody(c, updateAgendaItemSchema);
      const id = pathId(c, 'id');
      const version = baseVersion(c, input.version);
      const result = await agenda.updateItem(c.get('principal'), id, input, version, c.get('locale'));
      c.header('ETag', versionTag(result.version));
      return c.json(result);
    })
    .delete('/agenda-items/:id', async (c) => {
      const id = pathId(c, 'id');
      await agenda.deleteItem(c.get('principal'), id, baseVersion(c, undefined), c.get('locale'));
      return c.body(null, 204);
    });
}

documentApi(
  {
    method: 'get',
    path: '/api/meetings/{id}/agenda',
    tag: 'Agenda',
    summary: 'The agenda as the office edits it, with resolution texts and the version to write against',
    access: 'office-staff',
    response: agendaSchema,
  },
  {
    method: 'put',
    path: '/api/meetings/{id}/agenda',
    tag: 'Agenda',
    summary:
      'Rearrange the whole agenda (order, sub-items, public/non-public part) and renumber; needs `version` or If-Match; supplements after the invitation',
    access: 'office-staff',
    body: agendaArrangementSchema,
    response: agendaSchema,
  },
  {
    method: 'patch',
    path: '/api/agenda-items/{id}',
    tag: 'Agenda',
    summary:
      'Edit an agenda item: name, part, result, resolution text, linked paper (creates/removes the consultation)',
    access: 'office-staff',
    body: updateAgendaItemSchema,
    response: agendaSchema,
  },
  {
    method: 'delete',
    path: '/api/agenda-items/{id}',
    tag: 'Agenda',
    summary: 'Withdraw an agenda item with its sub-items and renumber (a supplement after the invitation)',
    access: 'office-staff',
    status: 204,
  },
);
