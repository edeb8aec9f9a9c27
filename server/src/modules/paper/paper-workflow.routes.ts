import {
  consultationStepSchema,
  createConsultationSchema,
  editedPaperSchema,
  updateConsultationSchema,
  updatePaperSchema,
} from '@ratsmappe/shared';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { AppEnv } from '../../http/app-env.js';
import { baseVersion } from '../../http/if-match.js';
import { documentApi } from '../../http/openapi.js';
import { jsonBody, pathId } from '../../http/validate.js';

/** Editing papers and planning their consultation path, mounted at /api. */
export function paperWorkflowRoutes(ctx: AppContext) {
  const { paperWorkflow } = ctx.services;
  return new Hono<AppEnv>()
    .patch('/papers/:id', async (c) => {
      const input = await jsonBody(c, updatePaperSchema);
      const id = pathId(c, 'id');
      const version = baseVersion(c, input.version);
      return c.json(await paperWorkflow.update(c.get('principal'), id, input, version, c.get('locale')));
    })
    .get('/papers/:id/consultations', async (c) => {
      return c.json({ data: await paperWorkflow.consultations(c.get('principal'), pathId(c, 'id')) });
    })
    .post('/papers/:id/consultations', async (c) => {
      const input = await jsonBody(c, createConsultationSchema);
      return c.json(await paperWorkflow.addConsultation(c.get('principal'), pathId(c, 'id'), input), 201);
    })
    .patch('/consultations/:id', async (c) => {
      const input = await jsonBody(c, updateConsultationSchema);
      const id = pathId(c, 'id');
      return c.json(await paperWorkflow.updateConsultation(c.get('principal'), id, input, c.get('locale')));
    })
    .delete('/consultations/:id', async (c) => {
      await paperWorkflow.deleteConsultation(c.get('principal'), pathId(c, 'id'), c.get('locale'));
      return c.body(null, 204);
    });
}

documentApi(
  {
    method: 'patch',
    path: '/api/papers/{id}',
    tag: 'Papers',
    summary: 'Edit a paper; switching it to non-public makes its files non-public too',
    access: 'office-staff',
    body: updatePaperSchema,
    response: editedPaperSchema,
  },
  {
    method: 'get',
    path: '/api/papers/{id}/consultations',
    tag: 'Papers',
    summary: 'The consultation path (Beratungsfolge) with each step’s result, as far as the viewer may read it',
    access: 'public',
    response: z.object({ data: z.array(consultationStepSchema) }),
  },
  {
    method: 'post',
    path: '/api/papers/{id}/consultations',
    tag: 'Papers',
    summary: 'Plan a consultation step (committee, optionally the meeting) before it is on an agenda',
    access: 'office-staff',
    body: createConsultationSchema,
    response: consultationStepSchema,
    status: 201,
  },
  {
    method: 'patch',
    path: '/api/consultations/{id}',
    tag: 'Papers',
    summary: 'Edit a consultation step (committee, role, authoritative; the meeting only while not on an agenda)',
    access: 'office-staff',
    body: updateConsultationSchema,
    response: consultationStepSchema,
  },
  {
    method: 'delete',
    path: '/api/consultations/{id}',
    tag: 'Papers',
    summary: 'Remove a planned step that is not on an agenda',
    access: 'office-staff',
    status: 204,
  },
);
