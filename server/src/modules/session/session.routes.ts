import { signInSchema } from '@ratsmappe/shared';
import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { AppContext } from '../../context.js';
import type { AppEnv } from '../../http/app-env.js';
import { jsonBody } from '../../http/validate.js';
import { unauthenticated } from '../../errors.js';

/** `__Host-` pins the cookie to this origin: Secure, Path=/, no Domain (no subdomain can set or read it). */
export const sessionCookieName = '__Host-ratsmappe-session';

export function sessionRoutes(ctx: AppContext) {
  const { sessions, access } = ctx.services;
  return new Hono<AppEnv>()
    .post('/', async (c) => {
      const input = await jsonBody(c, signInSchema);
      const { token, accountId } = await sessions.signIn(input, c.req.header('user-agent') ?? null);
      setCookie(c, sessionCookieName, token, {
        httpOnly: true,
        secure: true,
        sameSite: 'Lax',
        path: '/',
        maxAge: Math.floor(ctx.config.sessionAbsoluteMs / 1000),
      });
      return c.json(await sessions.info(await access.principalFor(accountId)), 201);
    })
    .get('/', async (c) => c.json(await sessions.info(c.get('principal'))))
    .delete('/', async (c) => {
      const token = c.get('sessionToken');
      if (!token) throw unauthenticated();
      await sessions.signOut(token);
      deleteCookie(c, sessionCookieName, { path: '/', secure: true });
      return c.body(null, 204);
    })
    .delete('/all', async (c) => {
      const accountId = c.get('principal').viewer.accountId;
      if (!accountId) throw unauthenticated();
      await sessions.signOutEverywhere(accountId);
      deleteCookie(c, sessionCookieName, { path: '/', secure: true });
      return c.body(null, 204);
    });
}
