/**
 * Whether an error means the database cannot be reached right now (restarting, stopped, connection cut), as opposed
 * to a query that is wrong. Such a request is answered 503 with Retry-After instead of 500: the client comes back,
 * and nothing about the request itself needs fixing.
 */

/** Node socket errors on the way to the database. */
const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * SQLSTATEs of a server that is going away or not there yet: class 08 (connection exception), 57P01 admin_shutdown
 * (pg_ctl stop/restart -m fast), 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up or recovering),
 * 53300 too_many_connections.
 */
const unavailableStates = new Set(['57P01', '57P02', '57P03', '53300']);

/** node-postgres reports a lost connection with these messages and no code. */
const lostConnectionMessages = [
  'Connection terminated unexpectedly',
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
];

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (socketCodes.has(code) || unavailableStates.has(code) || code.startsWith('08')) return true;
  }
  if (lostConnectionMessages.includes(error.message)) return true;
  // Node's connect() to a host with several addresses (localhost: ::1 and 127.0.0.1) fails with an AggregateError.
  if (error instanceof AggregateError && error.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) {
    return true;
  }
  return isDatabaseUnavailable(error.cause, depth + 1);
}
