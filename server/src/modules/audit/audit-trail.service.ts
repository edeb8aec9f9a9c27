import type { AdminAuditQuery, AuditEntry, AuditQuery, Page } from '@ratsmappe/shared';
import { decodeCursor, encodeCursor } from '../../db/cursor.js';
import { iso } from '../../db/rows.js';
import type { AccessService, Principal } from '../access/access.service.js';
import type { AuditFilter, AuditRepository, AuditScope } from './audit.repository.js';

/**
 * Reading the trail: a body's office staff see that body's entries; system admins see the administration's
 * (account and body changes, sign-ins). Details pass through `publicDetails`, so whatever a module writes there,
 * free text (a title of a non-public item, say) never leaves through this API.
 */
export class AuditTrailService {
  constructor(
    private readonly trail: AuditRepository,
    private readonly access: AccessService,
  ) {}

  async listForBody(principal: Principal, bodyId: string, query: AuditQuery): Promise<Page<AuditEntry>> {
    this.access.requireOfficeStaff(principal, bodyId);
    return this.page({ bodyId }, query);
  }

  async listForAdministration(principal: Principal, query: AdminAuditQuery): Promise<Page<AuditEntry>> {
    this.access.requireSystemAdmin(principal);
    return this.page({ administration: true, bodyId: query.bodyId }, query);
  }

  private async page(scope: AuditScope, query: AuditQuery): Promise<Page<AuditEntry>> {
    const key = decodeCursor(query.cursor, 1);
    const filter: AuditFilter = {
      action: query.action,
      accountId: query.accountId,
      objectType: query.objectType,
      objectId: query.objectId,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
    };
    const rows = await this.trail.list(scope, filter, key ? String(key[0]) : null, query.limit);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      data: page.map((r) => ({
        id: r.id,
        at: iso(r.at),
        actor: r.account_id ? { id: r.account_id, displayName: r.display_name ?? '' } : null,
        bodyId: r.body_id,
        action: r.action,
        objectType: r.object_type,
        objectId: r.object_id,
        details: publicDetails(r.details),
      })),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.id]) : null,
    };
  }
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isoDate = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;
/** Named fields that may carry a non-id string, each with the only shape it may have. */
const textFields = new Map<string, RegExp>([
  ['email', /^[^\s@]{1,100}@[^\s@]{1,100}$/],
  ['address', /^([0-9a-f:.]{2,45}(::\/64)?|unknown)$/i],
  ['role', /^[a-z_]{1,40}$/],
  ['roles', /^[a-z_]{1,40}$/],
  ['reason', /^[a-z_]{1,40}$/],
  ['locale', /^[a-z]{2}$/],
]);

function safeScalar(key: string, value: unknown): boolean {
  if (value === null || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'string') return false;
  if (uuid.test(value) || isoDate.test(value)) return true;
  return textFields.get(key)?.test(value) ?? false;
}

/** Keeps ids, flags, numbers, dates and the named fields above; drops everything else, nested objects included. */
export function publicDetails(details: unknown): Record<string, unknown> {
  if (typeof details !== 'object' || details === null || Array.isArray(details)) return {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details as Record<string, unknown>)) {
    if (Array.isArray(value)) {
      if (value.length <= 100 && value.every((v) => safeScalar(key, v))) out[key] = value;
    } else if (safeScalar(key, value)) {
      out[key] = value;
    }
  }
  return out;
}
