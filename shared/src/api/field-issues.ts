import type { Locale } from './errors.js';

/**
 * Wording of field issues (the `issues` of a 400 or 409), German first. The server words zod's common checks and
 * its own reference checks with these; the office forms use the same words for what they check before sending.
 * No zod here: the office chunk imports this file directly.
 */
export interface FieldIssueTexts {
  required: string;
  tooLong: (max: number) => string;
  invalidDate: string;
  invalidEmail: string;
  invalidChoice: string;
  invalid: string;
  endBeforeStart: string;
  unknownPerson: string;
  unknownOrganization: string;
  unknownLegislativeTerm: string;
  notAFaction: string;
  deleted: string;
  legislativeTermInUse: (organizations: number) => string;
  locationInUse: (uses: number) => string;
}

/** Issues a zod refinement can name through `params: { issue }` (messages without a number in them). */
export const fieldIssueKeys = [
  'required',
  'invalidDate',
  'invalidEmail',
  'invalidChoice',
  'invalid',
  'endBeforeStart',
  'unknownPerson',
  'unknownOrganization',
  'unknownLegislativeTerm',
  'notAFaction',
  'deleted',
] as const;
export type FieldIssueKey = (typeof fieldIssueKeys)[number];

export const fieldIssueTexts: Record<Locale, FieldIssueTexts> = {
  de: {
    required: 'Bitte ausfüllen.',
    tooLong: (max) => `Höchstens ${max} Zeichen.`,
    invalidDate: 'Bitte ein gültiges Datum angeben.',
    invalidEmail: 'Bitte eine gültige E-Mail-Adresse angeben, z. B. name@example.org.',
    invalidChoice: 'Bitte einen der angebotenen Werte wählen.',
    invalid: 'Diese Angabe ist ungültig.',
    endBeforeStart: 'Das Ende darf nicht vor dem Beginn liegen.',
    unknownPerson: 'Diese Person gibt es in dieser Körperschaft nicht (mehr).',
    unknownOrganization: 'Dieses Gremium gibt es in dieser Körperschaft nicht (mehr).',
    unknownLegislativeTerm: 'Diese Wahlperiode gibt es in dieser Körperschaft nicht (mehr).',
    notAFaction: 'Hier kann nur eine Fraktion dieser Körperschaft stehen.',
    deleted: 'Der Datensatz ist gelöscht und kann nicht mehr geändert werden.',
    legislativeTermInUse: (n) =>
      `Die Wahlperiode ist noch ${n === 1 ? 'einem Gremium' : `${n} Gremien`} zugeordnet. Bitte ändern Sie zuerst ${n === 1 ? 'dieses' : 'diese'}.`,
    locationInUse: (n) =>
      `Der Ort wird noch ${n === 1 ? 'einmal' : `${n}-mal`} verwendet (Sitzungen, Gremien, Personen). Bitte ändern Sie zuerst diese Angaben.`,
  },
  en: {
    required: 'Please fill in.',
    tooLong: (max) => `At most ${max} characters.`,
    invalidDate: 'Please enter a valid date.',
    invalidEmail: 'Please enter a valid e-mail address, e.g. name@example.org.',
    invalidChoice: 'Please choose one of the offered values.',
    invalid: 'This value is not valid.',
    endBeforeStart: 'The end must not be before the start.',
    unknownPerson: 'This person does not exist (any more) in this body.',
    unknownOrganization: 'This organization does not exist (any more) in this body.',
    unknownLegislativeTerm: 'This legislative term does not exist (any more) in this body.',
    notAFaction: 'Only a faction of this body can be named here.',
    deleted: 'The record is deleted and can no longer be changed.',
    legislativeTermInUse: (n) =>
      `The legislative term is still assigned to ${n === 1 ? 'one organization' : `${n} organizations`}. Please change ${n === 1 ? 'it' : 'them'} first.`,
    locationInUse: (n) =>
      `The location is still in use ${n === 1 ? 'once' : `${n} times`} (meetings, organizations, persons). Please change those first.`,
  },
};

export function isFieldIssueKey(value: unknown): value is FieldIssueKey {
  return typeof value === 'string' && (fieldIssueKeys as readonly string[]).includes(value);
}
