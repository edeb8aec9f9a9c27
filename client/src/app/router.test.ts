import { describe, expect, it } from 'vitest';
import { matchRoute } from './router';

describe('matchRoute', () => {
  it('maps the root to the list of bodies and one slug segment to a body', () => {
    expect(matchRoute('/')).toEqual({ name: 'bodies' });
    expect(matchRoute('/musterstadt')).toEqual({ name: 'body', slug: 'musterstadt' });
    expect(matchRoute('/vg-musterland/')).toEqual({ name: 'body', slug: 'vg-musterland' });
  });

  it('treats anything that is not a slug as not found', () => {
    expect(matchRoute('/Musterstadt')).toEqual({ name: 'not-found' });
    expect(matchRoute('/a/b')).toEqual({ name: 'not-found' });
    expect(matchRoute('/-x')).toEqual({ name: 'not-found' });
  });
});
