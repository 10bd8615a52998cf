/** How instances are named in messages. */
import type { CompositionGraph, InstanceId } from '../api.js';

/** Per graph, how many instances each definition has: counted once, so naming every instance stays linear. */
const instanceCounts = new WeakMap<CompositionGraph, readonly number[]>();

function countsOf(graph: CompositionGraph): readonly number[] {
  let counts = instanceCounts.get(graph);
  if (counts === undefined) {
    const mutable = new Array<number>(graph.defs.length).fill(0);
    for (const inst of graph.instances) mutable[inst.def] = (mutable[inst.def] ?? 0) + 1;
    counts = mutable;
    instanceCounts.set(graph, counts);
  }
  return counts;
}

/** The name to use for an instance of a composition in messages: its definition's when instantiated once, else its label. */
export function displayName(graph: CompositionGraph, instance: InstanceId): string {
  const inst = graph.instances[instance]!;
  return countsOf(graph)[inst.def] === 1 ? graph.defs[inst.def]!.name : inst.label;
}
