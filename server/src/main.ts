import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createContext } from './context.js';
import { createLogger } from './logger.js';
import { berlinDate } from '@ratsmappe/shared';
import { isDatabaseEmpty } from './seed/is-database-empty.js';
import { seedDemo } from './seed/demo-seed.js';

const startedAt = performance.now();

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}

const logger = createLogger(config.logLevel);
const ctx = await createContext(config, { logger });
if (config.seedDemo && (await isDatabaseEmpty(ctx.database.db))) {
  logger.info('empty database: seeding demo data (set SEED_DEMO=false to start empty)');
  const summary = await seedDemo({
    db: ctx.database.db,
    blobs: ctx.blobs,
    today: berlinDate(ctx.clock.now()),
    log: (message, data) => logger.info(data ?? {}, message),
  });
  await ctx.database.maintainAfterBulkImport();
  logger.info({ summary }, 'demo data seeded');
}

ctx.jobs.start();
const app = createApp(ctx);
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  logger.info(
    {
      port: info.port,
      publicUrl: config.publicUrl,
      database: ctx.database.backend,
      startupMs: Math.round(performance.now() - startedAt),
    },
    'Ratsmappe is listening',
  );
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  // Stop accepting connections, let running requests finish, then close the database.
  const forceExit = setTimeout(() => {
    logger.error('shutdown took too long, exiting');
    process.exit(1);
  }, 10_000);
  forceExit.unref();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await ctx.close();
  logger.info('stopped');
  process.exit(0);
}

process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
