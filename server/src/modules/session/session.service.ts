import { createHash, randomBytes } from 'node:crypto';
import { accessScopeFor, berlinDate, type SessionInfo, type SignInRequest } from '@ratsmappe/shared';
import type { Clock } from '../../clock.js';
import { DomainError, RetryLaterError } from '../../errors.js';
import type { AccessService, Principal } from '../access/access.service.js';
import type { AuditService } from '../audit/audit.service.js';
import { dummyHash, verifyPassword } from './password.js';
import type { SessionRepository } from './session.repository.js';
import type { SignInThrottle } from './sign-in-throttle.js';
import { matchTotp } from './totp.js';

export interface SessionTimeouts {
  idleMs: number;
  absoluteMs: number;
}

export interface ClientInfo {
  userAgent: string | null;
  /** Normalized client address, or 'unknown' (see client-address.ts). */
  address: string;
}

/** What the request middleware needs about the signed-in account. */
export interface ResolvedPrincipal {
  principal: Principal;
  /**
   * The account is office staff of a body that requires a second factor and has none yet: those staff rights lie
   * dormant, and writes other than setting one up are refused.
   */
  totpEnrolmentRequired: boolean;
}

/** Only a hash of the session token is stored, so a database dump cannot be replayed as sessions. */
export const hashSessionToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Server-side sessions: a random 256-bit token in the cookie, its hash in the database. */
export class SessionService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly throttle: SignInThrottle,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly timeouts: SessionTimeouts,
  ) {}

  async signIn(input: SignInRequest, client: ClientInfo): Promise<{ token: string; accountId: string }> {
    const email = input.email.toLowerCase();
    const ticket = await this.throttle.begin(email, client.address, this.clock.now());
    const account = await this.sessions.findAccountByEmail(email);
    if (ticket.retryAfterSeconds !== null) {
      await this.throttle.settle(ticket, 'throttled');
      await this.audit.record({
        accountId: account?.id ?? null,
        action: 'session.sign_in_throttled',
        details: { email, address: client.address, retryAfterSeconds: ticket.retryAfterSeconds },
      });
      throw new RetryLaterError(ticket.retryAfterSeconds);
    }

    // Always verify against some hash, so response time does not reveal whether the e-mail address exists.
    const ok = await verifyPassword(input.password, account?.password_hash ?? (await dummyHash()));
    if (!account || !account.active || !account.password_hash || !ok) {
      await this.throttle.settle(ticket, 'failure');
      await this.audit.record({
        accountId: account?.id ?? null,
        action: 'session.sign_in_failed',
        details: { email, address: client.address, reason: failureReason(account, ok) },
      });
      throw new DomainError('invalid_credentials');
    }

    if (account.totp_secret) {
      if (!input.totp) {
        await this.throttle.settle(ticket, 'incomplete');
        throw new DomainError('totp_required');
      }
      const lastStep = account.totp_last_step === null ? null : Number(account.totp_last_step);
      const step = matchTotp(account.totp_secret, input.totp, this.clock.now(), lastStep);
      if (step === null || !(await this.sessions.claimTotpStep(account.id, step))) {
        await this.throttle.settle(ticket, 'failure');
        await this.audit.record({
          accountId: account.id,
          action: 'session.sign_in_failed',
          details: { email, address: client.address, reason: 'totp' },
        });
        throw new DomainError('totp_invalid');
      }
    }

    await this.throttle.settle(ticket, 'success');
    // A fresh token at every sign-in: a token planted before sign-in (session fixation) is never promoted.
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await this.sessions.create({
      idHash: hashSessionToken(token),
      accountId: account.id,
      expires: new Date(now.getTime() + this.timeouts.absoluteMs),
      userAgent: client.userAgent?.slice(0, 300) ?? null,
      now,
    });
    await this.audit.record({
      accountId: account.id,
      action: 'session.sign_in',
      details: { address: client.address, secondFactor: account.totp_secret !== null },
    });
    return { token, accountId: account.id };
  }

  /** The account behind a token, or null when unknown, expired, idle too long, or the account is inactive. */
  async resolve(token: string): Promise<string | null> {
    const idHash = hashSessionToken(token);
    const session = await this.sessions.find(idHash);
    if (!session) return null;
    const now = this.clock.now();
    const idleSince = now.getTime() - session.last_seen.getTime();
    if (!session.active || session.expires <= now || idleSince > this.timeouts.idleMs) {
      await this.sessions.delete(idHash);
      return null;
    }
    // Write last_seen at most once a minute: reads must not turn into a write per request.
    if (idleSince > 60_000) await this.sessions.touch(idHash, now);
    return session.account_id;
  }

  /**
   * The principal of a signed-in account. Office-staff rights of a body that requires a second factor count only
   * once the account has one: a stolen password alone must not open that body's non-public content.
   */
  async principalFor(accountId: string): Promise<ResolvedPrincipal> {
    const principal = await this.access.principalFor(accountId);
    const staffBodyIds = principal.viewer.officeStaffBodyIds;
    const dormant = await this.sessions.bodiesAwaitingTotp(accountId, staffBodyIds);
    if (dormant.length === 0) return { principal, totpEnrolmentRequired: false };
    const viewer = { ...principal.viewer, officeStaffBodyIds: staffBodyIds.filter((id) => !dormant.includes(id)) };
    const settings = await this.sessions.councilSettings([...new Set(viewer.memberships.map((m) => m.bodyId))]);
    const scope = accessScopeFor(viewer, berlinDate(this.clock.now()), settings);
    return { principal: { viewer, scope }, totpEnrolmentRequired: true };
  }

  async signOut(token: string, accountId: string | null): Promise<void> {
    await this.sessions.delete(hashSessionToken(token));
    if (accountId) await this.audit.record({ accountId, action: 'session.sign_out' });
  }

  async signOutEverywhere(accountId: string): Promise<void> {
    await this.sessions.deleteAllOf(accountId);
    await this.audit.record({ accountId, action: 'session.sign_out_everywhere' });
  }

  async info(principal: Principal): Promise<SessionInfo> {
    const accountId = principal.viewer.accountId;
    if (!accountId) throw new DomainError('unauthenticated');
    const account = await this.sessions.sessionInfo(accountId);
    return {
      account: { id: account.id, email: account.email, displayName: account.display_name, locale: account.locale },
      systemAdmin: principal.viewer.systemAdmin,
      officeStaffBodyIds: [...principal.viewer.officeStaffBodyIds],
      personIds: await this.sessions.personIds(accountId),
    };
  }
}

/** For the audit trail only; the caller always gets the same `invalid_credentials`. */
function failureReason(account: { active: boolean; password_hash: string | null } | undefined, passwordOk: boolean) {
  if (!account) return 'unknown_account';
  if (!account.password_hash) return 'no_password';
  if (!passwordOk) return 'password';
  return 'inactive';
}
