import {
  confirmFileVisibilitySchema,
  deviceHeader,
  fileMessages,
  fileUploadQuerySchema,
  uploadHeaders,
  type FileOwnerType,
} from '@ratsmappe/shared';
import { Hono, type Context } from 'hono';
import type { AppContext } from '../../context.js';
import { notFound } from '../../errors.js';
import type { AppEnv } from '../../http/app-env.js';
import { principalMiddleware } from '../../http/principal.js';
import { jsonBody, pathId, queryOf } from '../../http/validate.js';
import { deviceOf } from '../sync/sync.routes.js';
import { deliver } from './file-delivery.js';
import type { DownloadTarget, FileService, UploadRequest } from './file.service.js';

/**
 * App API, mounted at /api. Uploads take ONE file per request as the raw body (the client runs several requests in
 * parallel for per-file progress): a raw body streams to disk without a multipart parser buffering parts, its
 * Content-Length is the file's size (413 before reading), and the file name travels in `X-File-Name`.
 */
export function fileRoutes(ctx: AppContext) {
  const { files, sync } = ctx.services;
  const upload = (type: FileOwnerType) => async (c: Context<AppEnv>) => {
    const result = await files.upload(c.get('principal'), { type, id: pathId(c, 'id') }, uploadRequest(c));
    c.header('Location', `/api/files/${result.file.id}`);
    if (result.replayed) c.header('Idempotency-Replayed', 'true');
    return c.json(result.file, result.created ? 201 : 200);
  };
  const list = (type: FileOwnerType) => async (c: Context<AppEnv>) =>
    c.json(await files.listForOwner(c.get('principal'), { type, id: pathId(c, 'id') }));

  return new Hono<AppEnv>()
    .post('/meetings/:id/files', upload('meeting'))
    .post('/agenda-items/:id/files', upload('agenda_item'))
    .post('/papers/:id/files', upload('paper'))
    .get('/meetings/:id/files', list('meeting'))
    .get('/agenda-items/:id/files', list('agenda_item'))
    .get('/papers/:id/files', list('paper'))
    .get('/files/:id', async (c) => c.json(await files.get(c.get('principal'), pathId(c, 'id'))))
    .post('/files/:id/versions', async (c) => {
      const result = await files.addVersion(c.get('principal'), pathId(c, 'id'), uploadRequest(c));
      if (result.replayed) c.header('Idempotency-Replayed', 'true');
      return c.json(result.file, result.created ? 201 : 200);
    })
    .post('/files/:id/confirm-visibility', async (c) => {
      const input = await jsonBody(c, confirmFileVisibilitySchema);
      return c.json(await files.confirmVisibility(c.get('principal'), pathId(c, 'id'), input, c.get('locale')));
    })
    .delete('/files/:id', async (c) => {
      await files.delete(c.get('principal'), pathId(c, 'id'));
      return c.body(null, 204);
    })
    .get('/blobs/:sha256', async (c) => {
      // The tablet names its device: once revoked, it gets no more documents (410, like sync).
      if (c.req.header(deviceHeader) !== undefined) await sync.requireActiveDevice(c.get('principal'), deviceOf(c));
      const target = await files.resolveBlob(c.get('principal'), c.req.param('sha256'));
      return serve(c, files, target, 'attachment', 'blob');
    });
}

/**
 * The file doors of docs/conventions.md, mounted at /files (outside /api: linkable, cacheable when public).
 * The session cookie is same-origin, so the principal is resolved here too.
 */
export function fileDoorRoutes(ctx: AppContext) {
  const { files } = ctx.services;
  const door =
    (disposition: 'inline' | 'attachment', versioned: boolean) =>
    async (c: Context<AppEnv>): Promise<Response> => {
      const fileId = pathId(c, 'fileId');
      const version = versioned ? versionParam(c) : undefined;
      const target = await files.resolveFile(c.get('principal'), fileId, version);
      if (target.kind === 'gone') {
        c.header('Cache-Control', 'no-store');
        return c.json({ error: { code: 'not_found', message: fileMessages[c.get('locale')].gone } }, 410);
      }
      return serve(c, files, target, disposition, 'file');
    };

  return new Hono<AppEnv>()
    .use(principalMiddleware(ctx))
    .get('/:fileId', door('inline', false))
    .get('/:fileId/download', door('attachment', false))
    .get('/:fileId/versions/:version', door('inline', true))
    .get('/:fileId/versions/:version/download', door('attachment', true))
    .all('*', () => {
      throw notFound();
    });
}

async function serve(
  c: Context<AppEnv>,
  files: FileService,
  target: DownloadTarget & { kind: 'file' },
  disposition: 'inline' | 'attachment',
  door: 'file' | 'blob',
): Promise<Response> {
  const content = await files.content(target);
  const principal = c.get('principal');
  return deliver(c, {
    sha256: target.version.sha256,
    size: content.size,
    mimeType: target.version.mime_type,
    fileName: target.version.file_name,
    lastModified: target.version.created,
    disposition,
    // Not immutable even per version: a withdrawal or a visibility change must reach caches within minutes.
    cacheControl: target.public ? 'public, max-age=300' : 'private, no-store',
    open: (range) => content.open(range),
    beforeContent: (range) => files.recordDownload(principal, target, { range, door }),
  });
}

function versionParam(c: Context): number {
  const value = c.req.param('version') ?? '';
  if (!/^[1-9]\d{0,8}$/.test(value)) throw notFound();
  return Number(value);
}

function uploadRequest(c: Context<AppEnv>): UploadRequest {
  const length = c.req.header('content-length');
  return {
    fileNameHeader: c.req.header(uploadHeaders.fileName),
    contentType: c.req.header('content-type'),
    contentLength: length !== undefined && /^\d+$/.test(length) ? Number(length) : null,
    query: queryOf(c, fileUploadQuerySchema),
    body: c.req.raw.body,
    locale: c.get('locale'),
    idempotencyKey: c.req.header(uploadHeaders.idempotencyKey),
  };
}
