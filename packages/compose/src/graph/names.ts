/** How instances are named in messages. */
import type { CompositionGraph, InstanceId } from '../api.js';

/** The name to use for an instance of a composition in messages: its definition's when instantiated once, else its label. */
export function displayName(graph: CompositionGraph, instance: InstanceId): string {
  const inst = graph.instances[instance]!;
  const once = graph.instances.filter((o) => o.def === inst.def).length === 1;
  return once ? graph.defs[inst.def]!.name : inst.label;
}
