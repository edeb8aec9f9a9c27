import type { Body, CreateBody } from '@ratsmappe/shared';
import type { Kysely } from 'kysely';
import type { BodyRow, Database } from '../../db/schema/tables.js';
import { iso } from '../../db/rows.js';
import { conflict, notFound } from '../../errors.js';
import type { AccessService, Principal } from '../access/access.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { BodyRepository } from './body.repository.js';

export function toBody(row: BodyRow): Body {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    shortName: row.short_name,
    classification: row.classification,
    website: row.website,
    ags: row.ags,
    streetAddress: row.street_address,
    postalCode: row.postal_code,
    locality: row.locality,
    councilMembersSeeNonPublic: row.council_members_see_non_public,
    created: iso(row.created),
    modified: iso(row.modified),
  };
}

export class BodyService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly bodies: BodyRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<Body[]> {
    return (await this.bodies.list()).map(toBody);
  }

  /** Bodies are public objects (name, address); their content is protected item by item. */
  async get(ref: string): Promise<BodyRow> {
    const body = await this.bodies.findByRef(ref);
    if (!body) throw notFound();
    return body;
  }

  async create(principal: Principal, input: CreateBody): Promise<Body> {
    this.access.requireSystemAdmin(principal);
    return this.db.transaction().execute(async (trx) => {
      if (await this.bodies.slugTaken(input.slug, trx)) throw conflict('slug already in use');
      const row = await this.bodies.insert(input, trx);
      await this.audit.record(
        {
          accountId: principal.viewer.accountId,
          bodyId: row.id,
          action: 'body.create',
          objectType: 'body',
          objectId: row.id,
        },
        trx,
      );
      return toBody(row);
    });
  }
}
