import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MinTree } from './min-tree';

describe('MinTree', () => {
  it('finds the first position at or after p with a value ≤ x, as a scan would', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 70 }),
        fc.array(
          fc.tuple(
            fc.nat(69),
            fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), fc.constant(Infinity))
          ),
          { maxLength: 120 }
        ),
        fc.array(fc.tuple(fc.nat(75), fc.double({ min: 0, max: 100, noNaN: true })), {
          maxLength: 30
        }),
        (length, updates, queries) => {
          const tree = new MinTree(length);
          const values = new Array<number>(length).fill(Infinity);
          for (const [p, v] of updates) {
            if (p >= length) continue;
            tree.set(p, v);
            values[p] = v;
          }
          for (const [from, x] of queries) {
            let expected = -1;
            for (let p = from; p < length; p++)
              if (values[p]! <= x) {
                expected = p;
                break;
              }
            expect(tree.firstAtMost(from, x)).toBe(expected);
          }
          values.forEach((v, p) => expect(tree.get(p)).toBe(v));
        }
      )
    );
  });
});
