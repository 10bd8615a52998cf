import type { Id } from '../parse/ast.js';
import { WitError } from '../errors.js';

/**
 * Orders `deps` (name → names it depends on, in source order) so that every
 * name comes after its dependencies. Among the names ready at each step the
 * earliest declared goes first, which keeps the order stable across
 * re-printing, as the reference does.
 */
export function toposort(kind: string, deps: ReadonlyMap<string, readonly Id[]>): string[] {
  const names = [...deps.keys()];
  const index = new Map(names.map((name, i) => [name, i]));
  const remaining = new Array<number>(names.length).fill(0);
  const dependents: number[][] = names.map(() => []);
  names.forEach((name, i) => {
    const edges = deps.get(name)!;
    remaining[i] = edges.length;
    for (const edge of edges) {
      const j = index.get(edge.name);
      if (j === undefined) throw new WitError('not-found', `${kind} \`${edge.name}\` does not exist`, edge.span);
      dependents[j]!.push(i);
    }
  });

  // A binary min-heap of indices, as the reference's: pop the earliest declared.
  const ready = new IndexHeap();
  for (let i = 0; i < names.length; i++) if (remaining[i] === 0) ready.push(i);
  const order: string[] = [];
  while (ready.size > 0) {
    const i = ready.pop();
    order.push(names[i]!);
    for (const d of dependents[i]!) {
      remaining[d]!--;
      if (remaining[d] === 0) ready.push(d);
    }
    dependents[i] = [];
  }
  if (order.length === names.length) return order;

  for (let i = 0; i < names.length; i++) {
    if (remaining[i] === 0) continue;
    for (const dep of deps.get(names[i]!)!) {
      if (remaining[index.get(dep.name)!] === 0) continue;
      throw new WitError('cycle', `${kind} \`${dep.name}\` depends on itself`, dep.span);
    }
  }
  throw new WitError('cycle', `${kind} dependencies form a cycle`);
}

/** A binary min-heap of array indices. */
class IndexHeap {
  readonly #items: number[] = [];

  get size(): number {
    return this.#items.length;
  }

  push(value: number): void {
    const items = this.#items;
    let i = items.push(value) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent]! <= value) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = value;
  }

  /** Removes and returns the smallest index; the heap must not be empty. */
  pop(): number {
    const items = this.#items;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && items[right]! < items[left]! ? right : left;
      if (items[child]! >= last) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = last;
    return top;
  }
}
