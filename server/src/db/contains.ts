import { sql, type RawBuilder } from 'kysely';

/** `ILIKE` patterns for the words of a search box: each word somewhere in the text, wildcards taken literally. */
export function wordPatterns(q: string | undefined): string[] {
  if (!q) return [];
  return q
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 8)
    .map((word) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}

/** True when every pattern matches one of the columns (null columns match nothing). */
export function allWordsIn(columns: readonly string[], patterns: readonly string[]): RawBuilder<boolean> {
  const haystack = sql.join(
    columns.map((c) => sql`coalesce(${sql.ref(c)}, '')`),
    sql` || ' ' || `,
  );
  return sql<boolean>`(${sql.join(
    patterns.map((p) => sql`${haystack} ilike ${p}`),
    sql` and `,
  )})`;
}
