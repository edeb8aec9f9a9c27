import { z } from 'zod';
import { isoDateTimeSchema, pageQuerySchema } from './common.js';

/** `action` matches exactly, or as a prefix when it ends in `.*` (`account.*`). */
export const auditQuerySchema = pageQuerySchema.extend({
  action: z
    .string()
    .max(100)
    .regex(/^[a-z_]+(\.[a-z_]+)*(\.\*)?$/)
    .optional(),
  accountId: z.uuid().optional(),
  objectType: z
    .string()
    .max(50)
    .regex(/^[a-z_]+$/)
    .optional(),
  objectId: z.uuid().optional(),
  from: isoDateTimeSchema.optional(),
  to: isoDateTimeSchema.optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** The system admins' trail may be narrowed to one body's account and body changes. */
export const adminAuditQuerySchema = auditQuerySchema.extend({ bodyId: z.uuid().optional() });
export type AdminAuditQuery = z.infer<typeof adminAuditQuerySchema>;

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  /** Who did it (for sign-in events: the account concerned); null for anonymous or unknown actors. */
  actor: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  bodyId: z.uuid().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.uuid().nullable(),
  /** Ids, flags, numbers, dates and a few named fields only: free text never leaves through this API. */
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
