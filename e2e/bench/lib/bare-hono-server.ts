// The limit for the HTTP load benchmark: a Hono app on @hono/node-server that answers a constant, run as its own
// process exactly like the real server, so both pay the same process and loopback costs.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const body = JSON.stringify({ status: 'ok' });
const app = new Hono().get('*', (c) => c.body(body, 200, { 'content-type': 'application/json' }));
const server = serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' }, () => {
  process.stdout.write('ready\n');
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
