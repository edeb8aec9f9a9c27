import { describe, expect, it } from 'vitest';
import { numberAgenda } from './agenda-numbering.js';

describe('numberAgenda', () => {
  it('numbers the public part before the non-public part and sub-items under their parent', () => {
    const numbered = numberAgenda([
      { id: 'n1', parentId: null, public: false, position: 0 },
      { id: 'o1', parentId: null, public: true, position: 1 },
      { id: 'o2', parentId: null, public: true, position: 2 },
      { id: 'o2a', parentId: 'o2', public: true, position: 5 },
      { id: 'n2', parentId: null, public: false, position: 3 },
      { id: 'o2b', parentId: 'o2', public: true, position: 6 },
    ]);
    expect(numbered.map((n) => `${n.position}:${n.id}=${n.number}`)).toEqual([
      '0:o1=Ö 1',
      '1:o2=Ö 2',
      '2:o2a=Ö 2.1',
      '3:o2b=Ö 2.2',
      '4:n1=N 1',
      '5:n2=N 2',
    ]);
  });

  it('returns an empty agenda for no items', () => {
    expect(numberAgenda([])).toEqual([]);
  });
});
