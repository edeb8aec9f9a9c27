import { createHash } from 'node:crypto';
import type { SignInOutcome } from '../../db/schema/tables.js';
import type { SessionRepository } from './session.repository.js';

/**
 * Sign-in limits (ASVS 6.3.1): 5 failures per e-mail address and 20 per client address within 15 minutes. A limit
 * lifts when its oldest counted failure leaves the window. An e-mail address that has no account is counted like one
 * that has, so the limit reveals nothing about which addresses exist.
 */
export const signInLimits = {
  windowMs: 15 * 60_000,
  perAccount: 5,
  perAddress: 20,
  /** Attempts older than this are deleted as new ones come in. */
  retentionMs: 24 * 3_600_000,
} as const;

const hash = (value: string) => createHash('sha256').update(value).digest('hex');

export interface AttemptTicket {
  id: string;
  /** Seconds until the caller may try again, or null when this attempt may go ahead. */
  retryAfterSeconds: number | null;
}

export class SignInThrottle {
  constructor(private readonly repository: SessionRepository) {}

  /**
   * Registers an attempt before the password is checked (as `pending`, which counts as a failure), then counts. Since
   * every concurrent attempt is visible to the others' counts, a burst of parallel requests cannot slip past the limit.
   */
  async begin(email: string, address: string, now: Date): Promise<AttemptTicket> {
    const emailHash = hash(`email:${email.toLowerCase()}`);
    const addressHash = hash(`address:${address}`);
    const id = await this.repository.insertAttempt({ at: now, emailHash, addressHash });
    await this.repository.pruneAttempts(new Date(now.getTime() - signInLimits.retentionMs));
    const since = new Date(now.getTime() - signInLimits.windowMs);
    const [byEmail, byAddress] = [
      await this.repository.recentEmailFailures(emailHash, since, id, signInLimits.perAccount),
      await this.repository.recentAddressFailures(addressHash, since, id, signInLimits.perAddress),
    ];
    const reopens = [
      byEmail.length >= signInLimits.perAccount ? byEmail[signInLimits.perAccount - 1] : undefined,
      byAddress.length >= signInLimits.perAddress ? byAddress[signInLimits.perAddress - 1] : undefined,
    ]
      .filter((at): at is Date => at !== undefined)
      .map((at) => at.getTime() + signInLimits.windowMs);
    if (reopens.length === 0) return { id, retryAfterSeconds: null };
    const waitMs = Math.max(...reopens) - now.getTime();
    return { id, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /** `throttled` and `incomplete` (right password, second factor still to come) do not count as failures. */
  async settle(ticket: AttemptTicket, outcome: Exclude<SignInOutcome, 'pending'>): Promise<void> {
    await this.repository.settleAttempt(ticket.id, outcome);
  }
}
