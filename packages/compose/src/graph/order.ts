/** Instantiation order: every instance after the instances its arguments come from. */
import { ComposeError, type Source } from '../api.js';

/** What ordering needs to know of an instance. */
export interface OrderNode {
  /** The instance's label: a self-cycle is one instance, whatever its component. */
  readonly label: string;
  readonly args: ReadonlyMap<string, Source>;
}

/** An instance that takes an argument from its own exports. */
function selfCycle(node: OrderNode, index: number): ComposeError {
  const [importName, source] = [...node.args].find(([, s]) => s.kind === 'instance-export' && s.instance === index)!;
  const exportName = source.kind === 'instance-export' ? source.name : importName;
  return new ComposeError(
    'cycle', `the instance ${node.label} depends on itself: its import ${importName} is set to its own export ${exportName}`, [],
    { graph: { kind: 'graph', arena: 'instance', id: index, name: importName } },
  );
}

/**
 * A topological order of `nodes` (indices), stable with respect to the
 * given order; a cycle is `ComposeError('cycle')` naming it as
 * `a → b → a` (each instance takes an argument from the next), located at
 * the instance it starts from.
 */
export function instantiationOrder(nodes: readonly OrderNode[], nameOf: (index: number) => string): number[] {
  const order: number[] = [];
  const state = new Uint8Array(nodes.length); // 0 new, 1 on the stack, 2 done
  // Depth first with its own stack (a chain of instances is as deep as the input): each entry is an instance and its remaining dependencies.
  const stack: { readonly index: number; readonly deps: Iterator<Source> }[] = [];
  const enter = (i: number): void => {
    state[i] = 1;
    stack.push({ index: i, deps: nodes[i]!.args.values() });
  };
  for (let root = 0; root < nodes.length; root++) {
    if (state[root] !== 0) continue;
    enter(root);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const next = top.deps.next();
      if (next.done === true) {
        stack.pop();
        state[top.index] = 2;
        order.push(top.index);
        continue;
      }
      const source = next.value;
      if (source.kind !== 'instance-export' || state[source.instance] === 2) continue;
      const i = source.instance;
      if (state[i] === 1) {
        if (top.index === i) throw selfCycle(nodes[i]!, i);
        const from = stack.findIndex((entry) => entry.index === i);
        const cycle = [...stack.slice(from).map((entry) => entry.index), i].map(nameOf);
        throw new ComposeError('cycle', `the components depend on each other in a cycle: ${cycle.join(' → ')}`, [], {
          graph: { kind: 'graph', arena: 'instance', id: i },
        });
      }
      enter(i);
    }
  }
  return order;
}
