import { Hono } from 'hono';
import type { AppContext } from '../../context.js';
import type { AppEnv } from '../../http/app-env.js';
import { documentApi } from '../../http/openapi.js';
import { pathId } from '../../http/validate.js';
import { fileContentSecurityPolicy } from '../file/file-delivery.js';

/** The exports of a councillor's own annotations of a document. Creating and editing goes through sync push. */
export function annotationRoutes(ctx: AppContext) {
  const { annotations } = ctx.services;
  return new Hono<AppEnv>()
    .get('/files/:id/annotations', async (c) => {
      const collection = await annotations.exportWebAnnotations(
        c.get('principal'),
        pathId(c, 'id'),
        ctx.config.publicUrl,
      );
      c.header('Content-Type', 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"');
      return c.body(JSON.stringify(collection));
    })
    .get('/files/:id/annotated.pdf', async (c) => {
      const { bytes, fileName } = await annotations.exportAnnotatedPdf(c.get('principal'), pathId(c, 'id'));
      c.header('Content-Type', 'application/pdf');
      c.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`);
      c.header('Content-Security-Policy', fileContentSecurityPolicy);
      return c.body(bytes as Uint8Array<ArrayBuffer>);
    });
}

documentApi(
  {
    method: 'get',
    path: '/api/files/{id}/annotations',
    tag: 'Annotations',
    summary: 'My annotations of a document as a W3C Web Annotation collection',
    access: 'signed-in',
    responseContentType: 'application/ld+json',
  },
  {
    method: 'get',
    path: '/api/files/{id}/annotated.pdf',
    tag: 'Annotations',
    summary: 'The current version of a document with my annotations written in as PDF annotations',
    access: 'signed-in',
    responseContentType: 'application/pdf',
  },
);
