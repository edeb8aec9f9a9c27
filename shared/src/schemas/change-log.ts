import { z } from 'zod';

export const changeLogEntrySchema = z.object({
  seq: z.string(),
  entity: z.string(),
  entityId: z.uuid(),
  op: z.enum(['upsert', 'delete']),
  at: z.string(),
});
export type ChangeLogEntry = z.infer<typeof changeLogEntrySchema>;
