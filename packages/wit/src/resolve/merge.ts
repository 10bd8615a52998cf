/**
 * Joining resolves and worlds: `mergeResolve` moves one `Resolve` into
 * another, sharing packages, interfaces and types that have the same names,
 * and `mergeWorlds` unions the imports and exports of one world into
 * another. Ports of wit-parser's `Resolve::merge` (with its `MergeMap`) and
 * `Resolve::merge_worlds`, as wit-component uses them to join the
 * `component-type` sections of a core module.
 */
import { Cloner } from './clone.js';
import { elaborateWorld, interfaceDirectDeps, interfaceIdOf, typeInterfaceDep } from './elaborate.js';
import { WitError } from '../errors.js';
import type {
  Function, Interface, InterfaceId, PackageId, Resolve, Stability, Type, TypeDefKind, TypeId, World,
  WorldEntry, WorldId, WorldItem, WorldKey,
} from '../model.js';
import { packageNameString, worldKeyName } from '../model.js';
import { unreachable } from '../unreachable.js';
import { depthFirst } from './walk.js';

/** Where each item of a merged resolve ended up in the resolve it was merged into. */
export interface Remap {
  readonly types: readonly TypeId[];
  readonly interfaces: readonly InterfaceId[];
  readonly worlds: readonly WorldId[];
  readonly packages: readonly PackageId[];
}

function resolveError(message: string): WitError {
  return new WitError('resolve', message);
}

/** `name_world_key`: a plain name, or the `ns:pkg/iface@version` of an interface. */
function keyString(resolve: Resolve, key: WorldKey): string {
  return key.kind === 'name' ? key.name : interfaceIdOf(resolve, key.id) ?? worldKeyName(key);
}

/** Which items of `from` already exist in `into`, found by package, interface and world names. */
class MergeMap {
  readonly packages = new Map<PackageId, PackageId>();
  readonly interfaces = new Map<InterfaceId, InterfaceId>();
  readonly types = new Map<TypeId, TypeId>();
  readonly worlds = new Map<WorldId, WorldId>();
  /** Items of a shared package that `into` lacks: name, package in `into`, id in `from`. */
  readonly interfacesToAdd: [string, PackageId, InterfaceId][] = [];
  readonly worldsToAdd: [string, PackageId, WorldId][] = [];
  readonly #from: Resolve;
  readonly #into: Resolve;

  constructor(from: Resolve, into: Resolve) {
    this.#from = from;
    this.#into = into;
  }

  /** Packages are visited in id order, which for a decoded resolve is dependency order. */
  build(): void {
    this.#from.packages.forEach((pkg, fromId) => {
      const intoId = this.#into.packageNames.get(packageNameString(pkg.name));
      if (intoId === undefined) return;
      try {
        this.#buildPackage(fromId, intoId);
      } catch (error) {
        throw withContext(error, `failed to merge package \`${packageNameString(pkg.name)}\` into existing copy`);
      }
    });
  }

  #buildPackage(fromId: PackageId, intoId: PackageId): void {
    this.packages.set(fromId, intoId);
    const from = this.#from.packages[fromId]!;
    const into = this.#into.packages[intoId]!;
    for (const [name, fromIface] of from.interfaces) {
      const intoIface = into.interfaces.get(name);
      if (intoIface === undefined) {
        this.interfacesToAdd.push([name, intoId, fromIface]);
        continue;
      }
      try {
        this.buildInterface(fromIface, intoIface);
      } catch (error) {
        throw withContext(error, `failed to merge interface \`${name}\``);
      }
    }
    for (const [name, fromWorld] of from.worlds) {
      const intoWorld = into.worlds.get(name);
      if (intoWorld === undefined) {
        this.worldsToAdd.push([name, intoId, fromWorld]);
        continue;
      }
      try {
        this.#buildWorld(fromWorld, intoWorld);
      } catch (error) {
        throw withContext(error, `failed to merge world \`${name}\``);
      }
    }
  }

  /** Both sides may have extra types and functions; the ones they share must agree. */
  buildInterface(fromId: InterfaceId, intoId: InterfaceId): void {
    if (this.interfaces.has(fromId)) throw resolveError('interface merged twice');
    this.interfaces.set(fromId, intoId);
    const from = this.#from.interfaces[fromId]!;
    const into = this.#into.interfaces[intoId]!;
    for (const [name, fromType] of from.types) {
      const intoType = into.types.get(name);
      if (intoType === undefined) continue;
      if (this.types.has(fromType)) throw resolveError(`type \`${name}\` merged twice`);
      this.types.set(fromType, intoType);
    }
    for (const [name, fromFunc] of from.functions) {
      const intoFunc = into.functions.get(name);
      if (intoFunc === undefined) continue;
      try {
        this.buildFunction(fromFunc, intoFunc);
      } catch (error) {
        throw withContext(error, `mismatch in function \`${name}\``);
      }
    }
  }

  /** Types are not compared structurally (the reference does not either); the shape of the signature is. */
  buildFunction(from: Function, into: Function): void {
    if (from.name !== into.name) throw resolveError(`different function names \`${from.name}\` and \`${into.name}\``);
    if (from.kind.kind !== into.kind.kind) throw resolveError('different function kind types');
    if (from.params.length !== into.params.length) throw resolveError('different number of function parameters');
    from.params.forEach((p, i) => {
      const q = into.params[i]!;
      if (p.name !== q.name) throw resolveError(`different function parameter names: ${p.name} != ${q.name}`);
      if (!sameTypeKind(p.type, q.type)) {
        throw withContext(resolveError('different kinds of types'), `different function parameter types for \`${p.name}\``);
      }
    });
    if ((from.result === undefined) !== (into.result === undefined)) throw resolveError('different number of function results');
    if (from.result !== undefined && !sameTypeKind(from.result, into.result!)) {
      throw withContext(resolveError('different kinds of types'), 'different function result types');
    }
  }

  #buildWorld(fromId: WorldId, intoId: WorldId): void {
    this.worlds.set(fromId, intoId);
    const from = this.#from.worlds[fromId]!;
    const into = this.#into.worlds[intoId]!;
    if (from.imports.size !== into.imports.size) throw resolveError('world contains different number of imports than expected');
    if (from.exports.size !== into.exports.size) throw resolveError('world contains different number of exports than expected');
    for (const [direction, fromItems, intoItems] of [['import', from.imports, into.imports], ['export', from.exports, into.exports]] as const) {
      for (const { key, item } of fromItems.values()) {
        const name = keyString(this.#from, key);
        const target = intoItems.get(worldKeyName(this.#mapKey(key)));
        if (target === undefined) throw resolveError(`${direction} \`${name}\` not found in target world`);
        try {
          this.#matchWorldItem(item, target.item);
        } catch (error) {
          throw withContext(error, `${direction} \`${name}\` didn't match target world`);
        }
      }
    }
  }

  #mapKey(key: WorldKey): WorldKey {
    return key.kind === 'name' ? key : { kind: 'interface', id: this.interfaces.get(key.id) ?? key.id };
  }

  #matchWorldItem(from: WorldItem, into: WorldItem): void {
    if (from.kind !== into.kind) throw resolveError('world items do not have the same type');
    if (from.kind === 'interface' && into.kind === 'interface') {
      const named = this.#from.interfaces[from.id]!.name !== undefined || this.#into.interfaces[into.id]!.name !== undefined;
      if (!named) this.buildInterface(from.id, into.id);
      else if (this.interfaces.get(from.id) !== into.id) throw resolveError('interfaces are not the same');
    } else if (from.kind === 'type' && into.kind === 'type') {
      if (this.types.has(from.id)) throw resolveError('type merged twice');
      this.types.set(from.id, into.id);
    }
  }
}

function sameTypeKind(a: Type, b: Type): boolean {
  return typeof a === 'number' ? typeof b === 'number' : a === b;
}

function withContext(error: unknown, context: string): unknown {
  if (error instanceof WitError) return new WitError(error.kind, `${context}: ${error.message}`, error.span);
  return error;
}

/** Moves a stability from `from` into `into` when `into` has none; two different ones are an error. */
function updateStability(from: Stability, into: Stability): Stability {
  if (from.kind === 'unknown' || sameStability(from, into)) return into;
  if (into.kind === 'unknown') return from;
  throw resolveError('mismatch in stability between two versions of the same item');
}

function sameStability(a: Stability, b: Stability): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Moves everything of `from` into `into`: packages with a name `into`
 * already knows are shared (their interfaces, types and worlds matched by
 * name, with missing types and functions added), everything else is
 * appended. Then every world of `into` is elaborated again. `from` must not
 * be used afterwards. Throws `WitError` when the two disagree.
 */
export function mergeResolve(into: Resolve, from: Resolve): Remap {
  const map = new MergeMap(from, into);
  map.build();

  const types: TypeId[] = [];
  const mapType = (id: TypeId): TypeId => {
    const mapped = types[id];
    if (mapped === undefined) throw resolveError(`type ${id} is used before it is defined`);
    return mapped;
  };
  const mapValue = (t: Type): Type => (typeof t === 'number' ? mapType(t) : t);
  const mapOptional = (t: Type | undefined): Type | undefined => (t === undefined ? undefined : mapValue(t));

  const movedTypes: TypeId[] = [];
  from.types.forEach((def, id) => {
    const existing = map.types.get(id);
    if (existing !== undefined) {
      const target = into.types[existing]!;
      target.stability = updateStability(def.stability, target.stability);
      types.push(existing);
      return;
    }
    movedTypes.push(id);
    into.types.push({ ...def, kind: remapKind(def.kind, mapType, mapValue, mapOptional) });
    types.push(into.types.length - 1);
  });

  const remapFunction = (func: Function): Function => ({
    ...func,
    kind: 'resource' in func.kind ? { ...func.kind, resource: mapType(func.kind.resource) } : func.kind,
    params: func.params.map((p) => ({ ...p, type: mapValue(p.type) })),
    result: mapOptional(func.result),
  });

  const interfaces: InterfaceId[] = [];
  const movedInterfaces: InterfaceId[] = [];
  from.interfaces.forEach((iface, id) => {
    const existing = map.interfaces.get(id);
    if (existing !== undefined) {
      const target = into.interfaces[existing]!;
      target.stability = updateStability(iface.stability, target.stability);
      for (const [name, t] of iface.types) if (!target.types.has(name)) target.types.set(name, mapType(t));
      for (const [name, f] of iface.functions) if (!target.functions.has(name)) target.functions.set(name, remapFunction(f));
      interfaces.push(existing);
      return;
    }
    movedInterfaces.push(id);
    const moved: Interface = {
      ...iface,
      types: new Map([...iface.types].map(([name, t]) => [name, mapType(t)])),
      functions: new Map([...iface.functions].map(([name, f]) => [name, remapFunction(f)])),
    };
    into.interfaces.push(moved);
    interfaces.push(into.interfaces.length - 1);
  });
  const mapInterface = (id: InterfaceId): InterfaceId => interfaces[id]!;
  const mapKey = (key: WorldKey): WorldKey => (key.kind === 'name' ? key : { kind: 'interface', id: mapInterface(key.id) });

  const worlds: WorldId[] = [];
  const movedWorlds: WorldId[] = [];
  from.worlds.forEach((world, id) => {
    const existing = map.worlds.get(id);
    if (existing !== undefined) {
      const target = into.worlds[existing]!;
      target.stability = updateStability(world.stability, target.stability);
      for (const [fromItems, intoItems] of [[world.imports, target.imports], [world.exports, target.exports]] as const) {
        for (const { key, item } of fromItems.values()) {
          if (key.kind !== 'interface' || item.kind !== 'interface') continue;
          const entry = intoItems.get(worldKeyName(mapKey(key)));
          if (entry?.item.kind !== 'interface') throw resolveError(`\`${keyString(from, key)}\` is missing from the merged world`);
          entry.item.stability = updateStability(item.stability, entry.item.stability);
        }
      }
      worlds.push(existing);
      return;
    }
    movedWorlds.push(id);
    const remapEntries = (entries: Map<string, WorldEntry>): Map<string, WorldEntry> => {
      const out = new Map<string, WorldEntry>();
      for (const { key, item } of entries.values()) {
        const newKey = mapKey(key);
        out.set(worldKeyName(newKey), { key: newKey, item: remapItem(item, mapType, mapInterface, remapFunction) });
      }
      return out;
    };
    const moved: World = { ...world, imports: remapEntries(world.imports), exports: remapEntries(world.exports) };
    into.worlds.push(moved);
    worlds.push(into.worlds.length - 1);
  });

  const packages: PackageId[] = [];
  from.packages.forEach((pkg, id) => {
    const existing = map.packages.get(id);
    if (existing !== undefined) {
      packages.push(existing);
      return;
    }
    into.packages.push({
      ...pkg,
      interfaces: new Map([...pkg.interfaces].map(([name, i]) => [name, mapInterface(i)])),
      worlds: new Map([...pkg.worlds].map(([name, w]) => [name, worlds[w]!])),
    });
    packages.push(into.packages.length - 1);
  });
  for (const [name, id] of from.packageNames) {
    const mapped = packages[id]!;
    const prev = into.packageNames.get(name);
    if (prev !== undefined && prev !== mapped) throw resolveError(`package \`${name}\` was merged inconsistently`);
    into.packageNames.set(name, mapped);
  }

  // Parent links of the items that moved.
  for (const id of movedWorlds) {
    const world = into.worlds[worlds[id]!]!;
    if (world.package !== undefined) world.package = packages[world.package]!;
  }
  for (const id of movedInterfaces) {
    const iface = into.interfaces[interfaces[id]!]!;
    if (iface.package !== undefined) iface.package = packages[iface.package]!;
    if (iface.cloneOf !== undefined) iface.cloneOf = mapInterface(iface.cloneOf);
  }
  for (const id of movedTypes) {
    const def = into.types[types[id]!]!;
    if (def.owner.kind === 'interface') def.owner = { kind: 'interface', id: mapInterface(def.owner.id) };
    else if (def.owner.kind === 'world') def.owner = { kind: 'world', id: worlds[def.owner.id]! };
  }

  for (const [name, pkg, iface] of map.interfacesToAdd) {
    if (into.packages[pkg]!.interfaces.has(name)) throw resolveError(`interface \`${name}\` added twice`);
    into.packages[pkg]!.interfaces.set(name, mapInterface(iface));
  }
  for (const [name, pkg, world] of map.worldsToAdd) {
    if (into.packages[pkg]!.worlds.has(name)) throw resolveError(`world \`${name}\` added twice`);
    into.packages[pkg]!.worlds.set(name, worlds[world]!);
  }

  // Merging may have added types to shared interfaces that need new imports.
  into.worlds.forEach((world, id) => elaborateWorld(into, id, world.span));
  return { types, interfaces, worlds, packages };
}

function remapKind(
  kind: TypeDefKind, mapType: (id: TypeId) => TypeId, mapValue: (t: Type) => Type, mapOptional: (t: Type | undefined) => Type | undefined,
): TypeDefKind {
  switch (kind.kind) {
    case 'handle':
      return { ...kind, resource: mapType(kind.resource) };
    case 'resource':
    case 'flags':
    case 'enum':
    case 'unknown':
      return kind;
    case 'record':
      return { kind: 'record', fields: kind.fields.map((f) => ({ ...f, type: mapValue(f.type) })) };
    case 'tuple':
      return { kind: 'tuple', types: kind.types.map(mapValue) };
    case 'variant':
      return { kind: 'variant', cases: kind.cases.map((c) => ({ ...c, type: mapOptional(c.type) })) };
    case 'option':
      return { kind: 'option', type: mapValue(kind.type) };
    case 'list':
      return { kind: 'list', element: mapValue(kind.element) };
    case 'fixed-length-list':
      return { ...kind, element: mapValue(kind.element) };
    case 'future':
    case 'stream':
      return { kind: kind.kind, type: mapOptional(kind.type) };
    case 'map':
      return { kind: 'map', key: mapValue(kind.key), value: mapValue(kind.value) };
    case 'result':
      return { kind: 'result', ok: mapOptional(kind.ok), err: mapOptional(kind.err) };
    case 'type':
      return { kind: 'type', type: mapValue(kind.type) };
    default:
      return unreachable(kind);
  }
}

function remapItem(
  item: WorldItem, mapType: (id: TypeId) => TypeId, mapInterface: (id: InterfaceId) => InterfaceId,
  remapFunction: (f: Function) => Function,
): WorldItem {
  switch (item.kind) {
    case 'function':
      return { kind: 'function', function: remapFunction(item.function) };
    case 'interface':
      return { ...item, id: mapInterface(item.id) };
    case 'type':
      return { ...item, id: mapType(item.id) };
    default:
      return unreachable(item);
  }
}

/** The interfaces a world item takes types from directly. */
function worldItemDirectDeps(resolve: Resolve, item: WorldItem): InterfaceId[] {
  if (item.kind === 'interface') return interfaceDirectDeps(resolve, item.id);
  if (item.kind === 'type') {
    const dep = typeInterfaceDep(resolve, item.id);
    return dep === undefined ? [] : [dep];
  }
  return [];
}

/** `id` and everything it depends on, transitively, each once, in depth-first pre-order. */
function forEachInterfaceDep(resolve: Resolve, id: InterfaceId, f: (id: InterfaceId) => void, visited = new Set<InterfaceId>()): void {
  depthFirst(
    id,
    (node) => {
      if (visited.has(node)) return true;
      visited.add(node);
      f(node);
      return interfaceDirectDeps(resolve, node);
    },
    () => {},
  );
}

/** Fails when `world` exports `id` or anything `id` depends on, naming the chain of dependencies that led there. */
function ensureNotExported(resolve: Resolve, world: World, id: InterfaceId): void {
  // The names from `id` down to the node being checked; an interface checked once need not be again.
  const path: string[] = [];
  const checked = new Set<InterfaceId>();
  depthFirst(
    id,
    (node) => {
      if (checked.has(node)) return true;
      const key: WorldKey = { kind: 'interface', id: node };
      const name = keyString(resolve, key);
      if (world.exports.has(worldKeyName(key))) {
        const error = resolveError(`world exports \`${name}\` but it's also transitively used by an import which means that this is not valid`);
        throw path.reduceRight<unknown>((inner, outer) => withContext(inner, `failed validating transitive import dep \`${outer}\``), error);
      }
      path.push(name);
      return interfaceDirectDeps(resolve, node);
    },
    (node) => {
      path.pop();
      checked.add(node);
    },
  );
}

/**
 * Adds the imports and exports of world `from` to world `into`: items both
 * have must agree, new ones are copied, with the types and inline
 * interfaces `from` owns cloned so that they belong to `into`. Throws
 * `WitError` when an export would change the meaning of `into`.
 */
export function mergeWorlds(resolve: Resolve, from: WorldId, into: WorldId): void {
  const fromWorld = resolve.worlds[from]!;
  const intoWorld = resolve.worlds[into]!;
  const newImports: WorldEntry[] = [];
  const newExports: WorldEntry[] = [];

  for (const [name, entry] of fromWorld.imports) {
    const existing = intoWorld.imports.get(name);
    if (existing === undefined) newImports.push(entry);
    else mergeWorldItem(resolve, entry.item, existing.item, `failed to merge world import ${keyString(resolve, entry.key)}`);
  }

  const mustBeImported = new Map<InterfaceId, WorldKey>();
  for (const { key, item } of intoWorld.exports.values()) {
    for (const dep of worldItemDirectDeps(resolve, item)) {
      if (intoWorld.exports.has(worldKeyName({ kind: 'interface', id: dep }))) continue;
      forEachInterfaceDep(resolve, dep, (id) => mustBeImported.set(id, key));
    }
  }

  for (const [name, entry] of fromWorld.exports) {
    const existing = intoWorld.exports.get(name);
    if (existing !== undefined) {
      mergeWorldItem(resolve, entry.item, existing.item, `failed to merge world export ${keyString(resolve, entry.key)}`);
      continue;
    }
    const exportName = keyString(resolve, entry.key);
    try {
      for (const dep of worldItemDirectDeps(resolve, entry.item)) {
        if (intoWorld.exports.has(worldKeyName({ kind: 'interface', id: dep }))) continue;
        try {
          ensureNotExported(resolve, intoWorld, dep);
        } catch (error) {
          throw withContext(error, `failed validating export of \`${exportName}\``);
        }
      }
      if (entry.item.kind === 'interface') {
        const dependent = mustBeImported.get(entry.item.id);
        if (dependent !== undefined) {
          const dependentName = keyString(resolve, dependent);
          throw resolveError(
            `export \`${dependentName}\` depends on \`${exportName}\` previously as an import which will change meaning if \`${exportName}\` is added as an export`,
          );
        }
      }
    } catch (error) {
      throw withContext(error, `failed to add export \`${exportName}\``);
    }
    newExports.push(entry);
  }

  // Types `into` already imports under the same name stay shared.
  const types = new Map<TypeId, TypeId>();
  for (const [name, { key, item }] of intoWorld.imports) {
    if (key.kind !== 'name' || item.kind !== 'type') continue;
    const same = fromWorld.imports.get(name);
    if (same?.item.kind === 'type') types.set(same.item.id, item.id);
  }
  const intoPackage = intoWorld.package;
  if (intoPackage === undefined) throw resolveError(`world \`${intoWorld.name}\` has no package`);
  const cloner = new Cloner(resolve, { kind: 'world', id: from }, { kind: 'world', id: into }, intoPackage, { types, interfaces: new Map() });
  const cloned = (entries: WorldEntry[]): WorldEntry[] => entries.map(({ key, item }) => ({ key, item: cloner.worldItem(key, item) }));
  const imports = cloned(newImports);
  const exports = cloned(newExports);
  for (const entry of imports) intoWorld.imports.set(worldKeyName(entry.key), entry);
  for (const entry of exports) intoWorld.exports.set(worldKeyName(entry.key), entry);
}

function mergeWorldItem(resolve: Resolve, from: WorldItem, into: WorldItem, context: string): void {
  const map = new MergeMap(resolve, resolve);
  try {
    if (from.kind !== into.kind) throw resolveError('different kinds of items');
    if (from.kind === 'interface' && into.kind === 'interface') {
      if (from.id === into.id) return;
      try {
        map.buildInterface(from.id, into.id);
      } catch (error) {
        throw withContext(error, 'failed to merge interfaces');
      }
    } else if (from.kind === 'function' && into.kind === 'function') {
      try {
        map.buildFunction(from.function, into.function);
      } catch (error) {
        throw withContext(error, 'failed to merge functions');
      }
    }
  } catch (error) {
    throw withContext(error, context);
  }
}
