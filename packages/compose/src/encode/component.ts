/**
 * The encoder: a composition as one component. In order:
 *   1. each import of the result (dependency order): its type declared from
 *      the definition it is taken from, the import, and an `alias export`
 *      of each type it exports, so later import types can refer to them;
 *   2. each instantiated definition, embedded as a nested component (once
 *      per distinct bytes);
 *   3. each instance, `instantiate` with its arguments (imports of the
 *      result, or `alias export`s of earlier instances' exports);
 *   4. the result's exports.
 * The sections are checked against the validator's limits before they are
 * encoded; the bytes, by decoding them, computing their types again, and
 * checking that the exports refer to named types only.
 */
import { BinaryError, ComponentTypeError, componentTypes, decodeComponent, encodeComponent } from '@weld/component';
import type {
  AnyTypeId, ComponentItem, ComponentType, ComponentTypes, ExternName, InstantiationArg, Sort,
} from '@weld/component';
import { ComposeError, type ComponentDef, type Composition, type CompositionGraph, type Source } from '../api.js';
import { mergeKey } from '../semver.js';
import { checkLimits, checkTypeSize, MAX_WASM_TYPE_SIZE } from './limits.js';
import { firstUnnamedType } from './named-types.js';
import { componentTypeSize } from './type-size.js';
import { SectionList } from './sections.js';
import { instanceTypeDecls, TypeDeclarer, type OuterLookup, type TypeScope } from './types.js';

/** Options of {@link encodeComposition}. */
export interface EncodeOptions {
  /** Check the result by decoding it and computing its types (default `true`). */
  readonly validate?: boolean;
  /** Add a `component-name` section naming the nested components and instances (default `true`). */
  readonly names?: boolean;
}

/** An item of the result's index spaces. */
interface Indexed {
  readonly sort: Sort;
  readonly index: number;
}

function externName(name: string, item: ComponentItem | undefined): ExternName {
  return {
    name,
    implements: item?.implements,
    versionSuffix: item?.versionSuffix,
    externalId: item?.externalId,
  };
}

function sortOf(item: ComponentItem): Sort {
  return item.type.kind;
}

/** The top level of the result as a type scope. */
class TopScope implements TypeScope {
  readonly known = new Map<AnyTypeId, number>();
  readonly #sections: SectionList;

  constructor(sections: SectionList) {
    this.#sections = sections;
  }

  declare(type: ComponentType): number {
    return this.#sections.type(type);
  }

  outer(index: number): number {
    return index;
  }

  exported(): number {
    throw new Error('internal: the result declares no exported types');
  }
}

/** Encodes a composition as a component; validates it unless `validate: false`. */
export function encodeComposition(composition: Composition | CompositionGraph, options: EncodeOptions = {}): Uint8Array {
  const graph = 'graph' in composition ? composition.graph : composition;
  const out = new SectionList();

  // Type exports of the result's imports by `import/export` (`import/` for a type import).
  const typeAliases = new Map<string, number>();
  const resultImportFor = (importName: string): string | undefined => {
    const exact = graph.imports.find((i) => i.name === importName);
    if (exact) return exact.name;
    const key = mergeKey(importName);
    return graph.imports.find((i) => mergeKey(i.name) === key)?.name;
  };
  const lookup: OuterLookup = (_def, importName, exportName) => {
    const name = resultImportFor(importName);
    return name === undefined ? undefined : typeAliases.get(`${name}/${exportName ?? ''}`);
  };
  const topScopes = new Map<ComponentDef, TypeDeclarer>();
  const top = (def: ComponentDef): TypeDeclarer => {
    let declarer = topScopes.get(def);
    if (!declarer) {
      declarer = new TypeDeclarer(def, new TopScope(out), lookup);
      topScopes.set(def, declarer);
    }
    return declarer;
  };

  // 1. Imports.
  const importIndex: Indexed[] = [];
  for (const imp of graph.imports) {
    const def = graph.defs[imp.typeFrom.def]!;
    const item = def.types.imports.get(imp.typeFrom.importName);
    if (!item) throw new ComposeError('not-found', `${def.name} has no import named ${imp.typeFrom.importName}`);
    const name = externName(imp.name, item);
    const e = item.type;
    switch (e.kind) {
      case 'instance': {
        const parts = (imp.merged ?? [imp.typeFrom]).map((p) => ({ def: graph.defs[p.def]!, importName: p.importName }));
        const decls = instanceTypeDecls(parts, lookup);
        const typeIndex = out.type({ kind: 'instance', decls });
        const index = out.import({ name, type: { kind: 'instance', index: typeIndex } });
        importIndex.push({ sort: 'instance', index });
        for (const decl of decls) {
          if (decl.kind !== 'export' || decl.type.kind !== 'type') continue;
          const exportName = decl.name.name;
          typeAliases.set(`${imp.name}/${exportName}`, out.alias({ kind: 'instance-export', sort: 'type', instance: index, name: exportName }));
        }
        break;
      }
      case 'func': {
        const typeIndex = top(def).index(e.id);
        importIndex.push({ sort: 'func', index: out.import({ name, type: { kind: 'func', index: typeIndex } }) });
        break;
      }
      case 'type': {
        const declarer = top(def);
        const referenced = def.types.arena.ids[e.referenced]?.info;
        const outer = referenced?.kind === 'resource' ? declarer.outerIndex(e.referenced) : undefined;
        const bounds = referenced?.kind === 'resource' && outer === undefined
          ? { kind: 'sub-resource' as const }
          : { kind: 'eq' as const, index: outer ?? declarer.index(e.referenced) };
        const index = out.import({ name, type: { kind: 'type', bounds } });
        typeAliases.set(`${imp.name}/`, index);
        importIndex.push({ sort: 'type', index });
        break;
      }
      default:
        throw new ComposeError('invalid-input', `the result cannot import ${imp.name}: importing a ${e.kind} is not supported`);
    }
  }

  // 2. Definitions.
  // Definitions with the same bytes (one file under two names) are embedded once.
  const componentIndex = new Map<number, number>();
  const bySha = new Map<string, number>();
  const embedded: { readonly index: number; readonly name: string }[] = [];
  graph.instances.forEach((inst) => {
    if (componentIndex.has(inst.def)) return;
    const def = graph.defs[inst.def]!;
    let index = bySha.get(def.sha256);
    if (index === undefined) {
      index = out.component(def.component, def.bytes);
      bySha.set(def.sha256, index);
      embedded.push({ index, name: def.name });
    }
    componentIndex.set(inst.def, index);
  });

  // 3. Instances.
  const instanceIndex: number[] = [];
  const aliased = new Map<string, Indexed>();
  const resolve = (source: Source): Indexed => {
    if (source.kind === 'import') return importIndex[source.import]!;
    const key = `${source.instance}/${source.name}`;
    const known = aliased.get(key);
    if (known) return known;
    const inst = graph.instances[source.instance]!;
    const item = graph.defs[inst.def]!.types.exports.get(source.name);
    if (!item) throw new ComposeError('not-found', `${inst.label} has no export named ${source.name}`);
    const sort = sortOf(item);
    const index = out.alias({ kind: 'instance-export', sort, instance: instanceIndex[source.instance]!, name: source.name });
    const found = { sort, index };
    aliased.set(key, found);
    return found;
  };
  graph.instances.forEach((inst) => {
    const def = graph.defs[inst.def]!;
    const args: InstantiationArg[] = [];
    for (const importName of def.types.imports.keys()) {
      const source = inst.args.get(importName);
      if (!source) throw new ComposeError('not-found', `${inst.label}'s import ${importName} is not set`);
      args.push({ name: importName, ...resolve(source) });
    }
    instanceIndex.push(out.instance({ kind: 'instantiate', component: componentIndex.get(inst.def)!, args }));
  });

  // 4. Exports.
  for (const exp of graph.exports) {
    const target = resolve(exp.source);
    const item = exp.source.kind === 'import' ? undefined
      : graph.defs[graph.instances[exp.source.instance]!.def]!.types.exports.get(exp.source.name);
    const attributes = exp.source.kind === 'instance-export' && exp.source.name === exp.name ? item : undefined;
    out.export({ name: externName(exp.name, attributes), sort: target.sort, index: target.index, type: undefined });
  }

  if (options.names ?? true) {
    const instances = graph.instances.map((inst, i) => ({ index: instanceIndex[i]!, name: inst.label }));
    out.custom({
      kind: 'name',
      name: 'component-name',
      subsections: [
        { kind: 'sort', sort: 'component', names: embedded },
        { kind: 'sort', sort: 'instance', names: instances },
      ],
    });
  }

  const validate = options.validate ?? true;
  if (validate) checkLimits(out);
  const bytes = encodeComponent({ version: 0x0d, layer: 1, sections: out.sections });
  if (validate) {
    let types: ComponentTypes;
    try {
      types = componentTypes(decodeComponent(bytes));
    } catch (e) {
      if (!(e instanceof BinaryError || e instanceof ComponentTypeError)) throw e;
      throw new ComposeError('invalid-input', `the composed component is not valid: ${e.message}`);
    }
    checkTypeSize(componentTypeSize(types, MAX_WASM_TYPE_SIZE * 2));
    const unnamed = firstUnnamedType(types);
    if (unnamed !== undefined) {
      const at = unnamed.path.length > 0 ? ` (in ${unnamed.path.join('.')})` : '';
      throw new ComposeError(
        'internal-type',
        `the export ${unnamed.export} refers to the type ${unnamed.type}${at}, which the result neither imports nor exports`,
        ['export the interface that defines it as well, or leave the component that defines it unplugged so that it is imported'],
      );
    }
  }
  return bytes;
}
