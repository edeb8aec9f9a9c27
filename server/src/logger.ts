import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout; secrets never reach them (see the redact paths). */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'ratsmappe' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: ['req.headers.cookie', 'req.headers.authorization', 'password', '*.password'],
  });
}
