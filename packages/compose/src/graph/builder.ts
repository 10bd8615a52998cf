/**
 * The explicit builder: definitions, named instances (a definition may be
 * instantiated more than once), arguments and exports wired by hand.
 * `build()` turns every argument left unset into an import of the result
 * (merged by semver compatibility), orders the instances, exports the
 * interfaces the exports' types come from, and checks the types of every
 * argument. `plug` is written on top of it; so is the
 * configuration-file front end.
 */
import {
  ComposeError, type Binding, type ComponentDef, type ComponentDefId, type ComposeInput, type Composition,
  type CompositionGraph, type GraphExport, type GraphImport, type GraphInstance, type ImportId, type InstanceId, type Source,
} from '../api.js';
import { checkGraph } from '../typecheck/check.js';
import { loadDefinition } from './definition.js';
import { mergeImports } from './imports.js';
import { instantiationOrder } from './order.js';
import { shortList } from '../quote.js';
import { withTypeExports } from './type-exports.js';

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

/** A label from a file name: `path/to/calc.wasm` → `calc`. */
export function labelOf(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  return base.replace(/\.wasm$/i, '') || 'component';
}

/** Builds a {@link Composition} by explicit wiring. */
export class CompositionBuilder {
  readonly #defs: ComponentDef[] = [];
  readonly #instances: PendingInstance[] = [];
  readonly #imports: GraphImport[] = [];
  readonly #exports: GraphExport[] = [];
  /** Instances by label, and the next suffix to try per default label: instantiating stays linear. */
  readonly #byLabel = new Map<string, InstanceId>();
  readonly #nextSuffix = new Map<string, number>();

  /** Adds a definition (decoding the input, or taking an already loaded one); returns its id. */
  addDefinition(input: ComposeInput | ComponentDef): ComponentDefId {
    const def = 'component' in input ? input : loadDefinition(input);
    this.#defs.push(def);
    return this.#defs.length - 1;
  }

  /** The definition with id `id`. */
  definition(id: ComponentDefId): ComponentDef {
    const def = this.#defs[id];
    if (!def) throw new ComposeError('not-found', `there is no component definition with id ${id}`);
    return def;
  }

  /**
   * Adds an instance of `def`, labelled `label` (by default the definition's
   * file name without `.wasm`, with `-2`, `-3`, … for repeats).
   */
  instantiate(def: ComponentDefId, label?: string): InstanceId {
    const name = this.definition(def).name;
    let chosen = label;
    if (chosen === undefined) {
      const base = labelOf(name);
      chosen = base;
      let n = this.#nextSuffix.get(base) ?? 2;
      for (; this.#byLabel.has(chosen); n++) chosen = `${base}-${n}`;
      this.#nextSuffix.set(base, n);
    } else if (this.#byLabel.has(chosen)) {
      throw new ComposeError('duplicate', `there is already an instance named ${chosen}`);
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
   * `typeFrom.importName` of a definition. Unset arguments of a compatible
   * name are filled with it too.
   */
  addImport(name: string, typeFrom: GraphImport['typeFrom']): ImportId {
    const def = this.definition(typeFrom.def);
    if (!def.types.imports.has(typeFrom.importName)) {
      throw new ComposeError('not-found', `${def.name} has no import named ${typeFrom.importName}`);
    }
    if (this.#imports.some((i) => i.name === name)) throw new ComposeError('duplicate', `the import ${name} is added twice`);
    this.#imports.push({ name, typeFrom });
    return this.#imports.length - 1;
  }

  /** Fills `instance`'s import `importName` with `source`. */
  setArgument(instance: InstanceId, importName: string, source: Source): void {
    const inst = this.#instance(instance);
    const def = this.#defs[inst.def]!;
    if (!def.types.imports.has(importName)) {
      throw new ComposeError('not-found', `${inst.label} (${def.name}) has no import named ${importName}`, [
        `its imports: ${shortList([...def.types.imports.keys()])}`,
      ]);
    }
    if (inst.args.has(importName)) throw new ComposeError('duplicate', `${inst.label}'s import ${importName} is set twice`);
    this.#checkSource(source);
    inst.args.set(importName, source);
  }

  /** Whether `instance`'s import `importName` is set. */
  hasArgument(instance: InstanceId, importName: string): boolean {
    return this.#instance(instance).args.has(importName);
  }

  /** Exports `source` from the result as `name`. */
  export(name: string, source: Source): void {
    if (this.#exports.some((e) => e.name === name)) throw new ComposeError('duplicate', `the export ${name} is added twice`);
    this.#checkSource(source);
    this.#exports.push({ name, source });
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
    if (options.typecheck ?? true) checkGraph(graph);
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
    if (!inst) throw new ComposeError('not-found', `there is no instance with id ${id}`);
    return inst;
  }

  #checkSource(source: Source): void {
    if (source.kind === 'import') {
      if (!this.#imports[source.import]) throw new ComposeError('not-found', `there is no import with id ${source.import}`);
      return;
    }
    const inst = this.#instance(source.instance);
    const def = this.#defs[inst.def]!;
    if (!def.types.exports.has(source.name)) {
      throw new ComposeError('not-found', `${inst.label} (${def.name}) has no export named ${source.name}`, [
        `its exports: ${shortList([...def.types.exports.keys()])}`,
      ]);
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
