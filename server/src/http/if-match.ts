import { agendaVersionSchema } from '@ratsmappe/shared';
import type { Context } from 'hono';
import { DomainError } from '../errors.js';

/**
 * The version a write is based on: the body's `version`, else the `If-Match` header. Versions are edit counters
 * (decimal strings), so the entity tag is that string; quotes and a weak prefix are tolerated, `*` means "any".
 */
export function baseVersion(c: Context, bodyVersion: string | undefined): string | undefined {
  if (bodyVersion !== undefined) return bodyVersion;
  const header = c.req.header('if-match')?.trim();
  if (!header || header === '*') return undefined;
  const version = header.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
  if (!agendaVersionSchema.safeParse(version).success) {
    throw new DomainError('validation_failed', 'malformed If-Match', [
      { path: 'If-Match', message: 'expected the version of the last answer (its ETag)' },
    ]);
  }
  return version;
}

/** The entity tag of a version, for the `ETag` header of an answer. */
export function versionTag(version: string): string {
  return `"${version}"`;
}
