/**
 * The explicit builder, an arena with integer ids as wac's graph is:
 * definitions (optionally registered by package name and version), named
 * instances (a definition may be instantiated more than once), imports of
 * the result (typed like a definition's import, or from a WIT interface),
 * alias nodes for instance exports, and arguments and exports wired by
 * hand. `build()` turns every argument left unset into an import of the
 * result (merged by semver compatibility), orders the instances, exports
 * the interfaces the exports' types come from, and checks the types of
 * every argument. Its errors carry the graph node they are about, by these
 * ids. `plug` is written on top of it; so is the configuration-file front end.
 */
import { unreachable, type GraphLocation } from '@weld/wit';
import {
  ComposeError, type AliasId, type Binding, type BuilderSource, type ComponentDef, type ComponentDefId, type ComposeInput, type Composition,
  type CompositionGraph, type GraphExport, type GraphImport, type GraphInstance, type ImportId, type InstanceId, type Source,
} from '../api.js';
import { checkGraph } from '../typecheck/check.js';
import { loadDefinition } from './definition.js';
import { mergeImports } from './imports.js';
import { instantiationOrder } from './order.js';
import { packageKeyText, parsePackageKey, type PackageKey } from './package-key.js';
import { shortList } from '../quote.js';
import { compareVersions, parseVersion } from '../semver.js';
import { withTypeExports } from './type-exports.js';
import { witDefinition, type WitImportType } from './wit-definition.js';

/** Options of {@link CompositionBuilder.addDefinition}. */
export interface DefinitionOptions {
  /**
   * The package the definition is registered under, `namespace:name` or
   * `namespace:name@1.2.3` (WIT package-name syntax, a semantic version), so
   * that front ends can find it by {@link CompositionBuilder.definitionByPackage}.
   * A definition without one is found by its id only.
   */
  readonly package?: string;
}

/** How an import of the result is typed: like an import of a definition, or as an instance of a WIT interface. */
export type ImportType = GraphImport['typeFrom'] | WitImportType;

/** Options of {@link CompositionBuilder.build}. */
export interface BuildOptions {
  /** Check that every argument's type is a subtype of the import it fills (default `true`). */
  readonly typecheck?: boolean;
}

interface PendingInstance {
  readonly def: ComponentDefId;
  readonly label: string;
  readonly args: Map<string, Source>;
}

/** An alias node: an export of an instance, named as a graph node of its own. */
interface PendingAlias {
  readonly instance: InstanceId;
  readonly name: string;
}

/** A graph location in the builder's ids. */
const at = (arena: GraphLocation['arena'], id: number, name?: string): { readonly graph: GraphLocation } => ({
  graph: name === undefined ? { kind: 'graph', arena, id } : { kind: 'graph', arena, id, name },
});

/** A label from a file name: `path/to/calc.wasm` → `calc`. */
export function labelOf(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  return base.replace(/\.wasm$/i, '') || 'component';
}

/** Builds a {@link Composition} by explicit wiring. */
export class CompositionBuilder {
  readonly #defs: ComponentDef[] = [];
  /** Each definition's package, where it is registered under one. */
  readonly #packages: (PackageKey | undefined)[] = [];
  /** Definitions by `name@version` (`name` alone when unversioned). */
  readonly #byPackage = new Map<string, ComponentDefId>();
  readonly #instances: PendingInstance[] = [];
  readonly #imports: GraphImport[] = [];
  readonly #exports: GraphExport[] = [];
  readonly #aliases: PendingAlias[] = [];
  /** Alias nodes by `instance/export`: aliasing one export twice gives one node. */
  readonly #aliasByExport = new Map<string, AliasId>();
  /** Instances by label, and the next suffix to try per default label: instantiating stays linear. */
  readonly #byLabel = new Map<string, InstanceId>();
  readonly #nextSuffix = new Map<string, number>();

  /**
   * Adds a definition (decoding the input, or taking an already loaded one);
   * returns its id. With `options.package` it is registered under that
   * package name and version: a key registered twice is
   * `ComposeError('duplicate')`, a malformed one `invalid-input`.
   */
  addDefinition(input: ComposeInput | ComponentDef, options: DefinitionOptions = {}): ComponentDefId {
    const key = options.package === undefined ? undefined : parsePackageKey(options.package);
    const text = key === undefined ? undefined : packageKeyText(key);
    if (text !== undefined && this.#byPackage.has(text)) {
      throw new ComposeError('duplicate', `the package ${text} is registered twice`, [], at('definition', this.#byPackage.get(text)!));
    }
    const def = 'component' in input ? input : loadDefinition(input);
    const id = this.#defs.push(def) - 1;
    this.#packages.push(key);
    if (text !== undefined) this.#byPackage.set(text, id);
    return id;
  }

  /**
   * The definition registered as package `name` (`namespace:name`) with
   * `version`; without a version, the one registered unversioned, else the
   * highest version registered under the name. None is
   * `ComposeError('not-found')`, with the registered packages as its hint.
   */
  definitionByPackage(name: string, version?: string): ComponentDefId {
    const exact = this.#byPackage.get(version === undefined ? name : `${name}@${version}`);
    if (exact !== undefined) return exact;
    let best: { readonly id: ComponentDefId; readonly version: string } | undefined;
    if (version === undefined) {
      this.#packages.forEach((key, id) => {
        if (key?.name !== name || key.version === undefined) return;
        if (best === undefined || compareVersions(parseVersion(key.version)!, parseVersion(best.version)!) > 0) best = { id, version: key.version };
      });
    }
    if (best !== undefined) return best.id;
    const requested = version === undefined ? name : `${name}@${version}`;
    const known = [...this.#byPackage.keys()];
    throw new ComposeError('not-found', `there is no package ${requested}`, [
      known.length === 0 ? 'no package is registered' : `registered packages: ${shortList(known)}`,
    ], { hint: { kind: 'did-you-mean', requested, known } });
  }

  /** The package a definition is registered under, if any. */
  packageOf(def: ComponentDefId): PackageKey | undefined {
    this.definition(def);
    return this.#packages[def];
  }

  /** The definition with id `id`. */
  definition(id: ComponentDefId): ComponentDef {
    const def = this.#defs[id];
    if (!def) throw new ComposeError('not-found', `there is no component definition with id ${id}`, [], at('definition', id));
    return def;
  }

  /**
   * Adds an instance of `def`, labelled `label` (by default the definition's
   * file name without `.wasm`, with `-2`, `-3`, … for repeats).
   */
  instantiate(def: ComponentDefId, label?: string): InstanceId {
    const { name, typeOnly } = this.definition(def);
    if (typeOnly === true) throw new ComposeError('invalid-input', `${name} only types an import and cannot be instantiated`, [], at('definition', def));
    let chosen = label;
    if (chosen === undefined) {
      const base = labelOf(name);
      chosen = base;
      let n = this.#nextSuffix.get(base) ?? 2;
      for (; this.#byLabel.has(chosen); n++) chosen = `${base}-${n}`;
      this.#nextSuffix.set(base, n);
    } else if (this.#byLabel.has(chosen)) {
      throw new ComposeError('duplicate', `there is already an instance named ${chosen}`, [], at('instance', this.#byLabel.get(chosen)!));
    }
    this.#instances.push({ def, label: chosen, args: new Map() });
    this.#byLabel.set(chosen, this.#instances.length - 1);
    return this.#instances.length - 1;
  }

  /** The label of an instance. */
  label(instance: InstanceId): string {
    return this.#instance(instance).label;
  }

  /** Finds an instance by label. */
  instanceByLabel(label: string): InstanceId | undefined {
    return this.#byLabel.get(label);
  }

  /**
   * Adds an import of the result named `name`, typed like the import
   * `importName` of a definition (`{ def, importName }`), or as an instance
   * of a WIT interface (`{ kind: 'wit', resolve, interface }`; the
   * interfaces its types `use` become imports of the result as well).
   * Unset arguments of a compatible name are filled with it too.
   */
  addImport(name: string, type: ImportType): ImportId {
    const existing = this.#imports.findIndex((i) => i.name === name);
    if (existing >= 0) throw new ComposeError('duplicate', `the import ${name} is added twice`, [], at('import', existing));
    let typeFrom: GraphImport['typeFrom'];
    if ('kind' in type) {
      const made = witDefinition(type);
      typeFrom = { def: this.#defs.push(made.def) - 1, importName: made.importName };
      this.#packages.push(undefined);
    } else {
      const def = this.definition(type.def);
      if (!def.types.imports.has(type.importName)) {
        throw new ComposeError('not-found', `${def.name} has no import named ${type.importName}`, [], at('definition', type.def, type.importName));
      }
      typeFrom = { def: type.def, importName: type.importName };
    }
    return this.#imports.push({ name, typeFrom }) - 1;
  }

  /**
   * An alias node for `instance`'s export `exportName`, usable as the source
   * `{ kind: 'alias', alias }` of arguments and exports; aliasing the same
   * export again returns the same id. An export the instance's definition
   * does not have is `ComposeError('not-found')` located at the instance.
   */
  aliasExport(instance: InstanceId, exportName: string): AliasId {
    const key = `${instance}/${exportName}`;
    const known = this.#aliasByExport.get(key);
    if (known !== undefined) return known;
    this.#checkExport(instance, exportName);
    const id = this.#aliases.push({ instance, name: exportName }) - 1;
    this.#aliasByExport.set(key, id);
    return id;
  }

  /** The instance and export an alias node stands for. */
  alias(id: AliasId): { readonly instance: InstanceId; readonly name: string } {
    const alias = this.#aliases[id];
    if (!alias) throw new ComposeError('not-found', `there is no alias with id ${id}`, [], at('alias', id));
    return alias;
  }

  /** Fills `instance`'s import `importName` with `source`. */
  setArgument(instance: InstanceId, importName: string, source: BuilderSource): void {
    const inst = this.#instance(instance);
    const def = this.#defs[inst.def]!;
    if (!def.types.imports.has(importName)) {
      throw new ComposeError('not-found', `${inst.label} (${def.name}) has no import named ${importName}`, [
        `its imports: ${shortList([...def.types.imports.keys()])}`,
      ], at('instance', instance, importName));
    }
    if (inst.args.has(importName)) {
      throw new ComposeError('duplicate', `${inst.label}'s import ${importName} is set twice`, [], at('instance', instance, importName));
    }
    inst.args.set(importName, this.#lower(source));
  }

  /** Whether `instance`'s import `importName` is set. */
  hasArgument(instance: InstanceId, importName: string): boolean {
    return this.#instance(instance).args.has(importName);
  }

  /** Exports `source` from the result as `name`; returns the export's id (its index among the exports). */
  export(name: string, source: BuilderSource): number {
    const existing = this.#exports.findIndex((e) => e.name === name);
    if (existing >= 0) throw new ComposeError('duplicate', `the export ${name} is added twice`, [], at('export', existing));
    return this.#exports.push({ name, source: this.#lower(source) }) - 1;
  }

  /** Completes the imports, orders the instances, checks the types, and returns the composition. */
  build(options: BuildOptions = {}): Composition {
    const defs = this.#defs;
    const merged = mergeImports(defs, this.#instances, this.#imports);
    const nameOf = (i: number): string => this.#displayName(i);
    const order = instantiationOrder(merged.args.map((args, i) => ({ label: this.#instances[i]!.label, args })), nameOf);
    const newId = new Map<number, number>(order.map((old, i) => [old, i]));
    const remap = (source: Source): Source => {
      if (source.kind === 'import') return source;
      return { kind: 'instance-export', instance: newId.get(source.instance)!, name: source.name };
    };
    const instances: GraphInstance[] = order.map((old) => {
      const pending = this.#instances[old]!;
      const args = new Map<string, Source>();
      for (const [name, source] of merged.args[old]!) args.set(name, remap(source));
      return { def: pending.def, label: pending.label, args };
    });
    const exports = this.#exports.map((e) => ({
      name: e.name,
      source: e.source.kind === 'import' ? { kind: 'import' as const, import: merged.explicitId(e.source.import) } : remap(e.source),
    }));
    const given: CompositionGraph = { defs: [...defs], imports: merged.imports, instances, exports };
    const graph: CompositionGraph = { ...given, exports: withTypeExports(given) };
    if (options.typecheck ?? true) {
      try {
        checkGraph(graph);
      } catch (e) {
        // The checker names instances by their place in `graph`; callers know them by the builder's ids.
        if (!(e instanceof ComposeError) || e.graph?.arena !== 'instance') throw e;
        throw new ComposeError(e.kind, e.message, e.details, {
          ...(e.hint !== undefined && { hint: e.hint }),
          graph: { ...e.graph, id: order[e.graph.id]! },
        });
      }
    }
    return {
      graph,
      bindings: bindingsOf(graph),
      warnings: [],
      importUsers: merged.users,
      unusedExports: new Map(),
    };
  }

  #instance(id: InstanceId): PendingInstance {
    const inst = this.#instances[id];
    if (!inst) throw new ComposeError('not-found', `there is no instance with id ${id}`, [], at('instance', id));
    return inst;
  }

  /** A source checked, with an alias node lowered to the instance export it stands for. */
  #lower(source: BuilderSource): Source {
    switch (source.kind) {
      case 'import':
        if (!this.#imports[source.import]) throw new ComposeError('not-found', `there is no import with id ${source.import}`, [], at('import', source.import));
        return source;
      case 'instance-export':
        this.#checkExport(source.instance, source.name);
        return source;
      case 'alias': {
        const alias = this.alias(source.alias);
        return { kind: 'instance-export', instance: alias.instance, name: alias.name };
      }
      default:
        return unreachable(source);
    }
  }

  #checkExport(instance: InstanceId, exportName: string): void {
    const inst = this.#instance(instance);
    const def = this.#defs[inst.def]!;
    if (!def.types.exports.has(exportName)) {
      throw new ComposeError('not-found', `${inst.label} (${def.name}) has no export named ${exportName}`, [
        `its exports: ${shortList([...def.types.exports.keys()])}`,
      ], at('instance', instance, exportName));
    }
  }

  /** The definition's name when it is instantiated once, else the instance label. */
  #displayName(i: number): string {
    const inst = this.#instances[i]!;
    const once = this.#instances.filter((o) => o.def === inst.def).length === 1;
    return once ? this.#defs[inst.def]!.name : inst.label;
  }
}

/** Which source fills which argument, one line per argument. */
export function bindingsOf(graph: CompositionGraph): Binding[] {
  const bindings: Binding[] = [];
  for (const instance of graph.instances) {
    for (const [importName, source] of instance.args) {
      const from = source.kind === 'import'
        ? `import ${graph.imports[source.import]!.name}`
        : `${graph.instances[source.instance]!.label}.${source.name}`;
      bindings.push({ instance: instance.label, import: importName, from });
    }
  }
  return bindings;
}
