import { z } from 'zod';

export const signInSchema = z.object({
  email: z.email().max(200),
  password: z.string().min(1).max(500),
});
export type SignIn = z.infer<typeof signInSchema>;

export const sessionInfoSchema = z.object({
  account: z.object({ id: z.uuid(), email: z.string(), displayName: z.string(), locale: z.enum(['de', 'en']) }),
  systemAdmin: z.boolean(),
  officeStaffBodyIds: z.array(z.uuid()),
  personIds: z.array(z.uuid()),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;
