import { createHash, randomBytes } from 'node:crypto';
import type { SessionInfo, SignIn } from '@ratsmappe/shared';
import type { Clock } from '../../clock.js';
import { DomainError } from '../../errors.js';
import type { Principal } from '../access/access.service.js';
import type { AuditService } from '../audit/audit.service.js';
import { dummyHash, verifyPassword } from './password.js';
import type { SessionRepository } from './session.repository.js';

export interface SessionTimeouts {
  idleMs: number;
  absoluteMs: number;
}

/** Only a hash of the session token is stored, so a database dump cannot be replayed as sessions. */
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Server-side sessions: a random 256-bit token in the cookie, its hash in the database. */
export class SessionService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly timeouts: SessionTimeouts,
  ) {}

  async signIn(input: SignIn, userAgent: string | null): Promise<{ token: string; accountId: string }> {
    const account = await this.sessions.findAccountByEmail(input.email);
    // Always verify against some hash, so response time does not reveal whether the e-mail address exists.
    const ok = await verifyPassword(input.password, account?.password_hash ?? (await dummyHash()));
    if (!account || !account.active || !account.password_hash || !ok) {
      await this.audit.record({
        accountId: account?.id ?? null,
        action: 'session.sign_in_failed',
        details: { email: input.email.toLowerCase() },
      });
      throw new DomainError('invalid_credentials');
    }
    // A fresh token at every sign-in: a token planted before sign-in (session fixation) is never promoted.
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await this.sessions.create({
      idHash: hashToken(token),
      accountId: account.id,
      expires: new Date(now.getTime() + this.timeouts.absoluteMs),
      userAgent: userAgent?.slice(0, 300) ?? null,
      now,
    });
    await this.audit.record({ accountId: account.id, action: 'session.sign_in' });
    return { token, accountId: account.id };
  }

  /** The account behind a token, or null when unknown, expired, idle too long, or the account is inactive. */
  async resolve(token: string): Promise<string | null> {
    const idHash = hashToken(token);
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

  async signOut(token: string): Promise<void> {
    await this.sessions.delete(hashToken(token));
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
