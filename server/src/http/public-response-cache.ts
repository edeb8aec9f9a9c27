import type { MiddlewareHandler } from 'hono';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema/tables.js';
import { sessionCookieName } from '../modules/session/session.routes.js';

interface Entry {
  version: string;
  status: number;
  headers: [string, string][];
  body: ArrayBuffer;
}

export interface PublicResponseCacheOptions {
  maxEntries?: number;
  maxBytes?: number;
}

/**
 * Caches GET answers for visitors without a session. Such an answer depends only on the domain data (these routes
 * read no clock and no per-viewer state), and every change of domain data draws a new change-log sequence number,
 * so an entry stays valid exactly as long as the newest sequence number is the one read before it was computed.
 * Reading the version *before* computing means a racing write can only make an entry look older, never newer.
 */
export function publicResponseCache(db: Kysely<Database>, options: PublicResponseCacheOptions = {}): MiddlewareHandler {
  const maxEntries = options.maxEntries ?? 2000;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const entries = new Map<string, Entry>();
  let bytes = 0;

  const evict = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.body.byteLength;
  };

  return async (c, next) => {
    const cookie = c.req.header('cookie') ?? '';
    if (c.req.method !== 'GET' || cookie.includes(sessionCookieName)) return next();
    const key = `${c.req.url}\n${c.req.header('accept-language') ?? ''}`;
    const row = await sql<{ version: string | null }>`select max(seq)::text as version from change_log`.execute(db);
    const version = row.rows[0]?.version ?? '0';

    const hit = entries.get(key);
    if (hit && hit.version === version) {
      // Re-insert to keep the map in least-recently-used order.
      entries.delete(key);
      entries.set(key, hit);
      const etag = hit.headers.find(([name]) => name === 'etag')?.[1];
      if (etag && c.req.header('if-none-match') === etag) return c.body(null, 304, Object.fromEntries(hit.headers));
      return c.body(hit.body, hit.status as 200, Object.fromEntries(hit.headers));
    }
    if (hit) evict(key);

    await next();
    if (c.res.status !== 200 || c.res.headers.has('set-cookie')) return;
    const body = await c.res.clone().arrayBuffer();
    if (body.byteLength > maxBytes / 16) return;
    const headers = [...c.res.headers.entries()];
    entries.set(key, { version, status: c.res.status, headers, body });
    bytes += body.byteLength;
    for (const oldest of entries.keys()) {
      if (entries.size <= maxEntries && bytes <= maxBytes) break;
      evict(oldest);
    }
  };
}
