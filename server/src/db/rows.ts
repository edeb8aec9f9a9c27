/** ISO 8601 (UTC) for the app API; OParl formats its own dates with Berlin offsets. */
export function iso(value: Date): string {
  return value.toISOString();
}

export function isoOrNull(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}
