import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppContext } from '../context.js';
import { guardTotpEnrolment, sessionCookieName } from '../modules/session/session.routes.js';
import type { AppEnv } from './app-env.js';

/**
 * Sets `principal` and `sessionToken` from the session cookie; without a valid session the principal stays
 * anonymous. Used by /api and by the file doors (/files), which are same-origin and see the same cookie.
 */
export async function resolvePrincipal(ctx: AppContext, c: Context<AppEnv>): Promise<void> {
  const token = getCookie(c, sessionCookieName);
  if (!token) return;
  const accountId = await ctx.services.sessions.resolve(token);
  if (!accountId) return;
  const { principal, totpEnrolmentRequired } = await ctx.services.sessions.principalFor(accountId);
  c.set('sessionToken', token);
  c.set('principal', principal);
  guardTotpEnrolment(totpEnrolmentRequired, c.req.method, c.req.path);
}

export const principalMiddleware = (ctx: AppContext) =>
  createMiddleware<AppEnv>(async (c, next) => {
    await resolvePrincipal(ctx, c);
    await next();
  });
