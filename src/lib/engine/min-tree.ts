/**
 * A segment tree of minimums over fixed positions: set a position's value, and find the first
 * position at or after p whose value is at most x — in O(log n). The budget loop keeps its waiting
 * works in ranking order here (value: the cost of a work's first slice; Infinity when not waiting)
 * so that a year's funding jumps straight to the next work that fits the money left, instead of
 * visiting every work of a long backlog.
 */
export class MinTree {
  private readonly size: number;
  private readonly tree: Float64Array;

  constructor(readonly length: number) {
    let size = 1;
    while (size < length) size *= 2;
    this.size = size;
    this.tree = new Float64Array(2 * size).fill(Infinity);
  }

  get(position: number): number {
    return this.tree[this.size + position]!;
  }

  set(position: number, value: number): void {
    let node = this.size + position;
    this.tree[node] = value;
    for (node >>= 1; node >= 1; node >>= 1) {
      const min = Math.min(this.tree[2 * node]!, this.tree[2 * node + 1]!);
      if (this.tree[node] === min) break;
      this.tree[node] = min;
    }
  }

  /** The first position ≥ `from` whose value is ≤ `x`, or -1 (with x = Infinity, empty positions match too). */
  firstAtMost(from: number, x: number): number {
    if (from >= this.length || from < 0) return -1;
    const tree = this.tree;
    let node = this.size + from;
    if (tree[node]! <= x) return from;
    // Climb: leave each left child for its right sibling until a subtree holds a value ≤ x.
    for (;;) {
      if (node === 1) return -1;
      if ((node & 1) === 0 && tree[node + 1]! <= x) {
        node += 1;
        break;
      }
      node >>= 1;
    }
    // Descend to the leftmost leaf ≤ x.
    while (node < this.size) node = tree[2 * node]! <= x ? 2 * node : 2 * node + 1;
    const position = node - this.size;
    return position < this.length ? position : -1;
  }
}
