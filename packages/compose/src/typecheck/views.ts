/**
 * Resource identities across a composition. Each definition's types live in
 * their own arena, with resource ids local to it; what a resource *is*
 * depends on where the definition sits in the graph. A view reads one
 * definition's arena as seen from one place: from an import of the result
 * (its resources are the result's imported resources, named by import and
 * export path), or from an instance (its imported resources are whatever
 * its arguments pass — followed through the instantiation arguments — and
 * the resources it defines are fresh for that instance).
 */
import type { ComponentItem, ResourceId, TypeInfo } from '@weld/component';
import type { ComponentDef, CompositionGraph, ImportId, InstanceId, Source } from '../api.js';
import { displayName } from '../graph/names.js';
import { importedResources } from '../graph/uses.js';
import { mergeKey } from '../semver.js';

/** A resource identity in the composition: equal keys are the same resource. */
export interface GlobalResource {
  readonly key: string;
  /** Where it comes from, for messages: `defined by calc.wasm`, `imported as wasi:io/poll@0.2.12`. */
  readonly origin: string;
}

/** One definition's arena as seen from one place in the graph. */
export interface TypeView {
  readonly def: ComponentDef;
  resource(local: ResourceId): GlobalResource;
}

/** The views of a composition's imports and instances, made on demand. */
export class GraphViews {
  readonly #graph: CompositionGraph;
  readonly #imports = new Map<string, TypeView>();
  readonly #instances = new Map<InstanceId, TypeView>();

  constructor(graph: CompositionGraph) {
    this.#graph = graph;
  }

  /**
   * The item a source passes and the view to read it in. For an import of
   * the result merged from several definitions, that of the first
   * (`typeFrom`); see {@link importParts} for all of them.
   */
  source(source: Source): { readonly item: ComponentItem; readonly view: TypeView } | undefined {
    if (source.kind === 'import') return this.importParts(source.import)[0];
    const graph = this.#graph;
    const inst = graph.instances[source.instance];
    const item = inst && graph.defs[inst.def]?.types.exports.get(source.name);
    return item && { item, view: this.instanceView(source.instance) };
  }

  /** The items an import of the result is the union of, each with its view: `typeFrom` first. */
  importParts(id: ImportId): { readonly item: ComponentItem; readonly view: TypeView }[] {
    const imp = this.#graph.imports[id];
    if (!imp) return [];
    const parts: { item: ComponentItem; view: TypeView }[] = [];
    (imp.merged ?? [imp.typeFrom]).forEach((from, i) => {
      const item = this.#graph.defs[from.def]?.types.imports.get(from.importName);
      if (item) parts.push({ item, view: this.importView(id, i) });
    });
    return parts;
  }

  /** The view of the `part`-th definition an import of the result takes its type from. */
  importView(id: ImportId, part = 0): TypeView {
    const cacheKey = `${id}:${part}`;
    const known = this.#imports.get(cacheKey);
    if (known) return known;
    const graph = this.#graph;
    const imp = graph.imports[id]!;
    const from = (imp.merged ?? [imp.typeFrom])[part] ?? imp.typeFrom;
    const def = graph.defs[from.def]!;
    const imported = importedResources(def);
    const view: TypeView = {
      def,
      resource: memoized((local) => {
        const at = imported.get(local);
        const resultName = at === undefined ? undefined
          : at.importName === from.importName ? imp.name : this.#resultImportFor(at.importName);
        return at === undefined || resultName === undefined
          ? { key: `import-local:${id}:${from.def}:${local}`, origin: `imported by ${imp.name}` }
          : { key: `import:${resultName}/${at.names.join('/')}`, origin: `imported from ${resultName}` };
      }),
    };
    this.#imports.set(cacheKey, view);
    return view;
  }

  /** The view of an instance's definition, with its imported resources bound by its arguments. */
  instanceView(id: InstanceId): TypeView {
    const known = this.#instances.get(id);
    if (known) return known;
    const graph = this.#graph;
    const inst = graph.instances[id]!;
    const def = graph.defs[inst.def]!;
    const imported = importedResources(def);
    const name = displayName(graph, id);
    const view: TypeView = {
      def,
      resource: memoized((local) => {
        const at = imported.get(local);
        if (at === undefined) return { key: `instance:${id}:${local}`, origin: `defined by ${name}` };
        const arg = inst.args.get(at.importName);
        return (arg && this.#resourceAt(arg, at.names))
          ?? { key: `unbound:${id}:${local}`, origin: `imported by ${name} from ${at.importName}, which does not provide it` };
      }),
    };
    this.#instances.set(id, view);
    return view;
  }

  /** The resource a source provides at a path of export names, if it provides one. */
  #resourceAt(source: Source, names: readonly string[]): GlobalResource | undefined {
    if (source.kind === 'import') {
      for (const part of this.importParts(source.import)) {
        const found = this.#resourceIn(part, names);
        if (found) return found;
      }
      return undefined;
    }
    const found = this.source(source);
    return found && this.#resourceIn(found, names);
  }

  #resourceIn(found: { readonly item: ComponentItem; readonly view: TypeView }, names: readonly string[]): GlobalResource | undefined {
    const { arena } = found.view.def.types;
    let item: ComponentItem | undefined = found.item;
    for (const name of names) {
      const info: TypeInfo | undefined = item.type.kind === 'instance' ? arena.ids[item.type.id]?.info : undefined;
      item = info?.kind === 'instance' ? info.type.exports.get(name) : undefined;
      if (!item) return undefined;
    }
    if (item.type.kind !== 'type') return undefined;
    const info = arena.ids[item.type.created]?.info;
    return info?.kind === 'resource' ? found.view.resource(info.resource) : undefined;
  }

  /** The name of the result's import that stands for a definition's import of this name. */
  #resultImportFor(importName: string): string | undefined {
    const imports = this.#graph.imports;
    const exact = imports.find((i) => i.name === importName);
    if (exact) return exact.name;
    const key = mergeKey(importName);
    return imports.find((i) => mergeKey(i.name) === key)?.name;
  }
}

/** `resolve` computed once per resource. */
function memoized(resolve: (local: ResourceId) => GlobalResource): (local: ResourceId) => GlobalResource {
  const cache = new Map<ResourceId, GlobalResource>();
  return (local) => {
    let found = cache.get(local);
    if (found === undefined) {
      found = resolve(local);
      cache.set(local, found);
    }
    return found;
  };
}
