import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { constants as zlibConstants, createGzip } from 'node:zlib';
import type { Context } from 'hono';
import { sessionCookieName } from '../modules/session/session.routes.js';
import type { FirstViewMarkup } from './first-view.js';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
};

export interface StaticClientOptions {
  /**
   * Extra markup for index.html when it answers a page's address (SPA fallback): the first view's page inside
   * `<div id="root">` and its data before `</body>` (see first-view.ts). Null, at once, for a page without; else a
   * function that gathers the markup, called once the head is on its way, and may still find none (index.html then
   * goes out unchanged, but already without a validator).
   */
  firstView?: (url: URL, hasSession: boolean) => (() => Promise<FirstViewMarkup | null>) | null;
}

const rootElement = '<div id="root">';

/**
 * Serves the built client. Hashed files under /assets are immutable; everything else (index.html, sw.js, the
 * manifest) must be revalidated so a new deployment reaches installed apps. Unknown paths get index.html, so deep
 * links work (SPA fallback).
 */
export function staticClient(root: string, options: StaticClientOptions = {}) {
  const resolvedRoot = path.resolve(root);
  return async (c: Context) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return c.notFound();
    const requested = decodeURIComponent(new URL(c.req.url).pathname);
    const candidate = path.resolve(resolvedRoot, `.${requested}`);
    // A path outside the client root (../ tricks) is treated like any unknown path: SPA fallback.
    const inside = candidate.startsWith(resolvedRoot + path.sep);
    const file = inside ? await stat(candidate).catch(() => null) : null;
    const target = file?.isFile() ? candidate : path.join(resolvedRoot, 'index.html');
    const info = file?.isFile() ? file : await stat(target).catch(() => null);
    if (!info) {
      return c.text(
        'Der Client ist nicht gebaut. Bitte `pnpm build` ausführen. / Client not built: run `pnpm build`.',
        503,
      );
    }
    const cookie = c.req.header('cookie') ?? '';
    const gather =
      !file?.isFile() && c.req.method === 'GET'
        ? (options.firstView?.(new URL(c.req.url), cookie.includes(sessionCookieName)) ?? null)
        : null;
    if (gather) {
      const html = await readFile(target, 'utf8');
      const end = html.lastIndexOf('</body>');
      const rootAt = html.indexOf(rootElement);
      const split = rootAt >= 0 && rootAt < end ? rootAt + rootElement.length : end;
      const rest = async () => {
        const markup = await gather();
        const root = split < end ? (markup?.root ?? '') : '';
        return root + html.slice(split, end) + (markup ? `${markup.data}\n  ` : '') + html.slice(end);
      };
      // Data of the moment: no validator, so every load gets the current answers; and only without a session.
      c.header('Cache-Control', 'no-cache');
      c.header('Vary', 'Cookie, Accept-Encoding');
      c.header('Content-Type', contentTypes['.html']);
      const gzip = acceptsGzip(c.req.header('accept-encoding'));
      if (gzip) c.header('Content-Encoding', 'gzip');
      // Headers at once, no read-ahead by the Node adapter: the head must not wait for the answers.
      c.header('Transfer-Encoding', 'chunked');
      return c.body(headFirst(html.slice(0, split), rest, gzip), 200);
    }
    const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
    const immutable = target.includes(`${path.sep}assets${path.sep}`);
    c.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    c.header('ETag', etag);
    c.header('Content-Type', contentTypes[path.extname(target)] ?? 'application/octet-stream');
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    c.header('Content-Length', String(info.size));
    if (c.req.method === 'HEAD') return c.body(null, 200);
    return c.body(Readable.toWeb(createReadStream(target)) as ReadableStream, 200);
  };
}

/**
 * Sends the document's head (its script and style links) first and the rest when it is ready, so the browser
 * fetches the app's code while the server gathers the first view's answers. The answers are asked for only once the
 * head has been taken by the server adapter: on PGlite, queries run on this thread and would otherwise hold it up.
 * Compressed here with a sync flush after the head; the compress middleware's stream would hold the head back.
 */
function headFirst(head: string, rest: () => Promise<string>, gzip: boolean): ReadableStream<Uint8Array> {
  const encode = gzip
    ? gzipPieces()
    : {
        next: (text: string) => Promise.resolve(Buffer.from(text)),
        last: (text: string) => Promise.resolve(Buffer.from(text)),
      };
  let headSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headSent) {
        headSent = true;
        controller.enqueue(await encode.next(head));
        return;
      }
      controller.enqueue(await encode.last(await rest()));
      controller.close();
    },
  });
}

/** One gzip stream, fed in pieces: each piece but the last ends with a sync flush, so it can be decoded at once. */
function gzipPieces() {
  const zip = createGzip();
  const output: Buffer[] = [];
  zip.on('data', (chunk: Buffer) => output.push(chunk));
  const take = () => Buffer.concat(output.splice(0));
  return {
    next: (text: string) =>
      new Promise<Buffer>((resolve) => {
        zip.write(text);
        zip.flush(zlibConstants.Z_SYNC_FLUSH, () => resolve(take()));
      }),
    last: (text: string) =>
      new Promise<Buffer>((resolve, reject) => {
        zip.once('end', () => resolve(take()));
        zip.once('error', reject);
        zip.end(text);
      }),
  };
}

/** True when the client accepts gzip (by name or `*`, and not with `q=0`). */
function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((part) => {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return (coding === 'gzip' || coding === '*') && (q === undefined || Number(q.slice(2)) > 0);
  });
}
