import { describe, expect, it } from 'vitest';
import { slugSchema } from './common.js';

describe('slugSchema', () => {
  it('accepts lower-case hyphenated slugs', () => {
    expect(slugSchema.safeParse('vg-lindenau').success).toBe(true);
  });

  it.each(['api', 'oparl', 'files', 'Lindenau', 'a', 'lindenau-', 'lin--denau', 'über'])('rejects %s', (slug) => {
    expect(slugSchema.safeParse(slug).success).toBe(false);
  });
});
