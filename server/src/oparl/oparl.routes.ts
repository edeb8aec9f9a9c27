import { createHash } from 'node:crypto';
import { errorMessages } from '@ratsmappe/shared';
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppContext } from '../context.js';
import { DomainError, notFound, statusOf } from '../errors.js';
import type { AppEnv } from '../http/app-env.js';
import { parseListQuery } from './list-query.js';
import { formatOparlPath, parseOparlPath, typeUri } from './urls.js';

/**
 * OParl 1.1, mounted at /oparl/v1. Anonymous, read-only and public data only, so there is no session handling
 * here. Every answer, errors included, is JSON with `Access-Control-Allow-Origin: *`; errors are OParl Error
 * objects with an error status. Paths are parsed once (urls.ts): a known path in a non-canonical spelling gets a
 * 301 to its canonical URL, anything else a 404. Unknown query parameters are ignored.
 */
export function oparlRoutes(ctx: AppContext) {
  const oparl = ctx.services.oparl;
  const app = new Hono<AppEnv>();

  app.onError((error, c) => {
    if (error instanceof DomainError) {
      const status = statusOf[error.code];
      return errorResponse(c, status, messageFor(error), error.code === 'not_found' ? notFoundDebug : error.detail);
    }
    ctx.logger.error({ err: error, path: c.req.path }, 'OParl request failed');
    return errorResponse(c, 500, errorMessages.de.internal, 'internal error');
  });

  app.options('*', (c) => {
    setProtocolHeaders(c);
    c.header('Access-Control-Allow-Methods', allowedMethods);
    c.header('Access-Control-Max-Age', '86400');
    return c.body(null, 204);
  });

  app.get('*', async (c) => {
    const route = parseOparlPath(c.req.path);
    if (!route) throw notFound();
    const canonical = formatOparlPath(route);
    if (canonical !== c.req.path) {
      setProtocolHeaders(c);
      return c.redirect(`${ctx.config.publicUrl}${canonical}${new URL(c.req.url).search}`, 301);
    }
    switch (route.kind) {
      case 'system':
        return jsonResponse(c, await oparl.system());
      case 'object':
        return jsonResponse(c, await oparl.object(route.type, route.id));
      case 'bodies':
      case 'bodyList':
      case 'organizationList':
        return jsonResponse(c, await oparl.list(route, parseListQuery(c.req.query())));
    }
  });

  app.all('*', (c) => {
    c.header('Allow', allowedMethods);
    return errorResponse(
      c,
      405,
      'Die OParl-Schnittstelle kann nur gelesen werden.',
      `method ${c.req.method} not allowed; use ${allowedMethods}`,
    );
  });

  return app;
}

const allowedMethods = 'GET, HEAD, OPTIONS';
const notFoundDebug = 'No OParl object or list at this URL.';

function messageFor(error: DomainError): string {
  switch (error.code) {
    case 'not_found':
      return 'Das angeforderte Objekt wurde nicht gefunden.';
    case 'bad_request':
    case 'validation_failed':
      return 'Die Anfrage enthält einen ungültigen Parameter.';
    default:
      return errorMessages.de[error.code];
  }
}

function setProtocolHeaders(c: Context) {
  c.header('Access-Control-Allow-Origin', '*');
  // Lists are the basis of incremental sync (`modified_since`): a stale copy would make a mirror miss changes.
  c.header('Cache-Control', 'no-cache');
}

function jsonResponse(c: Context, body: object) {
  const text = JSON.stringify(body);
  const etag = `W/"${createHash('sha1').update(text).digest('base64url')}"`;
  setProtocolHeaders(c);
  c.header('ETag', etag);
  if (c.req.header('if-none-match') === etag) return c.body(null, 304);
  c.header('Content-Type', 'application/json; charset=utf-8');
  return c.body(text, 200);
}

function errorResponse(c: Context, status: ContentfulStatusCode, message: string, debug: string | undefined) {
  setProtocolHeaders(c);
  c.header('Cache-Control', 'no-store');
  c.header('Content-Type', 'application/json; charset=utf-8');
  const body = { type: typeUri('Error'), message, ...(debug ? { debug } : {}) };
  return c.body(JSON.stringify(body), status);
}
