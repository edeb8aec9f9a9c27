import {
  fieldIssueTexts,
  type CreateLocation,
  type Locale,
  type Location,
  type LocationListQuery,
  type Page,
  type UpdateLocation,
} from '@ratsmappe/shared';
import type { Kysely } from 'kysely';
import { decodeCursor, encodeCursor } from '../../db/cursor.js';
import { iso } from '../../db/rows.js';
import type { Database, LocationRow } from '../../db/schema/tables.js';
import { DomainError, notFound } from '../../errors.js';
import type { AccessService, Principal } from '../access/access.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { LocationRepository } from './location.repository.js';

export function toLocation(row: LocationRow, useCount: number): Location {
  return {
    id: row.id,
    bodyId: row.body_id,
    description: row.description,
    streetAddress: row.street_address,
    room: row.room,
    postalCode: row.postal_code,
    subLocality: row.sub_locality,
    locality: row.locality,
    useCount,
    deleted: row.deleted,
    created: iso(row.created),
    modified: iso(row.modified),
  };
}

const fieldNames: Record<keyof UpdateLocation, keyof LocationRow> = {
  description: 'description',
  streetAddress: 'street_address',
  room: 'room',
  postalCode: 'postal_code',
  subLocality: 'sub_locality',
  locality: 'locality',
};

/**
 * Places of a body, for the office. A place may be named by many meetings: editing it (a corrected address) changes
 * all of them, which is what master data is for; the meeting form makes a new place for a new free-text entry.
 */
export class LocationService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly locations: LocationRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, bodyId: string, query: LocationListQuery): Promise<Page<Location>> {
    this.access.requireOfficeStaff(principal, bodyId);
    const key = decodeCursor(query.cursor, 2);
    const rows = await this.locations.list(bodyId, {
      q: query.q,
      after: key ? { description: String(key[0]), id: String(key[1]) } : null,
      limit: query.limit,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      data: page.map((row) => toLocation(row, row.use_count)),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.description ?? '', last.id]) : null,
    };
  }

  async create(principal: Principal, bodyId: string, input: CreateLocation): Promise<Location> {
    this.access.requireOfficeStaff(principal, bodyId);
    return this.db.transaction().execute(async (trx) => {
      const row = await this.locations.insert(trx, bodyId, input);
      await this.audit.record(
        {
          accountId: principal.viewer.accountId,
          bodyId,
          action: 'location.create',
          objectType: 'location',
          objectId: row.id,
          details: { description: row.description },
        },
        trx,
      );
      return toLocation(row, 0);
    });
  }

  async update(principal: Principal, id: string, input: UpdateLocation): Promise<Location> {
    const existing = await this.requireLive(principal, id);
    return this.db.transaction().execute(async (trx) => {
      const row = await this.locations.update(trx, id, input);
      const previous = Object.fromEntries(
        (Object.keys(input) as (keyof UpdateLocation)[]).map((field) => [field, existing[fieldNames[field]]]),
      );
      await this.audit.record(
        {
          accountId: principal.viewer.accountId,
          bodyId: row.body_id,
          action: 'location.update',
          objectType: 'location',
          objectId: id,
          details: { fields: Object.keys(input), previous },
        },
        trx,
      );
      return toLocation(row, await this.locations.useCount(trx, id));
    });
  }

  /** Only a place nothing names any more: a meeting must not lose where it takes place. */
  async delete(principal: Principal, id: string, locale: Locale): Promise<void> {
    const existing = await this.requireLive(principal, id);
    await this.db.transaction().execute(async (trx) => {
      const uses = await this.locations.useCount(trx, id);
      if (uses > 0) {
        throw new DomainError('conflict', 'location in use', [
          { path: 'id', message: fieldIssueTexts[locale].locationInUse(uses) },
        ]);
      }
      await this.locations.softDelete(trx, id);
      await this.audit.record(
        {
          accountId: principal.viewer.accountId,
          bodyId: existing.body_id,
          action: 'location.delete',
          objectType: 'location',
          objectId: id,
          details: { description: existing.description },
        },
        trx,
      );
    });
  }

  /** Places are public in OParl, so a foreign one may answer 403 rather than 404. */
  private async requireLive(principal: Principal, id: string): Promise<LocationRow> {
    const row = await this.locations.find(id);
    if (!row || row.deleted) throw notFound();
    this.access.requireOfficeStaff(principal, row.body_id);
    return row;
  }
}
