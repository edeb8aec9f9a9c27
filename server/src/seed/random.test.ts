import { describe, expect, it } from 'vitest';
import { Random } from './random.js';

describe('Random', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const draw = (seed: number) =>
      Array.from(
        { length: 5 },
        (
          (r) => () =>
            r.next()
        )(new Random(seed)),
      );
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('keeps integers within both bounds and reaches each of them', () => {
    const rng = new Random(1);
    const seen = new Set(Array.from({ length: 2000 }, () => rng.int(3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('forks streams that do not depend on how much of the parent was used', () => {
    const a = new Random(42);
    const b = new Random(42);
    b.next();
    b.next();
    expect(a.fork('papers').next()).toBe(b.fork('papers').next());
    expect(a.fork('papers').next()).not.toBe(a.fork('persons').next());
  });

  it('samples without repetition', () => {
    const sample = new Random(3).sample([1, 2, 3, 4, 5, 6], 4);
    expect(new Set(sample).size).toBe(4);
  });
});
