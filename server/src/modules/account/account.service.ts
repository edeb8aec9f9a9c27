import { createHash, randomBytes } from 'node:crypto';
import type {
  Account,
  AccountListQuery,
  AccountSetup,
  CreateAccount,
  CreatedAccount,
  GrantInput,
  Page,
  SetupLink,
  StaffTotpRequirement,
} from '@ratsmappe/shared';
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../clock.js';
import { decodeCursor, encodeCursor } from '../../db/cursor.js';
import { iso } from '../../db/rows.js';
import type { Database } from '../../db/schema/tables.js';
import { DomainError, conflict, forbidden, notFound, unauthenticated } from '../../errors.js';
import type { AccessService, Principal } from '../access/access.service.js';
import type { AuditService } from '../audit/audit.service.js';
import { hashPassword } from '../session/password.js';
import { isPasswordAcceptable } from '../session/password-policy.js';
import { isUniqueViolation, type AccountRepository } from './account.repository.js';

export interface AccountServiceOptions {
  publicUrl: string;
  setupLinkMs: number;
}

interface Facts {
  grants: { id: string; role: 'system_admin' | 'office_staff'; body_id: string | null }[];
  persons: { id: string; body_id: string; name: string }[];
}

type AccountRow = NonNullable<Awaited<ReturnType<AccountRepository['find']>>>;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Accounts and their access. System admins manage every account. Office staff manage councillor accounts of their
 * own body only: accounts without any role whose persons all belong to bodies they are staff of. Everything that can
 * hand an account to someone else (set-up links) or grant a role stays with the system admins, so a staff account of
 * body A can never take over an account that also opens body B or the administration.
 */
export class AccountService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly accounts: AccountRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly options: AccountServiceOptions,
  ) {}

  async list(principal: Principal, query: AccountListQuery): Promise<Page<Account>> {
    const staffBodies = this.managerBodies(principal);
    if (query.bodyId && staffBodies !== null && !staffBodies.includes(query.bodyId)) throw forbidden();
    const key = decodeCursor(query.cursor, 2);
    const rows = await this.accounts.list({
      bodyIds: query.bodyId ? [query.bodyId] : staffBodies,
      after: key ? { email: String(key[0]), id: String(key[1]) } : null,
      limit: query.limit,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      data: await this.views(principal, page),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.email, last.id]) : null,
    };
  }

  async get(principal: Principal, id: string): Promise<Account> {
    this.managerBodies(principal);
    const { row, facts } = await this.load(id);
    if (!this.visible(principal, facts)) throw notFound();
    return (await this.views(principal, [row]))[0]!;
  }

  async create(principal: Principal, input: CreateAccount): Promise<CreatedAccount> {
    const actorId = this.actor(principal);
    const staffBodies = this.managerBodies(principal);
    if (staffBodies !== null && input.grants.length > 0) throw forbidden('only system admins grant roles');
    const email = input.email.toLowerCase();
    const personIds = [...new Set(input.personIds)];
    const grants = dedupeGrants(input.grants);
    const now = this.clock.now();

    const created = await this.db
      .transaction()
      .execute(async (trx) => {
        if (await this.accounts.emailTaken(email, trx)) throw conflict('this e-mail address already has an account');
        await this.checkPersons(trx, principal, personIds);
        const grantBodies = grants.flatMap((g) => (g.role === 'office_staff' ? [g.bodyId] : []));
        const live = await this.accounts.liveBodyIds(grantBodies, trx);
        if (live.length !== new Set(grantBodies).size) {
          throw new DomainError('validation_failed', undefined, [{ path: 'grants', message: 'unknown body' }]);
        }
        const id = await this.accounts.insert(trx, {
          email,
          displayName: input.displayName,
          locale: input.locale,
          now,
        });
        for (const grant of grants) {
          await this.accounts.insertGrant(trx, id, grant.role, grant.role === 'office_staff' ? grant.bodyId : null);
        }
        for (const personId of personIds) await this.accounts.linkPerson(trx, id, personId);
        const facts = await this.facts(id, trx);
        await this.audit.record(
          {
            accountId: actorId,
            bodyId: auditBody(facts),
            action: 'account.create',
            objectType: 'account',
            objectId: id,
            details: { email, roles: grants.map((g) => g.role), bodyIds: grantBodies, personIds },
          },
          trx,
        );
        const setupLink = await this.newSetupLink(trx, id, actorId, now);
        return { id, setupLink };
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) throw conflict('this e-mail address already has an account');
        throw error;
      });
    return { account: await this.get(principal, created.id), setupLink: created.setupLink };
  }

  /**
   * A new one-time link; older open links of the account stop working. The link sets a password only: an enrolled
   * second factor stays, so resetting access never bypasses it (ASVS 6.4.3).
   */
  async issueSetupLink(principal: Principal, id: string): Promise<SetupLink> {
    const actorId = this.actor(principal);
    const { row, facts } = await this.loadManageable(principal, id);
    if (!row.active) throw conflict('the account is deactivated; reactivate it first');
    const now = this.clock.now();
    return this.db.transaction().execute(async (trx) => {
      const link = await this.newSetupLink(trx, id, actorId, now);
      await this.audit.record(
        {
          accountId: actorId,
          bodyId: auditBody(facts),
          action: 'account.setup_link_issue',
          objectType: 'account',
          objectId: id,
        },
        trx,
      );
      return link;
    });
  }

  /** Deactivation ends every session at once and voids open set-up links (ASVS 7.4.2). */
  async deactivate(principal: Principal, id: string): Promise<Account> {
    const actorId = this.actor(principal);
    if (id === actorId) throw conflict('you cannot deactivate your own account');
    const { facts } = await this.loadManageable(principal, id);
    const now = this.clock.now();
    await this.db.transaction().execute(async (trx) => {
      await this.accounts.setActive(trx, id, false, now);
      await this.accounts.deleteSessions(trx, id);
      await this.accounts.revokeOpenLinks(trx, id, now);
      await this.recordChange(trx, actorId, id, facts, 'account.deactivate');
    });
    return this.get(principal, id);
  }

  async reactivate(principal: Principal, id: string): Promise<Account> {
    const actorId = this.actor(principal);
    const { facts } = await this.loadManageable(principal, id);
    await this.db.transaction().execute(async (trx) => {
      await this.accounts.setActive(trx, id, true, this.clock.now());
      await this.recordChange(trx, actorId, id, facts, 'account.reactivate');
    });
    return this.get(principal, id);
  }

  /** One login for all mandates: a further person (possibly of another body) joins the account. */
  async linkPerson(principal: Principal, id: string, personId: string): Promise<Account> {
    const actorId = this.actor(principal);
    await this.loadManageable(principal, id);
    await this.db.transaction().execute(async (trx) => {
      const [person] = await this.checkPersons(trx, principal, [personId], id);
      await this.accounts.linkPerson(trx, id, personId);
      const facts = await this.facts(id, trx);
      await this.recordChange(trx, actorId, id, facts, 'account.person_link', {
        personId,
        personBodyId: person!.body_id,
      });
    });
    return this.get(principal, id);
  }

  async unlinkPerson(principal: Principal, id: string, personId: string): Promise<Account> {
    const actorId = this.actor(principal);
    const { facts } = await this.loadManageable(principal, id);
    const person = facts.persons.find((p) => p.id === personId);
    if (!person) throw notFound();
    if (!principal.viewer.systemAdmin && facts.persons.length === 1) {
      throw conflict('this is the only person of the account; deactivate the account instead');
    }
    await this.db.transaction().execute(async (trx) => {
      await this.accounts.unlinkPerson(trx, id, personId);
      await this.recordChange(trx, actorId, id, facts, 'account.person_unlink', {
        personId,
        personBodyId: person.body_id,
      });
    });
    return this.get(principal, id);
  }

  async addGrant(principal: Principal, id: string, grant: GrantInput): Promise<Account> {
    const actorId = this.actor(principal);
    this.access.requireSystemAdmin(principal);
    await this.load(id);
    const bodyId = grant.role === 'office_staff' ? grant.bodyId : null;
    await this.db.transaction().execute(async (trx) => {
      if (bodyId && (await this.accounts.liveBodyIds([bodyId], trx)).length === 0) {
        throw new DomainError('validation_failed', undefined, [{ path: 'bodyId', message: 'unknown body' }]);
      }
      const inserted = await this.accounts.insertGrant(trx, id, grant.role, bodyId);
      if (!inserted) throw conflict('the account already has this role');
      const facts = await this.facts(id, trx);
      await this.recordChange(trx, actorId, id, facts, 'account.grant_add', { role: grant.role, grantBodyId: bodyId });
    });
    return this.get(principal, id);
  }

  async removeGrant(principal: Principal, id: string, grantId: string): Promise<Account> {
    const actorId = this.actor(principal);
    this.access.requireSystemAdmin(principal);
    const { facts } = await this.load(id);
    const grant = facts.grants.find((g) => g.id === grantId);
    if (!grant) throw notFound();
    if (id === actorId && grant.role === 'system_admin') throw conflict('you cannot remove your own admin role');
    await this.db.transaction().execute(async (trx) => {
      await this.accounts.deleteGrant(trx, id, grantId);
      await this.recordChange(trx, actorId, id, facts, 'account.grant_remove', {
        role: grant.role,
        grantBodyId: grant.body_id,
      });
    });
    return this.get(principal, id);
  }

  /** For a lost authenticator: the account signs in with its password again and may enrol anew. Admins only. */
  async resetTotp(principal: Principal, id: string): Promise<Account> {
    const actorId = this.actor(principal);
    this.access.requireSystemAdmin(principal);
    const { facts } = await this.load(id);
    await this.db.transaction().execute(async (trx) => {
      await this.accounts.clearTotp(trx, id, this.clock.now());
      await this.accounts.deleteSessions(trx, id);
      await this.recordChange(trx, actorId, id, facts, 'account.totp_reset');
    });
    return this.get(principal, id);
  }

  /** The body's own office staff (who then hold a second factor themselves) or a system admin decide. */
  async staffTotpRequirement(principal: Principal, bodyId: string): Promise<StaffTotpRequirement> {
    this.requireStaffOrAdmin(principal, bodyId);
    const row = await this.accounts.staffTotpRequirement(bodyId);
    return { required: row.require_totp_for_staff };
  }

  async setStaffTotpRequirement(
    principal: Principal,
    bodyId: string,
    required: boolean,
  ): Promise<StaffTotpRequirement> {
    const actorId = this.actor(principal);
    this.requireStaffOrAdmin(principal, bodyId);
    await this.db.transaction().execute(async (trx) => {
      await this.accounts.setStaffTotpRequirement(trx, bodyId, required);
      await this.audit.record(
        {
          accountId: actorId,
          bodyId,
          action: 'body.staff_totp_requirement',
          objectType: 'body',
          objectId: bodyId,
          details: { required },
        },
        trx,
      );
    });
    return { required };
  }

  /**
   * Sets the password through a one-time link. The link is consumed in the same transaction that sets the password,
   * and every existing session of the account ends (whoever held the old password is out).
   */
  async completeSetup(input: AccountSetup): Promise<void> {
    const link = await this.accounts.findLink(hashToken(input.token));
    if (!link) throw new DomainError('setup_link_invalid');
    const now = this.clock.now();
    const rejection: 'setup_link_used' | 'setup_link_invalid' | 'setup_link_expired' | null = link.used_at
      ? 'setup_link_used'
      : link.revoked_at || !link.active
        ? 'setup_link_invalid'
        : link.expires <= now
          ? 'setup_link_expired'
          : null;
    if (rejection) {
      await this.audit.record({
        accountId: link.account_id,
        bodyId: auditBody(await this.facts(link.account_id)),
        action: 'account.setup_link_rejected',
        objectType: 'account',
        objectId: link.account_id,
        details: { reason: rejection },
      });
      throw new DomainError(rejection);
    }
    if (!isPasswordAcceptable(input.password, link.email)) throw new DomainError('weak_password');
    // Hash before the transaction: scrypt takes a while and must not hold the (on PGlite: only) connection.
    const passwordHash = await hashPassword(input.password);
    const facts = await this.facts(link.account_id);
    await this.db.transaction().execute(async (trx) => {
      if (!(await this.accounts.consumeLink(trx, link.id, now))) throw new DomainError('setup_link_used');
      await this.accounts.setPassword(trx, link.account_id, passwordHash, now);
      await this.accounts.deleteSessions(trx, link.account_id);
      await this.recordChange(trx, link.account_id, link.account_id, facts, 'account.setup_complete');
    });
  }

  // --- helpers ---

  private actor(principal: Principal): string {
    const accountId = principal.viewer.accountId;
    if (!accountId) throw unauthenticated();
    return accountId;
  }

  /** null for system admins (all bodies); the staff bodies otherwise; forbidden for everyone else. */
  private managerBodies(principal: Principal): readonly string[] | null {
    this.actor(principal);
    if (principal.viewer.systemAdmin) return null;
    if (principal.viewer.officeStaffBodyIds.length === 0) throw forbidden();
    return principal.viewer.officeStaffBodyIds;
  }

  private requireStaffOrAdmin(principal: Principal, bodyId: string) {
    if (!principal.viewer.systemAdmin) this.access.requireOfficeStaff(principal, bodyId);
  }

  private visible(principal: Principal, facts: Facts): boolean {
    if (principal.viewer.systemAdmin) return true;
    const staff = principal.viewer.officeStaffBodyIds;
    return (
      facts.persons.some((p) => staff.includes(p.body_id)) ||
      facts.grants.some((g) => g.role === 'office_staff' && g.body_id !== null && staff.includes(g.body_id))
    );
  }

  private manageable(principal: Principal, facts: Facts): boolean {
    if (principal.viewer.systemAdmin) return true;
    const staff = principal.viewer.officeStaffBodyIds;
    return (
      facts.grants.length === 0 && facts.persons.length > 0 && facts.persons.every((p) => staff.includes(p.body_id))
    );
  }

  private async load(id: string): Promise<{ row: AccountRow; facts: Facts }> {
    const row = await this.accounts.find(id);
    if (!row) throw notFound();
    return { row, facts: await this.facts(id) };
  }

  /** Unknown and invisible accounts answer 404 alike; visible but not manageable ones 403. */
  private async loadManageable(principal: Principal, id: string) {
    this.managerBodies(principal);
    const loaded = await this.load(id);
    if (!this.visible(principal, loaded.facts)) throw notFound();
    if (!this.manageable(principal, loaded.facts)) throw forbidden();
    return loaded;
  }

  private async facts(id: string, db: Kysely<Database> = this.db): Promise<Facts> {
    const [grants, persons] = [await this.accounts.grantsOf([id], db), await this.accounts.personsOf([id], db)];
    return { grants, persons };
  }

  /** Persons must exist, be live, have no account yet, and (for staff) belong to the caller's bodies. */
  private async checkPersons(db: Kysely<Database>, principal: Principal, personIds: string[], accountId?: string) {
    const persons = await this.accounts.personsByIds(personIds, db);
    if (persons.length !== personIds.length || persons.some((p) => p.deleted)) {
      throw new DomainError('validation_failed', undefined, [{ path: 'personIds', message: 'unknown person' }]);
    }
    if (
      !principal.viewer.systemAdmin &&
      persons.some((p) => !principal.viewer.officeStaffBodyIds.includes(p.body_id))
    ) {
      throw forbidden('persons of another body');
    }
    const linked = await this.accounts.personsWithAccount(personIds, db);
    if (linked.length > 0) {
      const own = accountId ? await this.accounts.personsOf([accountId], db) : [];
      if (linked.some((personId) => !own.some((p) => p.id === personId))) {
        throw conflict('a person already has an account');
      }
    }
    return persons;
  }

  private async newSetupLink(
    db: Kysely<Database>,
    accountId: string,
    createdBy: string,
    now: Date,
  ): Promise<SetupLink> {
    const token = randomBytes(32).toString('base64url');
    const expires = new Date(now.getTime() + this.options.setupLinkMs);
    await this.accounts.revokeOpenLinks(db, accountId, now);
    await this.accounts.insertLink(db, { accountId, tokenHash: hashToken(token), now, expires, createdBy });
    return { setupUrl: `${this.options.publicUrl}/konto/einrichten#token=${token}`, expires: iso(expires) };
  }

  private async recordChange(
    trx: Transaction<Database>,
    actorId: string,
    accountId: string,
    facts: Facts,
    action: string,
    details?: Record<string, unknown>,
  ) {
    await this.audit.record(
      { accountId: actorId, bodyId: auditBody(facts), action, objectType: 'account', objectId: accountId, details },
      trx,
    );
  }

  private async views(principal: Principal, rows: AccountRow[]): Promise<Account[]> {
    const ids = rows.map((r) => r.id);
    const [grants, persons, pending] = [
      await this.accounts.grantsOf(ids),
      await this.accounts.personsOf(ids),
      await this.accounts.withOpenSetupLink(ids, this.clock.now()),
    ];
    const staff = principal.viewer.systemAdmin ? null : principal.viewer.officeStaffBodyIds;
    return rows.map((row) => {
      const facts: Facts = {
        grants: grants.filter((g) => g.account_id === row.id),
        persons: persons.filter((p) => p.account_id === row.id),
      };
      // Staff see only what concerns their own bodies: not another body's mandates, not admin or foreign roles.
      const shownGrants = facts.grants.filter(
        (g) => staff === null || (g.body_id !== null && staff.includes(g.body_id)),
      );
      const shownPersons = facts.persons.filter((p) => staff === null || staff.includes(p.body_id));
      return {
        id: row.id,
        email: row.email,
        displayName: row.display_name,
        locale: row.locale,
        active: row.active,
        passwordSet: row.password_set,
        totpEnabled: row.totp_enabled,
        setupLinkPending: pending.has(row.id),
        grants: shownGrants.map((g) => ({ id: g.id, role: g.role, bodyId: g.body_id })),
        persons: shownPersons.map((p) => ({ id: p.id, bodyId: p.body_id, name: p.name })),
        manageable: this.manageable(principal, facts),
        created: iso(row.created),
        modified: iso(row.modified),
      };
    });
  }
}

/** The body an account change belongs to in the trail: the one body the account relates to, else none. */
function auditBody(facts: Facts): string | null {
  if (facts.grants.some((g) => g.role === 'system_admin')) return null;
  const bodies = new Set([
    ...facts.grants.flatMap((g) => (g.body_id ? [g.body_id] : [])),
    ...facts.persons.map((p) => p.body_id),
  ]);
  return bodies.size === 1 ? [...bodies][0]! : null;
}

function dedupeGrants(grants: GrantInput[]): GrantInput[] {
  const seen = new Set<string>();
  return grants.filter((g) => {
    const key = g.role === 'office_staff' ? `office_staff:${g.bodyId}` : g.role;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
