import type { TotpEnrolment, TotpStatus } from '@ratsmappe/shared';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.js';
import type { Database } from '../../db/schema/tables.js';
import { DomainError, conflict, unauthenticated } from '../../errors.js';
import type { Principal } from '../access/access.service.js';
import type { AuditService } from '../audit/audit.service.js';
import { hashSessionToken } from './session.service.js';
import type { SessionRepository } from './session.repository.js';
import { matchTotp, newTotpSecret, otpauthUri } from './totp.js';

const issuer = 'Ratsmappe';

/** The account's own second factor: enrol (secret, then a first code), and switch off with a current code. */
export class TotpService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly sessions: SessionRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async status(principal: Principal): Promise<TotpStatus> {
    const state = await this.state(principal);
    const requiredForBodyIds = await this.sessions.staffBodiesRequiringTotp(state.id);
    return {
      enabled: state.totp_secret !== null,
      confirmationPending: state.totp_secret === null && state.totp_pending_secret !== null,
      requiredForBodyIds,
      enrolmentRequired: state.totp_secret === null && requiredForBodyIds.length > 0,
    };
  }

  /** A new secret each time; it becomes active only with a first valid code (`confirm`). */
  async enrol(principal: Principal): Promise<TotpEnrolment> {
    const state = await this.state(principal);
    if (state.totp_secret !== null) throw conflict('a second factor is already set up');
    const secret = newTotpSecret();
    await this.sessions.setPendingTotp(state.id, secret, this.clock.now());
    await this.audit.record({
      accountId: state.id,
      action: 'account.totp_enrolment_started',
      objectType: 'account',
      objectId: state.id,
    });
    return { secret, otpauthUri: otpauthUri(issuer, state.email, secret) };
  }

  /**
   * Activates the pending secret. Sessions opened before (with the password alone) end, except the one asking: a
   * second factor that an attacker's session outlives would protect nothing.
   */
  async confirm(principal: Principal, code: string, sessionToken: string): Promise<void> {
    const state = await this.state(principal);
    if (state.totp_secret !== null) throw conflict('a second factor is already set up');
    const pending = state.totp_pending_secret;
    if (pending === null) throw conflict('no enrolment started');
    const step = matchTotp(pending, code, this.clock.now(), null);
    if (step === null) throw new DomainError('totp_invalid');
    await this.db.transaction().execute(async (trx) => {
      if (!(await this.sessions.activatePendingTotp(state.id, pending, step, this.clock.now(), trx))) {
        throw conflict('the enrolment changed in the meantime');
      }
      await this.sessions.deleteOthersOf(state.id, hashSessionToken(sessionToken), trx);
      await this.audit.record(
        { accountId: state.id, action: 'account.totp_enable', objectType: 'account', objectId: state.id },
        trx,
      );
    });
  }

  /** Switching the second factor off takes a current code, so a borrowed session alone cannot do it. */
  async disable(principal: Principal, code: string): Promise<void> {
    const state = await this.state(principal);
    if (state.totp_secret === null) throw conflict('no second factor is set up');
    const lastStep = state.totp_last_step === null ? null : Number(state.totp_last_step);
    const step = matchTotp(state.totp_secret, code, this.clock.now(), lastStep);
    await this.db.transaction().execute(async (trx) => {
      if (step === null || !(await this.sessions.claimTotpStep(state.id, step, trx))) {
        throw new DomainError('totp_invalid');
      }
      await this.sessions.clearTotp(state.id, this.clock.now(), trx);
      await this.audit.record(
        { accountId: state.id, action: 'account.totp_disable', objectType: 'account', objectId: state.id },
        trx,
      );
    });
  }

  private async state(principal: Principal) {
    const accountId = principal.viewer.accountId;
    if (!accountId) throw unauthenticated();
    const state = await this.sessions.totpState(accountId);
    if (!state) throw unauthenticated();
    return state;
  }
}
