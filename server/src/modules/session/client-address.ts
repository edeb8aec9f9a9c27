import { isIP } from 'node:net';
import type { Context } from 'hono';

/** What @hono/node-server puts into `c.env`; absent when the app runs without a socket (tests via app.request). */
interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string } };
}

/**
 * The client's address for sign-in throttling. X-Forwarded-For counts only under TRUST_PROXY, and then only its
 * last entry (the one our own proxy appended); every earlier entry is whatever the client chose to send.
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded && isIP(forwarded)) return normalizeAddress(forwarded);
  }
  const env = c.env as NodeBindings | undefined;
  const remote = env?.incoming?.socket?.remoteAddress;
  return remote && isIP(remote) ? normalizeAddress(remote) : 'unknown';
}

/**
 * IPv4-mapped IPv6 becomes plain IPv4; other IPv6 addresses are cut to their /64, because one subscriber usually
 * holds a whole /64 and would otherwise get 2^64 fresh throttling counters.
 */
export function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') && tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
