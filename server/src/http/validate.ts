import type { FieldIssue } from '@ratsmappe/shared';
import type { Context } from 'hono';
import type { z } from 'zod';
import { DomainError } from '../errors.js';

export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.') || '(root)', message: issue.message }));
}

export function parseWith<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success) throw new DomainError('validation_failed', undefined, toFieldIssues(result.error));
  return result.data;
}

/** Reads a JSON body and validates it; malformed JSON is a 400, not a 500. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let data: unknown;
  try {
    data = await c.req.json();
  } catch {
    throw new DomainError('bad_request', 'body is not valid JSON');
  }
  return parseWith(schema, data);
}

export function queryOf<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return parseWith(schema, c.req.query());
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that is not a uuid cannot name anything: answer 404 like any unknown id (no existence oracle). */
export function pathId(c: Context, name: string): string {
  const value = c.req.param(name) ?? '';
  if (!uuidPattern.test(value)) throw new DomainError('not_found');
  return value.toLowerCase();
}
