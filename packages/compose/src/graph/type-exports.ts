/**
 * Exports the result needs for its exports to be valid. An exported
 * instance type may refer only to types the component imports or exports
 * (encode/named-types.ts), so when an export uses types an inner instance
 * took from another instance — format's `use calc.{expr}` with calc
 * plugged — the interface that defines them is exported too, before the
 * export that needs it, under the name it has in the instance that
 * exports it. wac leaves such exports invalid (its issue 141).
 */
import type { AnyTypeId } from '@weld/component';
import { ComposeError, type CompositionGraph, type GraphExport, type InstanceId, type Source } from '../api.js';
import { nameOf } from '../typecheck/describe.js';
import { importedResources, outerTypes, walkItem } from './uses.js';

/** The instance exports (by instance and name) the types of one instance's export `name` come from, each with a type it uses. */
function typeSources(graph: CompositionGraph, instance: InstanceId, name: string): { readonly source: Source; readonly type: string }[] {
  const inst = graph.instances[instance]!;
  const def = graph.defs[inst.def]!;
  const item = def.types.exports.get(name);
  if (item === undefined) return [];
  const outer = outerTypes(def);
  const resources = importedResources(def);
  const found = new Map<string, { readonly source: Source; readonly type: string }>();
  walkItem(def.types.arena, item, (id: AnyTypeId) => {
    const info = def.types.arena.ids[id]?.info;
    const importName = outer.get(id)?.importName
      ?? (info?.kind === 'resource' ? resources.get(info.resource)?.importName : undefined);
    if (importName === undefined) return false;
    const source = inst.args.get(importName);
    if (source !== undefined && !found.has(importName)) found.set(importName, { source, type: typeLabel(nameOf(def, id)) });
    return true;
  });
  return [...found.values()];
}

const typeLabel = (name: string | undefined): string => (name === undefined ? 'a type' : `\`${name}\``);

const keyOf = (source: Source): string => (source.kind === 'import' ? `import ${source.import}` : `${source.instance}/${source.name}`);

/**
 * `graph`'s exports with every interface their types come from exported
 * first (transitively); a needed interface whose name an export already
 * takes for something else is `ComposeError('internal-type')`.
 */
export function withTypeExports(graph: CompositionGraph): GraphExport[] {
  const taken = new Map<string, string>(graph.exports.map((e) => [e.name, keyOf(e.source)]));
  // A needed interface the exports already have is moved up, under its name there.
  const given = new Map<string, GraphExport>();
  for (const e of graph.exports) if (!given.has(keyOf(e.source))) given.set(keyOf(e.source), e);
  const emittedNames = new Set<string>();
  const emittedSources = new Set<string>();
  const out: GraphExport[] = [];
  for (const exp of graph.exports) {
    // Depth first, dependencies before what needs them, with an explicit stack.
    const stack: { readonly exp: GraphExport; expanded: boolean }[] = [{ exp, expanded: false }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (emittedNames.has(top.exp.name)) {
        stack.pop();
        continue;
      }
      if (top.expanded || top.exp.source.kind === 'import') {
        stack.pop();
        emittedNames.add(top.exp.name);
        emittedSources.add(keyOf(top.exp.source));
        out.push(top.exp);
        continue;
      }
      top.expanded = true;
      const { instance, name } = top.exp.source;
      for (const dep of typeSources(graph, instance, name)) {
        if (dep.source.kind === 'import') continue;
        const depKey = keyOf(dep.source);
        if (emittedSources.has(depKey)) continue;
        const depExport = given.get(depKey) ?? { name: dep.source.name, source: dep.source };
        const owner = taken.get(depExport.name);
        if (owner !== undefined && owner !== depKey) {
          throw new ComposeError(
            'internal-type',
            `the export ${top.exp.name} uses the type ${dep.type} of ${graph.instances[dep.source.instance]!.label}'s ${dep.source.name}, which cannot be exported as well: the result already exports another ${depExport.name}`,
          );
        }
        taken.set(depExport.name, depKey);
        stack.push({ exp: depExport, expanded: false });
      }
    }
  }
  return out;
}
