import { z } from 'zod';
import { locales } from '../api/errors.js';
import { pageQuerySchema, requiredText } from './common.js';
import { signInSchema } from './session.js';

/** Length only here (the client checks it as you type); the server also refuses common passwords and the e-mail. */
export const passwordSchema = z.string().min(12).max(500);

export const totpCodeSchema = z.string().regex(/^[0-9]{6}$/, 'six digits');

/** Sign-in; `totp` is sent on the second try, after the server answered `totp_required`. */
export const signInRequestSchema = signInSchema.extend({ totp: totpCodeSchema.optional() });
export type SignInRequest = z.infer<typeof signInRequestSchema>;

export const grantRoles = ['system_admin', 'office_staff'] as const;
export type GrantRole = (typeof grantRoles)[number];

export const grantInputSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('system_admin') }),
  z.object({ role: z.literal('office_staff'), bodyId: z.uuid() }),
]);
export type GrantInput = z.infer<typeof grantInputSchema>;

export const createAccountSchema = z
  .object({
    email: z.email().max(200),
    displayName: requiredText(200),
    locale: z.enum(locales).default('de'),
    grants: z.array(grantInputSchema).max(50).default([]),
    personIds: z.array(z.uuid()).max(50).default([]),
  })
  .refine((a) => a.grants.length > 0 || a.personIds.length > 0, {
    message: 'an account needs a role or at least one person',
    path: ['personIds'],
  });
export type CreateAccount = z.infer<typeof createAccountSchema>;

export const accountGrantSchema = z.object({ id: z.uuid(), role: z.enum(grantRoles), bodyId: z.uuid().nullable() });
export type AccountGrant = z.infer<typeof accountGrantSchema>;

export const accountPersonSchema = z.object({ id: z.uuid(), bodyId: z.uuid(), name: z.string() });

/**
 * An account as its managers see it. Office staff see only the grants and persons of their own bodies;
 * `manageable` says whether the caller may issue set-up links, deactivate or relink it.
 */
export const accountSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  locale: z.enum(locales),
  active: z.boolean(),
  passwordSet: z.boolean(),
  totpEnabled: z.boolean(),
  setupLinkPending: z.boolean(),
  grants: z.array(accountGrantSchema),
  persons: z.array(accountPersonSchema),
  manageable: z.boolean(),
  created: z.string(),
  modified: z.string(),
});
export type Account = z.infer<typeof accountSchema>;

export const accountListQuerySchema = pageQuerySchema.extend({ bodyId: z.uuid().optional() });
export type AccountListQuery = z.infer<typeof accountListQuerySchema>;

/** The URL carries the token in its fragment, so it never reaches a server log or a Referer header. */
export const setupLinkSchema = z.object({ setupUrl: z.url(), expires: z.string() });
export type SetupLink = z.infer<typeof setupLinkSchema>;

export const createdAccountSchema = z.object({ account: accountSchema, setupLink: setupLinkSchema });
export type CreatedAccount = z.infer<typeof createdAccountSchema>;

export const accountSetupSchema = z.object({ token: z.string().min(16).max(200), password: passwordSchema });
export type AccountSetup = z.infer<typeof accountSetupSchema>;

export const totpCodeInputSchema = z.object({ code: totpCodeSchema });
export type TotpCodeInput = z.infer<typeof totpCodeInputSchema>;

/** Returned once at enrolment; the secret is shown as text and as the otpauth URI (for a QR code). */
export const totpEnrolmentSchema = z.object({ secret: z.string(), otpauthUri: z.string() });
export type TotpEnrolment = z.infer<typeof totpEnrolmentSchema>;

/** A body's rule that its office staff must use a second factor. */
export const staffTotpRequirementSchema = z.object({ required: z.boolean() });
export type StaffTotpRequirement = z.infer<typeof staffTotpRequirementSchema>;

export const totpStatusSchema = z.object({
  enabled: z.boolean(),
  /** An enrolment was started and waits for its first code. */
  confirmationPending: z.boolean(),
  /** Bodies whose office staff this account is and that require a second factor. */
  requiredForBodyIds: z.array(z.uuid()),
  /** True while the staff rights of those bodies are dormant because no second factor is set up. */
  enrolmentRequired: z.boolean(),
});
export type TotpStatus = z.infer<typeof totpStatusSchema>;
