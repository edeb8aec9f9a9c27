import { fieldIssueTexts, type FieldIssueTexts } from '@ratsmappe/shared/api/field-issues';
import type { Locale } from '../../../i18n/locale';

/**
 * What the office forms check before sending, in the words the server uses for the same checks
 * (shared/src/api/field-issues.ts), so a message reads the same whichever side found the problem. The server checks
 * everything again; its field issues are shown the same way.
 */
export type FieldErrors<F extends string> = Partial<Record<F, string>>;

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
// The shape zod's e-mail check accepts in practice; the server decides.
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function isDate(value: string): boolean {
  if (!datePattern.test(value)) return false;
  const date = new Date(`${value}T12:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

class Checker<F extends string> {
  readonly errors: FieldErrors<F> = {};
  constructor(readonly texts: FieldIssueTexts) {}

  private set(field: F, message: string) {
    this.errors[field] ??= message;
  }

  required(field: F, value: string, max: number) {
    if (value.trim() === '') this.set(field, this.texts.required);
    else this.optional(field, value, max);
  }

  optional(field: F, value: string, max: number) {
    if (value.trim().length > max) this.set(field, this.texts.tooLong(max));
  }

  date(field: F, value: string, required: boolean) {
    if (value === '') {
      if (required) this.set(field, this.texts.required);
    } else if (!isDate(value)) {
      this.set(field, this.texts.invalidDate);
    }
  }

  /** End not before start, on the end field (as the server names it). */
  order(startField: F, start: string, endField: F, end: string) {
    if (isDate(start) && isDate(end) && end < start) this.set(endField, this.texts.endBeforeStart);
  }

  email(field: F, value: string, max: number) {
    if (value.trim() === '') return;
    if (value.trim().length > max) this.set(field, this.texts.tooLong(max));
    else if (!emailPattern.test(value.trim())) this.set(field, this.texts.invalidEmail);
  }

  custom(field: F, failed: boolean, message: string) {
    if (failed) this.set(field, message);
  }
}

const checker = <F extends string>(locale: Locale) => new Checker<F>(fieldIssueTexts[locale]);

export interface TermValues {
  name: string;
  startDate: string;
  endDate: string;
}
export type TermField = keyof TermValues;

export function validateTerm(values: TermValues, locale: Locale): FieldErrors<TermField> {
  const c = checker<TermField>(locale);
  c.required('name', values.name, 200);
  c.date('startDate', values.startDate, true);
  c.date('endDate', values.endDate, false);
  c.order('startDate', values.startDate, 'endDate', values.endDate);
  return c.errors;
}

export interface OrganizationValues {
  kind: string;
  name: string;
  shortName: string;
  classification: string;
  legislativeTermId: string;
  startDate: string;
  endDate: string;
}
export type OrganizationField = keyof OrganizationValues;

export function validateOrganization(values: OrganizationValues, locale: Locale): FieldErrors<OrganizationField> {
  const c = checker<OrganizationField>(locale);
  c.custom('kind', values.kind === '', c.texts.required);
  c.required('name', values.name, 200);
  c.optional('shortName', values.shortName, 50);
  c.optional('classification', values.classification, 100);
  c.date('startDate', values.startDate, false);
  c.date('endDate', values.endDate, false);
  c.order('startDate', values.startDate, 'endDate', values.endDate);
  return c.errors;
}

export interface PersonValues {
  formOfAddress: string;
  title: string;
  givenName: string;
  familyName: string;
  email: string;
  phone: string;
  contactPublic: boolean;
}
export type PersonField = Exclude<keyof PersonValues, 'contactPublic'>;

/** Titles are typed as one line, "Dr., Prof."; the API takes them as a list. */
export function splitTitles(text: string): string[] {
  return text
    .split(',')
    .map((title) => title.trim())
    .filter(Boolean);
}

export function validatePerson(values: PersonValues, locale: Locale, tooManyTitles: string): FieldErrors<PersonField> {
  const c = checker<PersonField>(locale);
  c.optional('formOfAddress', values.formOfAddress, 50);
  const titles = splitTitles(values.title);
  c.custom('title', titles.length > 5, tooManyTitles);
  const longTitle = titles.find((title) => title.length > 50);
  c.custom('title', longTitle !== undefined, c.texts.tooLong(50));
  c.required('givenName', values.givenName, 100);
  c.required('familyName', values.familyName, 100);
  c.email('email', values.email, 200);
  c.optional('phone', values.phone, 50);
  return c.errors;
}

export interface MembershipValues {
  personId: string;
  organizationId: string;
  role: string;
  deputy: boolean;
  votingRight: boolean;
  startDate: string;
  endDate: string;
  onBehalfOf: string;
}
export type MembershipField = 'personId' | 'organizationId' | 'role' | 'startDate' | 'endDate' | 'onBehalfOf';

export function validateMembership(values: MembershipValues, locale: Locale): FieldErrors<MembershipField> {
  const c = checker<MembershipField>(locale);
  c.custom('personId', values.personId === '', c.texts.required);
  c.custom('organizationId', values.organizationId === '', c.texts.required);
  c.optional('role', values.role, 100);
  c.date('startDate', values.startDate, true);
  c.date('endDate', values.endDate, false);
  c.order('startDate', values.startDate, 'endDate', values.endDate);
  return c.errors;
}

/** Ending a membership: a date, not before its start. */
export function validateEnd(endDate: string, startDate: string, locale: Locale): FieldErrors<'endDate'> {
  const c = checker<'endDate'>(locale);
  c.date('endDate', endDate, true);
  c.custom('endDate', isDate(endDate) && endDate < startDate, c.texts.endBeforeStart);
  return c.errors;
}

export interface LocationValues {
  description: string;
  room: string;
  streetAddress: string;
  postalCode: string;
  locality: string;
  subLocality: string;
}
export type LocationField = keyof LocationValues;

export function validateLocation(values: LocationValues, locale: Locale): FieldErrors<LocationField> {
  const c = checker<LocationField>(locale);
  c.required('description', values.description, 300);
  c.optional('room', values.room, 100);
  c.optional('streetAddress', values.streetAddress, 200);
  c.optional('postalCode', values.postalCode, 10);
  c.optional('locality', values.locality, 100);
  c.optional('subLocality', values.subLocality, 100);
  return c.errors;
}

/** Empty text fields go out as null: the API treats "" and null alike, and null says "none" plainly. */
export const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());
