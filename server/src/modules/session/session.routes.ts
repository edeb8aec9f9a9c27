import { signInRequestSchema, totpCodeInputSchema } from '@ratsmappe/shared';
import { Hono, type Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { AppContext } from '../../context.js';
import type { AppEnv } from '../../http/app-env.js';
import { jsonBody } from '../../http/validate.js';
import { DomainError, unauthenticated } from '../../errors.js';
import { clientAddress } from './client-address.js';

/** `__Host-` pins the cookie to this origin: Secure, Path=/, no Domain (no subdomain can set or read it). */
export const sessionCookieName = '__Host-ratsmappe-session';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * While an account must first set up a second factor (see SessionService.principalFor), it may read, sign in and out,
 * set one up and use a set-up link (which needs no session); every other write answers `totp_enrolment_required`, so
 * the client can lead to the enrolment.
 */
export function guardTotpEnrolment(required: boolean, method: string, path: string): void {
  if (!required || safeMethods.has(method)) return;
  if (path === '/api/session' || path.startsWith('/api/session/') || path === '/api/account-setup') return;
  throw new DomainError('totp_enrolment_required');
}

export function sessionRoutes(ctx: AppContext) {
  const { sessions, totp } = ctx.services;
  const requireToken = (c: Context<AppEnv>) => {
    const token = c.get('sessionToken');
    if (!token) throw unauthenticated();
    return token;
  };
  return new Hono<AppEnv>()
    .post('/', async (c) => {
      const input = await jsonBody(c, signInRequestSchema);
      const { token, accountId } = await sessions.signIn(input, {
        userAgent: c.req.header('user-agent') ?? null,
        address: clientAddress(c, ctx.config.trustProxy),
      });
      setCookie(c, sessionCookieName, token, {
        httpOnly: true,
        secure: true,
        sameSite: 'Lax',
        path: '/',
        maxAge: Math.floor(ctx.config.sessionAbsoluteMs / 1000),
      });
      const { principal } = await sessions.principalFor(accountId);
      return c.json(await sessions.info(principal), 201);
    })
    .get('/', async (c) => c.json(await sessions.info(c.get('principal'))))
    .delete('/', async (c) => {
      await sessions.signOut(requireToken(c), c.get('principal').viewer.accountId);
      deleteCookie(c, sessionCookieName, { path: '/', secure: true });
      return c.body(null, 204);
    })
    .delete('/all', async (c) => {
      const accountId = c.get('principal').viewer.accountId;
      if (!accountId) throw unauthenticated();
      await sessions.signOutEverywhere(accountId);
      deleteCookie(c, sessionCookieName, { path: '/', secure: true });
      return c.body(null, 204);
    })
    .get('/totp', async (c) => c.json(await totp.status(c.get('principal'))))
    .post('/totp/enrol', async (c) => c.json(await totp.enrol(c.get('principal')), 201))
    .post('/totp/confirm', async (c) => {
      const { code } = await jsonBody(c, totpCodeInputSchema);
      await totp.confirm(c.get('principal'), code, requireToken(c));
      return c.body(null, 204);
    })
    .post('/totp/disable', async (c) => {
      const { code } = await jsonBody(c, totpCodeInputSchema);
      await totp.disable(c.get('principal'), code);
      return c.body(null, 204);
    });
}
