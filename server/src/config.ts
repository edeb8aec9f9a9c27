import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  PUBLIC_URL: z.url().optional(),
  SEED_DEMO: booleanFlag.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CLIENT_DIST: z.string().default(path.join(repoRoot, 'client/dist')),
  MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(10_000).default(200),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(120),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 14),
  SETUP_LINK_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 14)
    .default(72),
  TRUST_PROXY: booleanFlag.default(false),
  OFFLINE_LEASE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Base of every absolute URL the server emits (OParl ids, feeds); never derived from the Host header. */
  publicUrl: string;
  seedDemo: boolean;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  clientDist: string;
  maxUploadBytes: number;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  /** Lifetime of a one-time account set-up link. */
  setupLinkMs: number;
  /**
   * Behind exactly one reverse proxy that appends the client address to X-Forwarded-For: take the last entry as the
   * client address (sign-in throttling). Off, the socket's peer address is used and the header is ignored.
   */
  trustProxy: boolean;
  /** Days a tablet may stay without contact before it deletes non-public content until the next sign-in. */
  offlineLeaseDays: number;
}

export class ConfigError extends Error {}

/** Parses the environment once; nothing else in the server reads `process.env`. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    // Relative to where the command runs when given; by default one place, whichever package script starts us.
    dataDir: e.DATA_DIR ? path.resolve(e.DATA_DIR) : path.join(repoRoot, 'data'),
    databaseUrl: e.DATABASE_URL,
    publicUrl,
    seedDemo: e.SEED_DEMO,
    logLevel: e.LOG_LEVEL,
    clientDist: path.resolve(e.CLIENT_DIST),
    maxUploadBytes: e.MAX_UPLOAD_MB * 1024 * 1024,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    setupLinkMs: e.SETUP_LINK_HOURS * 3_600_000,
    trustProxy: e.TRUST_PROXY,
    offlineLeaseDays: e.OFFLINE_LEASE_DAYS,
  };
}
