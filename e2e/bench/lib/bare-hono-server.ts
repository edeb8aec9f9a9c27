// The limit for the HTTP load benchmarks: a Hono app on @hono/node-server that answers a constant, run as its own
// process exactly like the real server, so both pay the same process and loopback costs. `?bytes=N` answers a
// constant JSON document of N bytes instead (the tablet-load benchmark compares each endpoint with its own size).
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const body = JSON.stringify({ status: 'ok' });
const padded = new Map<number, string>();
const ofSize = (bytes: number) => {
  let text = padded.get(bytes);
  if (text === undefined) {
    text = JSON.stringify({ data: 'x'.repeat(Math.max(0, bytes - 11)) });
    padded.set(bytes, text);
  }
  return text;
};
const app = new Hono().get('*', (c) => {
  const bytes = Number(c.req.query('bytes'));
  const text = Number.isInteger(bytes) && bytes > 0 && bytes <= 64 * 1024 * 1024 ? ofSize(bytes) : body;
  return c.body(text, 200, { 'content-type': 'application/json' });
});
const server = serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' }, () => {
  process.stdout.write('ready\n');
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
