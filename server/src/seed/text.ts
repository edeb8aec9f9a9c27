/** Formats euro amounts the German way: `125.400,00 €`. Hand-rolled so output never depends on ICU data. */
export function formatEuro(amount: number): string {
  const cents = Math.round(amount * 100);
  const euros = Math.floor(Math.abs(cents) / 100);
  const rest = String(Math.abs(cents) % 100).padStart(2, '0');
  const grouped = String(euros).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${cents < 0 ? '-' : ''}${grouped},${rest} €`;
}

/** Replaces `{name}` placeholders; an unknown placeholder is a bug in the vocabulary, so it throws. */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([a-z0-9_+-]+)\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`no value for placeholder {${key}} in "${template}"`);
    return value;
  });
}

export interface Votes {
  yes: number;
  no: number;
  abstain: number;
}

export function voteSummary(votes: Votes): string {
  const parts = [`${votes.yes} Ja`, `${votes.no} Nein`];
  if (votes.abstain > 0) parts.push(votes.abstain === 1 ? '1 Enthaltung' : `${votes.abstain} Enthaltungen`);
  return parts.join(', ');
}

/** "Der Verbandsgemeinderat" → "dem Verbandsgemeinderat" */
export function dative(nominative: string): string {
  return nominative.replace(/^Der /, 'dem ').replace(/^Die /, 'der ');
}

/** Round to a "quoted" amount: hundreds of euros, as in a cost estimate. */
export function roundAmount(amount: number): number {
  return amount < 5_000 ? Math.round(amount / 10) * 10 : Math.round(amount / 100) * 100;
}
