/** Type checking a whole composition: every argument against the import it fills. */
import { ComposeError, type CompositionGraph, type Source } from '../api.js';
import { displayName } from '../graph/names.js';
import { unversioned } from '../semver.js';
import type { AnyTypeId, ComponentItem } from '@weld/component';
import { Mismatch, SubtypeCheck, within } from './subtype.js';
import { GraphViews, type TypeView } from './views.js';

type Part = { readonly item: ComponentItem; readonly view: TypeView };

/** An import merged from several definitions offers each export from the first of them that has it. */
function checkUnion(parts: readonly Part[], expectedView: TypeView, expectedId: AnyTypeId): void {
  const info = expectedView.def.types.arena.ids[expectedId]?.info;
  if (info?.kind !== 'instance') throw new Mismatch('expected an instance type');
  for (const [name, want] of info.type.exports) {
    let found: { item: ComponentItem; view: TypeView } | undefined;
    for (const part of parts) {
      if (part.item.type.kind !== 'instance') continue;
      const partInfo = part.view.def.types.arena.ids[part.item.type.id]?.info;
      const item = partInfo?.kind === 'instance' ? partInfo.type.exports.get(name) : undefined;
      if (item) {
        found = { item, view: part.view };
        break;
      }
    }
    if (!found) throw new Mismatch(`missing ${want.type.kind === 'func' ? 'function' : want.type.kind} \`${name}\``);
    const { item, view } = found;
    within({ kind: 'export', text: name }, () => new SubtypeCheck(view, expectedView).entity(item.type, want.type));
  }
}

/**
 * Checks that each instance's arguments are subtypes of its imports, with
 * resources compared by identity; the first mismatch is
 * `ComposeError('type-mismatch')` naming the import, the source and the
 * path of the difference, located at the instance (its id in `graph`) and
 * the import.
 */
export function checkGraph(graph: CompositionGraph): void {
  const views = new GraphViews(graph);
  graph.instances.forEach((inst, k) => {
    const def = graph.defs[inst.def]!;
    const expectedView = views.instanceView(k);
    for (const [importName, expected] of def.types.imports) {
      const source = inst.args.get(importName);
      const graphAt = { graph: { kind: 'graph', arena: 'instance', id: k, name: importName } } as const;
      if (!source) throw new ComposeError('not-found', `${displayName(graph, k)}'s import ${importName} is not set`, [], graphAt);
      const parts = source.kind === 'import' ? views.importParts(source.import) : [views.source(source)];
      const offered = parts[0];
      if (!offered) throw new ComposeError('not-found', `the source of ${displayName(graph, k)}'s import ${importName} does not exist`, [], graphAt);
      try {
        if (parts.length > 1 && expected.type.kind === 'instance') {
          checkUnion(parts as Part[], expectedView, expected.type.id);
        } else {
          new SubtypeCheck(offered.view, expectedView).entity(offered.item.type, expected.type);
        }
      } catch (e) {
        if (!(e instanceof Mismatch)) throw e;
        const detail = e.render(unversioned(importName));
        throw new ComposeError(
          'type-mismatch',
          `cannot plug ${displayName(graph, k)}'s import ${importName} with ${describeSource(graph, source, importName)}: ${detail}`,
          [],
          graphAt,
        );
      }
    }
  });
}

function describeSource(graph: CompositionGraph, source: Source, importName: string): string {
  if (source.kind === 'import') return `the import ${graph.imports[source.import]!.name}`;
  const who = displayName(graph, source.instance);
  return source.name === importName ? `${who}'s export` : `${who}'s export ${source.name}`;
}
