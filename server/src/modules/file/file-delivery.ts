import { Readable } from 'node:stream';
import type { Context } from 'hono';
import type { BlobRange } from '../../storage/blob-store.js';
import { contentDisposition } from './file-name.js';

/**
 * Serves immutable content by hand (not serve-static, not Hono's etag(): see research/tech.md §5): strong ETag =
 * sha256, single byte ranges, If-Range with a strong validator only (a stale one gets the whole new content, never
 * a splice of two versions), If-None-Match / If-Modified-Since → 304, unsatisfiable ranges → 416.
 */

/** A PDF opened directly must not run script in our origin, nor be framed. */
export const fileContentSecurityPolicy = "default-src 'none'; sandbox; frame-ancestors 'none'";

export interface Delivery {
  sha256: string;
  size: number;
  mimeType: string;
  fileName: string;
  lastModified: Date;
  disposition: 'inline' | 'attachment';
  cacheControl: string;
  open(range?: BlobRange): Readable;
  /** Called right before content bytes go out (not for HEAD, 304 or 416): the audit hook. */
  beforeContent(range: boolean): Promise<void>;
}

export async function deliver(c: Context, d: Delivery): Promise<Response> {
  const etag = `"${d.sha256}"`;
  const lastModified = new Date(Math.floor(d.lastModified.getTime() / 1000) * 1000);
  c.header('ETag', etag);
  c.header('Last-Modified', lastModified.toUTCString());
  c.header('Cache-Control', d.cacheControl);
  c.header('Accept-Ranges', 'bytes');
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Content-Security-Policy', fileContentSecurityPolicy);

  if (notModified(c, etag, lastModified)) return c.body(null, 304);

  c.header('Content-Type', d.mimeType);
  c.header('Content-Disposition', contentDisposition(d.disposition, d.fileName));

  let range: BlobRange | null = null;
  const rangeHeader = c.req.header('range');
  if (rangeHeader !== undefined && ifRangeHolds(c.req.header('if-range'), etag, lastModified)) {
    const parsed = parseRange(rangeHeader, d.size);
    if (parsed === 'unsatisfiable') {
      c.header('Content-Range', `bytes */${d.size}`);
      c.header('Content-Type', 'text/plain; charset=utf-8');
      c.header('Content-Disposition', undefined);
      return c.body(null, 416);
    }
    range = parsed;
  }

  const status = range ? 206 : 200;
  c.header('Content-Length', String(range ? range.end - range.start + 1 : d.size));
  if (range) c.header('Content-Range', `bytes ${range.start}-${range.end}/${d.size}`);
  if (c.req.method === 'HEAD') return c.body(null, status);
  await d.beforeContent(range !== null);
  const stream = Readable.toWeb(d.open(range ?? undefined)) as ReadableStream<Uint8Array>;
  return c.body(stream, status);
}

/** RFC 9110 §13.1.2/§13.1.3: If-None-Match (weak comparison) wins over If-Modified-Since. */
function notModified(c: Context, etag: string, lastModified: Date): boolean {
  const ifNoneMatch = c.req.header('if-none-match');
  if (ifNoneMatch !== undefined) {
    return ifNoneMatch
      .split(',')
      .map((tag) => tag.trim().replace(/^W\//, ''))
      .some((tag) => tag === '*' || tag === etag);
  }
  const ifModifiedSince = c.req.header('if-modified-since');
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && lastModified.getTime() <= since;
}

/** RFC 9110 §13.1.5: a Range applies only if the validator still matches, compared strongly. */
function ifRangeHolds(ifRange: string | undefined, etag: string, lastModified: Date): boolean {
  if (ifRange === undefined) return true;
  const value = ifRange.trim();
  if (value.startsWith('"') || value.startsWith('W/')) return value === etag;
  const date = Date.parse(value);
  return !Number.isNaN(date) && date === lastModified.getTime();
}

/**
 * One `bytes=` range. Syntactically invalid or multiple ranges → null (served whole, which RFC 9110 allows);
 * a valid range that starts beyond the end → 'unsatisfiable'.
 */
export function parseRange(header: string, size: number): BlobRange | null | 'unsatisfiable' {
  const match = /^bytes=(\d*)-(\d*)$/i.exec(header.trim());
  if (!match) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return null;
  if (start >= size) return 'unsatisfiable';
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  return { start, end };
}
