/** Council business runs on German civil time; "today" and calendar days are Europe/Berlin days. */
export const councilTimeZone = 'Europe/Berlin';

const dateFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: councilTimeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Europe/Berlin calendar date of an instant, as `yyyy-mm-dd`. */
export function berlinDate(instant: Date): string {
  return dateFormatter.format(instant);
}

const offsetFormatter = new Intl.DateTimeFormat('en-US', {
  timeZone: councilTimeZone,
  timeZoneName: 'longOffset',
});

/** The UTC offset of Europe/Berlin at an instant, as `+01:00` or `+02:00`. */
export function berlinOffset(instant: Date): string {
  const part = offsetFormatter.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT+01:00';
  const offset = part.replace('GMT', '');
  return offset === '' ? '+00:00' : offset;
}

// Built once: constructing an Intl.DateTimeFormat per call dominated OParl serialisation in profiles.
const dateTimeFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: councilTimeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `yyyy-mm-ddThh:mm:ss±hh:mm` in Europe/Berlin: no fractions, no `Z` (the OParl date-time format). */
export function berlinDateTime(instant: Date): string {
  const parts = dateTimeFormatter.formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}${berlinOffset(instant)}`;
}

/** The instant of a Berlin wall-clock time, e.g. `berlinInstant('2026-03-29', '18:00')`, DST handled. */
export function berlinInstant(date: string, time: string): Date {
  const guess = new Date(`${date}T${time}:00Z`);
  // Two passes converge across DST changes: the offset at the guess, then at the corrected instant.
  let instant = new Date(guess.getTime() - offsetMinutes(guess) * 60_000);
  instant = new Date(guess.getTime() - offsetMinutes(instant) * 60_000);
  return instant;
}

function offsetMinutes(instant: Date): number {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(berlinOffset(instant));
  if (!match) return 0;
  const sign = match[1] === '-' ? -1 : 1;
  return sign * (Number(match[2]) * 60 + Number(match[3]));
}
