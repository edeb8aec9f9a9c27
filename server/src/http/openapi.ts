import {
  bodySchema,
  createAgendaItemSchema,
  createBodySchema,
  createMeetingSchema,
  createMembershipSchema,
  createOrganizationSchema,
  createPaperSchema,
  createPersonSchema,
  errorResponseSchema,
  meetingDetailSchema,
  meetingListQuerySchema,
  meetingSummarySchema,
  membershipSchema,
  endMembershipSchema,
  organizationListQuerySchema,
  organizationSchema,
  paperListQuerySchema,
  paperSchema,
  personListItemSchema,
  personListQuerySchema,
  personSchema,
  sessionInfoSchema,
  updateOrganizationSchema,
  accountListQuerySchema,
  accountSchema,
  accountSetupSchema,
  adminAuditQuerySchema,
  auditEntrySchema,
  auditQuerySchema,
  confirmFileVisibilitySchema,
  createAccountSchema,
  createdAccountSchema,
  fileSchema,
  fileUploadQuerySchema,
  grantInputSchema,
  setupLinkSchema,
  signInRequestSchema,
  staffTotpRequirementSchema,
  totpCodeInputSchema,
  totpEnrolmentSchema,
  totpStatusSchema,
} from '@ratsmappe/shared';
import { z } from 'zod';

/**
 * The app API described once, from the same zod schemas the routes validate with. A test compares this list with
 * the routes Hono actually has, so an undocumented endpoint fails CI.
 */
export interface ApiOperation {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete' | 'head';
  /** OpenAPI path template, e.g. `/api/meetings/{id}`. */
  path: string;
  tag: string;
  summary: string;
  /** Who may call it; 'public' needs no session. */
  access: 'public' | 'signed-in' | 'office-staff' | 'system-admin';
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Content type of a raw (non-JSON) request body, e.g. an uploaded PDF. */
  rawBody?: string;
  response?: z.ZodType;
  /** Status of the success answer; 204 means no body. */
  status?: 200 | 201 | 204;
  /** A non-JSON success answer, e.g. `application/pdf`. */
  responseContentType?: string;
}

const list = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });
const page = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), nextCursor: z.string().nullable() });

const operations: ApiOperation[] = [];

export function documentApi(...ops: ApiOperation[]): void {
  operations.push(...ops);
}

documentApi(
  {
    method: 'post',
    path: '/api/session',
    tag: 'Session',
    summary: 'Sign in (with `totp` when the account has a second factor)',
    access: 'public',
    body: signInRequestSchema,
    response: sessionInfoSchema,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/session',
    tag: 'Session',
    summary: 'The signed-in account and its roles',
    access: 'signed-in',
    response: sessionInfoSchema,
  },
  { method: 'delete', path: '/api/session', tag: 'Session', summary: 'Sign out', access: 'signed-in', status: 204 },
  {
    method: 'delete',
    path: '/api/session/all',
    tag: 'Session',
    summary: 'Sign out on every device',
    access: 'signed-in',
    status: 204,
  },
  {
    method: 'get',
    path: '/api/bodies',
    tag: 'Bodies',
    summary: 'All municipalities of this installation',
    access: 'public',
    response: list(bodySchema),
  },
  {
    method: 'post',
    path: '/api/bodies',
    tag: 'Bodies',
    summary: 'Create a municipality',
    access: 'system-admin',
    body: createBodySchema,
    response: bodySchema,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/bodies/{bodyRef}',
    tag: 'Bodies',
    summary: 'One municipality by slug or id',
    access: 'public',
    response: bodySchema,
  },
  {
    method: 'get',
    path: '/api/bodies/{bodyRef}/meetings',
    tag: 'Meetings',
    summary: 'Meeting calendar of a municipality (keyset paged)',
    access: 'public',
    query: meetingListQuerySchema,
    response: page(meetingSummarySchema),
  },
  {
    method: 'post',
    path: '/api/bodies/{bodyRef}/meetings',
    tag: 'Meetings',
    summary: 'Create a meeting',
    access: 'office-staff',
    body: createMeetingSchema,
    response: meetingSummarySchema,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/meetings/{id}',
    tag: 'Meetings',
    summary: 'A meeting with its agenda as the caller may see it',
    access: 'public',
    response: meetingDetailSchema,
  },
  {
    method: 'delete',
    path: '/api/meetings/{id}',
    tag: 'Meetings',
    summary: 'Delete a meeting (soft)',
    access: 'office-staff',
    status: 204,
  },
  {
    method: 'post',
    path: '/api/meetings/{id}/agenda-items',
    tag: 'Meetings',
    summary: 'Add an agenda item (a supplement after the invitation)',
    access: 'office-staff',
    body: createAgendaItemSchema,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/bodies/{bodyRef}/organizations',
    tag: 'Master data',
    summary: 'Councils, committees and factions (by kind and words of the name)',
    access: 'public',
    query: organizationListQuerySchema,
    response: list(organizationSchema),
  },
  {
    method: 'post',
    path: '/api/bodies/{bodyRef}/organizations',
    tag: 'Master data',
    summary: 'Create an organization',
    access: 'office-staff',
    body: createOrganizationSchema,
    response: organizationSchema,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/organizations/{id}',
    tag: 'Master data',
    summary: 'One organization (a tombstone when deleted)',
    access: 'public',
    response: organizationSchema,
  },
  {
    method: 'patch',
    path: '/api/organizations/{id}',
    tag: 'Master data',
    summary: 'Change an organization',
    access: 'office-staff',
    body: updateOrganizationSchema,
    response: organizationSchema,
  },
  {
    method: 'delete',
    path: '/api/organizations/{id}',
    tag: 'Master data',
    summary: 'Delete an organization (soft)',
    access: 'office-staff',
    status: 204,
  },
  {
    method: 'get',
    path: '/api/bodies/{bodyRef}/persons',
    tag: 'Master data',
    summary: 'Persons (public fields only) with their current faction, by words of the name and faction',
    access: 'public',
    query: personListQuerySchema,
    response: list(personListItemSchema),
  },
  {
    method: 'post',
    path: '/api/bodies/{bodyRef}/persons',
    tag: 'Master data',
    summary: 'Create a person',
    access: 'office-staff',
    body: createPersonSchema,
    response: personSchema,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/persons/{id}',
    tag: 'Master data',
    summary: 'A person with memberships',
    access: 'public',
    response: personSchema.extend({ memberships: z.array(membershipSchema) }),
  },
  {
    method: 'delete',
    path: '/api/persons/{id}',
    tag: 'Master data',
    summary: 'Delete a person (soft)',
    access: 'office-staff',
    status: 204,
  },
  {
    method: 'post',
    path: '/api/bodies/{bodyRef}/memberships',
    tag: 'Master data',
    summary: 'Add a membership',
    access: 'office-staff',
    body: createMembershipSchema,
    response: membershipSchema,
    status: 201,
  },
  {
    method: 'post',
    path: '/api/memberships/{id}/end',
    tag: 'Master data',
    summary: 'End a membership on a date (ends access to non-public content)',
    access: 'office-staff',
    body: endMembershipSchema,
    response: membershipSchema,
  },
  {
    method: 'delete',
    path: '/api/memberships/{id}',
    tag: 'Master data',
    summary: 'Delete a membership entered by mistake (soft)',
    access: 'office-staff',
    status: 204,
  },
  {
    method: 'get',
    path: '/api/bodies/{bodyRef}/papers',
    tag: 'Papers',
    summary:
      'The office’s list of the body’s papers, non-public ones included (search by reference or title, filter by type, year, public; keyset paged, newest first)',
    access: 'office-staff',
    query: paperListQuerySchema,
    response: page(paperSchema),
  },
  {
    method: 'post',
    path: '/api/bodies/{bodyRef}/papers',
    tag: 'Papers',
    summary: 'Create a paper',
    access: 'office-staff',
    body: createPaperSchema,
    response: paperSchema,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/papers/{id}',
    tag: 'Papers',
    summary: 'A paper, if the caller may read it (404 otherwise)',
    access: 'public',
    response: paperSchema.extend({ bodyText: z.string().nullable() }),
  },
  {
    method: 'delete',
    path: '/api/papers/{id}',
    tag: 'Papers',
    summary: 'Delete a paper (soft)',
    access: 'office-staff',
    status: 204,
  },
  {
    method: 'get',
    path: '/api/bodies/{bodyRef}/changes',
    tag: 'Change log',
    summary: 'The body’s change log after a sequence number',
    access: 'office-staff',
    query: z.object({ after: z.string().optional(), limit: z.coerce.number().optional() }),
  },
  { method: 'get', path: '/api/openapi.json', tag: 'Meta', summary: 'This document', access: 'public' },
  {
    method: 'get',
    path: '/api/session/totp',
    tag: 'Session',
    summary: 'Second factor: enrolled, required?',
    access: 'signed-in',
    response: totpStatusSchema,
  },
  {
    method: 'post',
    path: '/api/session/totp/enrol',
    tag: 'Session',
    summary: 'Start TOTP enrolment',
    access: 'signed-in',
    response: totpEnrolmentSchema,
    status: 201,
  },
  {
    method: 'post',
    path: '/api/session/totp/confirm',
    tag: 'Session',
    summary: 'Confirm TOTP enrolment with a code',
    access: 'signed-in',
    body: totpCodeInputSchema,
    status: 204,
  },
  {
    method: 'post',
    path: '/api/session/totp/disable',
    tag: 'Session',
    summary: 'Remove the second factor (needs a current code)',
    access: 'signed-in',
    body: totpCodeInputSchema,
    status: 204,
  },
  {
    method: 'get',
    path: '/api/accounts',
    tag: 'Accounts',
    summary: 'Accounts the caller may manage or see',
    access: 'office-staff',
    query: accountListQuerySchema,
    response: z.object({ data: z.array(accountSchema), nextCursor: z.string().nullable() }),
  },
  {
    method: 'post',
    path: '/api/accounts',
    tag: 'Accounts',
    summary: 'Create an account; answers a one-time set-up link (no password)',
    access: 'office-staff',
    body: createAccountSchema,
    response: createdAccountSchema,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/accounts/{id}',
    tag: 'Accounts',
    summary: 'One account',
    access: 'office-staff',
    response: accountSchema,
  },
  {
    method: 'post',
    path: '/api/accounts/{id}/setup-link',
    tag: 'Accounts',
    summary: 'Issue a new set-up link (voids older ones)',
    access: 'office-staff',
    response: setupLinkSchema,
    status: 201,
  },
  {
    method: 'post',
    path: '/api/accounts/{id}/deactivate',
    tag: 'Accounts',
    summary: 'Deactivate (ends all sessions at once)',
    access: 'office-staff',
    response: accountSchema,
  },
  {
    method: 'post',
    path: '/api/accounts/{id}/reactivate',
    tag: 'Accounts',
    summary: 'Reactivate',
    access: 'office-staff',
    response: accountSchema,
  },
  {
    method: 'put',
    path: '/api/accounts/{id}/persons/{personId}',
    tag: 'Accounts',
    summary: 'Link a person (one login for all mandates)',
    access: 'office-staff',
    response: accountSchema,
  },
  {
    method: 'delete',
    path: '/api/accounts/{id}/persons/{personId}',
    tag: 'Accounts',
    summary: 'Unlink a person',
    access: 'office-staff',
    response: accountSchema,
  },
  {
    method: 'post',
    path: '/api/accounts/{id}/grants',
    tag: 'Accounts',
    summary: 'Grant a role',
    access: 'system-admin',
    body: grantInputSchema,
    response: accountSchema,
    status: 201,
  },
  {
    method: 'delete',
    path: '/api/accounts/{id}/grants/{grantId}',
    tag: 'Accounts',
    summary: 'Revoke a role',
    access: 'system-admin',
    response: accountSchema,
  },
  {
    method: 'delete',
    path: '/api/accounts/{id}/totp',
    tag: 'Accounts',
    summary: 'Remove a lost second factor',
    access: 'system-admin',
    response: accountSchema,
  },
  {
    method: 'get',
    path: '/api/bodies/{bodyRef}/staff-totp-requirement',
    tag: 'Accounts',
    summary: 'Whether office staff must use a second factor',
    access: 'office-staff',
    response: staffTotpRequirementSchema,
  },
  {
    method: 'put',
    path: '/api/bodies/{bodyRef}/staff-totp-requirement',
    tag: 'Accounts',
    summary: 'Require a second factor for office staff',
    access: 'office-staff',
    body: staffTotpRequirementSchema,
    response: staffTotpRequirementSchema,
  },
  {
    method: 'post',
    path: '/api/account-setup',
    tag: 'Accounts',
    summary: 'Set the password with a one-time set-up link token',
    access: 'public',
    body: accountSetupSchema,
    status: 204,
  },
  {
    method: 'get',
    path: '/api/bodies/{bodyRef}/audit',
    tag: 'Audit',
    summary: 'The body’s audit trail (office staff)',
    access: 'office-staff',
    query: auditQuerySchema,
    response: z.object({ data: z.array(auditEntrySchema), nextCursor: z.string().nullable() }),
  },
  {
    method: 'get',
    path: '/api/audit',
    tag: 'Audit',
    summary: 'Account and body changes (system admins)',
    access: 'system-admin',
    query: adminAuditQuerySchema,
    response: z.object({ data: z.array(auditEntrySchema), nextCursor: z.string().nullable() }),
  },
  ...(['meetings', 'agenda-items', 'papers'] as const).flatMap((owner): ApiOperation[] => [
    {
      method: 'post',
      path: `/api/${owner}/{id}/files`,
      tag: 'Files',
      summary: 'Upload one PDF (raw body; file name in X-File-Name); streamed, checked, stored once per content',
      access: 'office-staff',
      query: fileUploadQuerySchema,
      rawBody: 'application/pdf',
      response: fileSchema,
      status: 201,
    },
    {
      method: 'get',
      path: `/api/${owner}/{id}/files`,
      tag: 'Files',
      summary: 'Files the caller may read',
      access: 'public',
      response: z.object({ data: z.array(fileSchema) }),
    },
  ]),
  {
    method: 'get',
    path: '/api/files/{id}',
    tag: 'Files',
    summary: 'A file with its version history',
    access: 'public',
    response: fileSchema,
  },
  {
    method: 'post',
    path: '/api/files/{id}/versions',
    tag: 'Files',
    summary: 'Upload a new version (older versions stay)',
    access: 'office-staff',
    rawBody: 'application/pdf',
    response: fileSchema,
    status: 201,
  },
  {
    method: 'post',
    path: '/api/files/{id}/confirm-visibility',
    tag: 'Files',
    summary: 'Confirm whether a file is public (audited)',
    access: 'office-staff',
    body: confirmFileVisibilitySchema,
    response: fileSchema,
  },
  {
    method: 'delete',
    path: '/api/files/{id}',
    tag: 'Files',
    summary: 'Withdraw a file (soft)',
    access: 'office-staff',
    status: 204,
  },
  {
    method: 'get',
    path: '/api/blobs/{sha256}',
    tag: 'Files',
    summary:
      'Content by sha256 with ETag, Range, If-Range (tablet sync; with header x-ratsmappe-device, 410 once revoked)',
    access: 'public',
    responseContentType: 'application/pdf',
  },
);

export function documentedOperations(): readonly ApiOperation[] {
  return operations;
}

const jsonSchema = (schema: z.ZodType) => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return rest;
};

export function buildOpenApiDocument(publicUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const parameters = [
      ...[...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...Object.entries(op.query ? (jsonSchema(op.query).properties as Record<string, unknown>) : {}).map(
        ([name, schema]) => ({ name, in: 'query', required: false, schema }),
      ),
    ];
    const status = op.status ?? 200;
    const responses: Record<string, unknown> = {
      [status]: {
        description: status === 204 ? 'Done' : 'Success',
        ...(op.response ? { content: { 'application/json': { schema: jsonSchema(op.response) } } } : {}),
        ...(op.responseContentType ? { content: { [op.responseContentType]: {} } } : {}),
      },
      '4XX': {
        description: 'Error with a localized message (Accept-Language: de or en)',
        content: { 'application/json': { schema: jsonSchema(errorResponseSchema) } },
      },
    };
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      tags: [op.tag],
      summary: op.summary,
      description: `Access: ${op.access}.`,
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(op.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body) } } } }
        : {}),
      ...(op.rawBody ? { requestBody: { required: true, content: { [op.rawBody]: {} } } } : {}),
      ...(op.access === 'public' ? {} : { security: [{ session: [] }] }),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Ratsmappe API',
      version: '0.1.0',
      description:
        'App API of Ratsmappe. Writes need a session cookie and an Origin header of this installation. ' +
        'Non-public content is answered only to those allowed to read it; everything else answers 404.',
    },
    servers: [{ url: publicUrl }],
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: '__Host-ratsmappe-session' } },
    },
    paths,
  };
}
