/** Instantiation order: every instance after the instances its arguments come from. */
import { ComposeError, type Source } from '../api.js';

/** What ordering needs to know of an instance. */
export interface OrderNode {
  readonly args: ReadonlyMap<string, Source>;
}

/**
 * A topological order of `nodes` (indices), stable with respect to the
 * given order; a cycle is `ComposeError('cycle')` naming it as
 * `a → b → a` (each instance takes an argument from the next).
 */
export function instantiationOrder(nodes: readonly OrderNode[], nameOf: (index: number) => string): number[] {
  const order: number[] = [];
  const state = new Uint8Array(nodes.length); // 0 new, 1 on the stack, 2 done
  const stack: number[] = [];
  const visit = (i: number): void => {
    if (state[i] === 2) return;
    if (state[i] === 1) {
      const cycle = [...stack.slice(stack.indexOf(i)), i].map(nameOf);
      throw new ComposeError('cycle', `the components depend on each other in a cycle: ${cycle.join(' → ')}`, cycle);
    }
    state[i] = 1;
    stack.push(i);
    for (const source of nodes[i]!.args.values()) {
      if (source.kind === 'instance-export') visit(source.instance);
    }
    stack.pop();
    state[i] = 2;
    order.push(i);
  };
  nodes.forEach((_, i) => visit(i));
  return order;
}
