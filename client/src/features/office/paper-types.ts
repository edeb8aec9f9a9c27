/**
 * `paperTypes` and `consultationRoleSuggestions` of shared/schemas, restated: importing them would pull zod into the
 * office chunks. paper-types.test.ts checks both agree.
 */
export const paperTypes = ['Beschlussvorlage', 'Antrag', 'Anfrage', 'Mitteilung', 'Stellungnahme'] as const;
export type PaperTypeName = (typeof paperTypes)[number];

export const consultationRoles = ['Vorberatung', 'Entscheidung', 'Kenntnisnahme', 'Anhörung'] as const;

/**
 * Usual results of an agenda item, offered as suggestions (the field is free text). German in either UI language:
 * the result is council record, published as it is written.
 */
export const resultSuggestions = [
  'Beschlossen',
  'Einstimmig beschlossen',
  'Abgelehnt',
  'Vertagt',
  'Zur Kenntnis genommen',
  'Verwiesen',
] as const;

export function isPaperType(value: string): value is PaperTypeName {
  return (paperTypes as readonly string[]).includes(value);
}
