import { fieldIssueTexts, isFieldIssueKey, type FieldIssue, type Locale } from '@ratsmappe/shared';
import type { Context } from 'hono';
import { z } from 'zod';
import { DomainError } from '../errors.js';
import type { AppEnv } from './app-env.js';

export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.') || '(root)', message: issue.message }));
}

const zodLocales = { de: z.locales.de(), en: z.locales.en() };

/**
 * Field issues in the request's language: the checks forms meet every day (missing, too long, not a date, not an
 * e-mail address, a refinement naming its `issue`) in the words of shared/src/api/field-issues.ts, the rest in zod's
 * own German or English. A message a schema sets itself still wins.
 */
export function localizedIssues(locale: Locale): z.core.$ZodErrorMap {
  const texts = fieldIssueTexts[locale];
  return (issue) => {
    switch (issue.code) {
      case 'custom': {
        const key: unknown = issue.params?.issue;
        if (isFieldIssueKey(key)) return texts[key];
        break;
      }
      case 'invalid_type':
        if (issue.input === undefined || issue.input === null) return texts.required;
        break;
      case 'too_small':
        if (issue.origin === 'string' && Number(issue.minimum) === 1) return texts.required;
        break;
      case 'too_big':
        if (issue.origin === 'string') return texts.tooLong(Number(issue.maximum));
        break;
      case 'invalid_format':
        if (issue.format === 'date') return texts.invalidDate;
        if (issue.format === 'email') return texts.invalidEmail;
        break;
      case 'invalid_value':
        return texts.invalidChoice;
    }
    return zodLocales[locale].localeError?.(issue);
  };
}

export function parseWith<S extends z.ZodType>(schema: S, data: unknown, locale: Locale = 'de'): z.output<S> {
  const result = schema.safeParse(data, { error: localizedIssues(locale) });
  if (!result.success) throw new DomainError('validation_failed', undefined, toFieldIssues(result.error));
  return result.data;
}

/** Reads a JSON body and validates it; malformed JSON is a 400, not a 500. */
export async function jsonBody<S extends z.ZodType>(c: Context<AppEnv>, schema: S): Promise<z.output<S>> {
  let data: unknown;
  try {
    data = await c.req.json();
  } catch {
    throw new DomainError('bad_request', 'body is not valid JSON');
  }
  return parseWith(schema, data, c.get('locale'));
}

export function queryOf<S extends z.ZodType>(c: Context<AppEnv>, schema: S): z.output<S> {
  return parseWith(schema, c.req.query(), c.get('locale'));
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that is not a uuid cannot name anything: answer 404 like any unknown id (no existence oracle). */
export function pathId(c: Context, name: string): string {
  const value = c.req.param(name) ?? '';
  if (!uuidPattern.test(value)) throw new DomainError('not_found');
  return value.toLowerCase();
}
