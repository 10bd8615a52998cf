import type { Id } from './ast.js';
import { WitError } from './errors.js';

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

  // A sorted array stands in for the reference's binary heap: pop the smallest index.
  const ready = names.map((_, i) => i).filter((i) => remaining[i] === 0);
  const order: string[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => a - b);
    const i = ready.shift()!;
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
