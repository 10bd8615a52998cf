/**
 * Joins resolved-alone packages into one `Resolve`: packages in dependency
 * order, foreign placeholders swapped for real items, features applied,
 * includes copied in and worlds elaborated. A port of the reference's
 * `Resolve::push` and its `Remap`.
 */
import { Cloner } from './clone.js';
import { WitError } from '../errors.js';
import type {
  Function, InterfaceId, PackageId, Resolve, Stability, Type, TypeDef, TypeDefKind, TypeId, WorldEntry, WorldId, WorldItem,
} from '../model.js';
import { packageNameString, unknownStability, worldKeyName } from '../model.js';
import { canonicalName, parsePlainName } from './component-name.js';
import { placeSettersAfterGetters, accessorOf } from './resolve-package.js';
import { elaborateWorld } from './elaborate.js';
import { depthFirst } from './walk.js';
import { compareSemver, parseSemver, versionGreater } from '../semver.js';
import type { Span } from '../source-map.js';
import type { ForeignPackage, UnresolvedPackage } from './unresolved.js';
import { unreachable } from '../unreachable.js';

/**
 * Adds `packages` (each group's nested packages, then its main one) to
 * `resolve` in dependency order. Returns the id each package got, in input order.
 */
export function pushPackages(resolve: Resolve, packages: readonly UnresolvedPackage[]): PackageId[] {
  const byName = new Map<string, UnresolvedPackage>();
  for (const pkg of packages) {
    const key = packageNameString(pkg.name);
    if (resolve.packageNames.has(key)) {
      // The reference asserts here (a package decoded from wasm, then the same name in WIT text).
      throw new WitError('resolve', `package \`${key}\` is defined twice: in WIT text and by a package encoded as wasm`, pkg.nameSpan);
    }
    const prev = byName.get(key);
    if (prev) {
      const here = resolve.sourceMap.locate(pkg.nameSpan);
      const there = resolve.sourceMap.locate(prev.nameSpan);
      const at = (l: typeof here) => (l ? `${l.path}:${l.line}:${l.column}` : '<unknown>');
      const labels = [here, there].flatMap((location) => (location === undefined ? [] : [{ location, text: `\`${key}\` is defined here` }]));
      throw new WitError('resolve', `package \`${key}\` is defined in two different locations:\n  * ${at(here)}\n  * ${at(there)}`, undefined, undefined, { labels });
    }
    byName.set(key, pkg);
  }

  // Visit packages sorted by name (as the reference's BTreeMap does), depth first through their deps.
  const sorted = [...byName.values()].sort((a, b) => comparePackageNames(a, b));
  const order: UnresolvedPackage[] = [];
  const done = new Set<string>();
  // A node is a package reached through the dep it was named by (none for
  // the roots); `visiting` holds the deps on the current path.
  const visiting = new Set<string>();
  interface Node { readonly pkg: UnresolvedPackage | undefined; readonly dep?: readonly [string, ForeignPackage] }
  const enter = ({ pkg, dep }: Node): Iterable<Node> => {
    if (dep !== undefined) {
      const [name, foreign] = dep;
      if (visiting.has(name)) throw new WitError('resolve', `package \`${name}\` creates a dependency cycle`, foreign.span);
      visiting.add(name);
    }
    if (pkg === undefined || done.has(packageNameString(pkg.name))) return [];
    return [...pkg.foreignDeps].map((edge) => ({ pkg: byName.get(edge[0]), dep: edge }));
  };
  const leave = ({ pkg, dep }: Node): void => {
    if (dep !== undefined) visiting.delete(dep[0]);
    if (pkg === undefined || done.has(packageNameString(pkg.name))) return;
    done.add(packageNameString(pkg.name));
    order.push(pkg);
  };
  for (const pkg of sorted) depthFirst<Node>({ pkg }, enter, leave);

  const ids = new Map<UnresolvedPackage, PackageId>();
  for (const pkg of order) ids.set(pkg, new Remap(resolve).append(pkg));
  return packages.map((p) => ids.get(byName.get(packageNameString(p.name))!)!);
}

function comparePackageNames(a: UnresolvedPackage, b: UnresolvedPackage): number {
  const byText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return byText(a.name.namespace, b.name.namespace)
    || byText(a.name.name, b.name.name)
    || compareOptionalVersions(a.name.version, b.name.version);
}

function compareOptionalVersions(a: string | undefined, b: string | undefined): number {
  if (a === undefined || b === undefined) return (a === undefined ? 0 : 1) - (b === undefined ? 0 : 1);
  return compareSemver(parseSemver(a), parseSemver(b));
}

/** Whether an item gated by `stability` is kept; fails on gates the package cannot have. */
export function includeStability(resolve: Resolve, stability: Stability, pkg: PackageId, span: Span): boolean {
  switch (stability.kind) {
    case 'unknown':
      return true;
    case 'stable': {
      const p = resolve.packages[pkg];
      if (!p) return true;
      const name = packageNameString(p.name);
      if (p.name.version === undefined) {
        throw new WitError('resolve', `package [${name}] contains a feature gate with a version specifier, so it must have a version`, span);
      }
      if (versionGreater(stability.since, p.name.version)) {
        throw new WitError(
          'resolve',
          `feature gate cannot reference unreleased version ${stability.since} of package [${name}] (current version ${p.name.version})`,
          span,
        );
      }
      return true;
    }
    case 'unstable':
      resolve.featuresSeen.add(stability.feature);
      return resolve.allFeatures || resolve.features.has(stability.feature);
    default:
      return unreachable(stability);
  }
}

/** Maps one unresolved package's ids onto the resolve's, as it copies the package in. */
class Remap {
  readonly #resolve: Resolve;
  readonly #types: (TypeId | undefined)[] = [];
  readonly #interfaces: (InterfaceId | undefined)[] = [];
  readonly #worlds: (WorldId | undefined)[] = [];
  /** The one `own<T>` handle made for each resource `T`. */
  readonly #ownHandles = new Map<TypeId, TypeId>();
  readonly #hasBorrow = new Map<TypeId, boolean>();

  constructor(resolve: Resolve) {
    this.#resolve = resolve;
  }

  append(unresolved: UnresolvedPackage): PackageId {
    const resolve = this.#resolve;
    resolve.packages.push({ name: unresolved.name, docs: unresolved.docs, interfaces: new Map(), worlds: new Map() });
    const pkg = resolve.packages.length - 1;
    resolve.packageNames.set(packageNameString(unresolved.name), pkg);
    this.#processForeignDeps(unresolved, pkg);

    const foreignTypes = this.#types.length;
    const foreignInterfaces = this.#interfaces.length;
    const foreignWorlds = this.#worlds.length;

    unresolved.types.slice(foreignTypes).forEach((original) => {
      if (!includeStability(resolve, original.stability, pkg, original.span)) {
        this.#types.push(undefined);
        return;
      }
      const def: TypeDef = { ...original, kind: this.#updateTypeDefKind(original.kind, original.span) };
      resolve.types.push(def);
      let id = resolve.types.length - 1;
      if (def.name === undefined && def.owner.kind === 'none' && def.kind.kind === 'handle' && def.kind.handle === 'own') {
        const existing = this.#ownHandles.get(def.kind.resource);
        if (existing === undefined) this.#ownHandles.set(def.kind.resource, id);
        else id = existing;
      }
      this.#types.push(id);
    });

    unresolved.interfaces.slice(foreignInterfaces).forEach((original) => {
      if (!includeStability(resolve, original.stability, pkg, original.span)) {
        this.#interfaces.push(undefined);
        return;
      }
      const types = new Map<string, TypeId>();
      for (const [name, t] of original.types) {
        if (this.#types[t] === undefined) continue;
        types.set(name, this.#map(this.#types, t, 'type', original.span));
      }
      const functions = new Map<string, Function>();
      for (const [name, func] of original.functions) {
        if (includeStability(resolve, func.stability, pkg, func.span)) functions.set(name, this.#updateFunction(func, func.span));
      }
      resolve.interfaces.push({ ...original, types, functions, package: pkg });
      this.#interfaces.push(resolve.interfaces.length - 1);
    });

    for (const id of this.#types.slice(foreignTypes)) {
      if (id === undefined) continue;
      const def = resolve.types[id]!;
      if (def.owner.kind === 'interface') {
        def.owner = { kind: 'interface', id: this.#mapForType(this.#interfaces, def.owner.id, 'interface', def.span) };
      }
    }

    unresolved.worlds.slice(foreignWorlds).forEach((original) => {
      if (!includeStability(resolve, original.stability, pkg, original.span)) {
        this.#worlds.push(undefined);
        return;
      }
      const world = { ...original, imports: new Map<string, WorldEntry>(), exports: new Map<string, WorldEntry>() };
      this.#updateWorldItems(original.imports, world.imports, pkg);
      this.#updateWorldItems(original.exports, world.exports, pkg);
      resolve.worlds.push(world);
      this.#worlds.push(resolve.worlds.length - 1);
    });

    for (const id of this.#types.slice(foreignTypes)) {
      if (id === undefined) continue;
      const def = resolve.types[id]!;
      if (def.owner.kind === 'world') {
        def.owner = { kind: 'world', id: this.#mapForType(this.#worlds, def.owner.id, 'world', def.span) };
      }
    }

    for (const id of this.#worlds.slice(foreignWorlds)) {
      if (id === undefined) continue;
      resolve.worlds[id]!.package = pkg;
      this.#processWorldIncludes(id, pkg);
      elaborateWorld(resolve, id, resolve.worlds[id]!.span);
    }

    for (const id of this.#interfaces.slice(foreignInterfaces)) {
      if (id === undefined) continue;
      const iface = resolve.interfaces[id]!;
      iface.package = pkg;
      if (iface.name !== undefined) resolve.packages[pkg]!.interfaces.set(iface.name, id);
    }
    for (const id of this.#worlds.slice(foreignWorlds)) {
      if (id === undefined) continue;
      const world = resolve.worlds[id]!;
      world.package = pkg;
      resolve.packages[pkg]!.worlds.set(world.name, id);
    }
    return pkg;
  }

  #map(map: readonly (number | undefined)[], id: number, desc: string, span: Span): number {
    if (id >= map.length) throw new Error(`a ${desc} was used before it was registered`);
    const mapped = map[id];
    if (mapped === undefined) {
      throw new WitError('resolve', `found a reference to a ${desc} which is excluded due to its feature not being activated`, span);
    }
    return mapped;
  }

  #mapForType(map: readonly (number | undefined)[], id: number, desc: string, span: Span): number {
    try {
      return this.#map(map, id, desc, span);
    } catch (error) {
      if (!(error instanceof WitError)) throw error;
      throw new WitError('resolve', `${error.message}; this type is not gated by a feature but its ${desc} is`, span);
    }
  }

  #processForeignDeps(unresolved: UnresolvedPackage, pkg: PackageId): void {
    const resolve = this.#resolve;
    const interfaceOwners = new Map<InterfaceId, { dep: string; name: string; span: Span; stabilities: Stability[] }>();
    const worldOwners = new Map<WorldId, { dep: string; name: string; span: Span; stabilities: Stability[] }>();
    for (const [dep, foreign] of unresolved.foreignDeps) {
      for (const [name, { item, stabilities }] of foreign.items) {
        (item.kind === 'interface' ? interfaceOwners : worldOwners).set(item.id, { dep, name, span: foreign.span, stabilities });
      }
    }
    const findPackage = (dep: string, span: Span): PackageId => {
      const id = resolve.packageNames.get(dep);
      if (id !== undefined) return id;
      const known = [...resolve.packageNames.keys()];
      throw new WitError(
        'resolve',
        known.length === 0 ? `package '${dep}' not found` : `package '${dep}' not found. known packages:${known.map((k) => `\n    ${k}`).join('')}`,
        span,
        undefined,
        { hint: { kind: 'missing-package', requested: dep, known } },
      );
    };
    const enabled = (stabilities: readonly Stability[], span: Span) =>
      stabilities.some((s) => includeStability(resolve, s, pkg, span));

    for (let id = 0; id < unresolved.interfaces.length; id++) {
      const owner = interfaceOwners.get(id);
      if (!owner) break;
      const depId = findPackage(owner.dep, owner.span);
      const span = unresolved.interfaces[id]!.span;
      if (!enabled(owner.stabilities, span)) {
        this.#interfaces.push(undefined);
        continue;
      }
      const found = resolve.packages[depId]!.interfaces.get(owner.name);
      if (found === undefined) {
        throw new WitError('resolve', `interface '${owner.name}' not found in package '${owner.dep}'`, span);
      }
      this.#interfaces.push(found);
    }
    for (let id = 0; id < unresolved.worlds.length; id++) {
      const owner = worldOwners.get(id);
      if (!owner) break;
      const depId = findPackage(owner.dep, owner.span);
      const span = unresolved.worlds[id]!.span;
      if (!enabled(owner.stabilities, span)) {
        this.#worlds.push(undefined);
        continue;
      }
      const found = resolve.packages[depId]!.worlds.get(owner.name);
      if (found === undefined) {
        throw new WitError('resolve', `world '${owner.name}' not found in package '${owner.dep}'`, span);
      }
      this.#worlds.push(found);
    }
    for (const def of unresolved.types) {
      if (def.kind.kind !== 'unknown') break;
      if (!includeStability(resolve, def.stability, pkg, def.span)) {
        this.#types.push(undefined);
        continue;
      }
      if (def.owner.kind !== 'interface') throw new Error('a foreign type belongs to an interface');
      const iface = this.#map(this.#interfaces, def.owner.id, 'interface', { start: -1, end: -1 });
      const found = resolve.interfaces[iface]!.types.get(def.name!);
      if (found === undefined) throw new WitError('resolve', `type \`${def.name}\` not defined in interface`, def.span);
      this.#types.push(found);
    }
    for (const [id, span] of unresolved.requiredResourceTypes) {
      let cur = this.#types[id];
      if (cur === undefined) continue;
      for (;;) {
        const kind: TypeDefKind = resolve.types[cur]!.kind;
        if (kind.kind === 'type' && typeof kind.type === 'number') cur = kind.type;
        else if (kind.kind === 'resource') break;
        else throw new WitError('resolve', 'type used in a handle must be a resource', span);
      }
    }
  }

  /** Remaps the ids in a type definition; a `type a = b` alias keeps pointing at `b` itself. */
  #updateTypeDefKind(kind: TypeDefKind, span: Span): TypeDefKind {
    const ty = (t: Type, s: Span = span) => this.#updateType(t, s);
    const opt = (t: Type | undefined) => (t === undefined ? undefined : ty(t));
    switch (kind.kind) {
      case 'handle':
        return { ...kind, resource: this.#map(this.#types, kind.resource, 'type', span) };
      case 'resource':
      case 'flags':
      case 'enum':
        return kind;
      case 'record':
        return { kind: 'record', fields: kind.fields.map((f) => ({ ...f, type: ty(f.type, f.span) })) };
      case 'tuple':
        return { kind: 'tuple', types: kind.types.map((t) => ty(t)) };
      case 'variant':
        return { kind: 'variant', cases: kind.cases.map((c) => ({ ...c, type: opt(c.type) })) };
      case 'option':
        return { kind: 'option', type: ty(kind.type) };
      case 'list':
        return { kind: 'list', element: ty(kind.element) };
      case 'fixed-length-list':
        return { ...kind, element: ty(kind.element) };
      case 'future':
      case 'stream':
        return { kind: kind.kind, type: opt(kind.type) };
      case 'map':
        return { kind: 'map', key: ty(kind.key), value: ty(kind.value) };
      case 'result':
        return { kind: 'result', ok: opt(kind.ok), err: opt(kind.err) };
      case 'type':
        return typeof kind.type === 'number' ? { kind: 'type', type: this.#map(this.#types, kind.type, 'type', span) } : kind;
      case 'unknown':
        throw new Error('an unknown type survived to joining');
      default:
        return unreachable(kind);
    }
  }

  /** Remaps a type used as a value; a bare resource there means `own<resource>`. */
  #updateType(type: Type, span: Span): Type {
    if (typeof type !== 'number') return type;
    const id = this.#map(this.#types, type, 'type', span);
    let cur = id;
    for (;;) {
      const kind = this.#resolve.types[cur]!.kind;
      if (kind.kind === 'type' && typeof kind.type === 'number') cur = kind.type;
      else if (kind.kind === 'resource') break;
      else return id;
    }
    let handle = this.#ownHandles.get(id);
    if (handle === undefined) {
      this.#resolve.types.push({
        name: undefined, kind: { kind: 'handle', handle: 'own', resource: id }, owner: { kind: 'none' }, docs: undefined,
        stability: unknownStability, span: { start: -1, end: -1 }, externalId: undefined,
      });
      handle = this.#resolve.types.length - 1;
      this.#ownHandles.set(id, handle);
    }
    return handle;
  }

  #updateFunction(func: Function, span: Span): Function {
    const kind = 'resource' in func.kind ? { ...func.kind, resource: this.#map(this.#types, func.kind.resource, 'type', span) } : func.kind;
    const params = func.params.map((p) => ({ ...p, type: this.#updateType(p.type, span) }));
    const result = func.result === undefined ? undefined : this.#updateType(func.result, span);
    if (result !== undefined && this.#typeHasBorrow(result)) {
      throw new WitError(
        'resolve', `function \`${func.name}\` returns a type which contains a \`borrow<T>\` which is not supported`, span,
      );
    }
    return { ...func, kind, params, result };
  }

  #updateWorldItems(from: ReadonlyMap<string, WorldEntry>, into: Map<string, WorldEntry>, pkg: PackageId): void {
    const resolve = this.#resolve;
    for (const { key, item } of from.values()) {
      const span = item.kind === 'function' ? item.function.span : item.span;
      let updated: WorldItem = item;
      if (item.kind === 'type') updated = { ...item, id: this.#map(this.#types, item.id, 'type', span) };
      const stability = updated.kind === 'interface' ? updated.stability
        : updated.kind === 'function' ? updated.function.stability : resolve.types[updated.id]!.stability;
      if (!includeStability(resolve, stability, pkg, span)) continue;
      const newKey = key.kind === 'interface' ? { kind: 'interface' as const, id: this.#map(this.#interfaces, key.id, 'interface', span) } : key;
      if (updated.kind === 'interface') updated = { ...updated, id: this.#map(this.#interfaces, updated.id, 'interface', span) };
      else if (updated.kind === 'function') updated = { kind: 'function', function: this.#updateFunction(updated.function, span) };
      into.set(worldKeyName(newKey), { key: newKey, item: updated });
    }
  }

  #processWorldIncludes(id: WorldId, pkg: PackageId): void {
    const resolve = this.#resolve;
    const world = resolve.worlds[id]!;
    const includes = world.includes;
    world.includes = [];
    for (const include of includes) {
      if (!includeStability(resolve, include.stability, pkg, include.span)) continue;
      this.#resolveInclude(id, include.id, include.names, include.span, pkg);
    }
    validateStronglyUnique(resolve, id);
    placeSettersAfterGetters(world.imports, worldItemFunction);
    placeSettersAfterGetters(world.exports, worldItemFunction);
    for (const [items, itemType] of [[world.imports, 'import'], [world.exports, 'export']] as const) {
      for (const entry of items.values()) {
        const f = worldItemFunction(entry);
        if (!f || accessorOf(f.kind) !== 'setter') continue;
        const getter = f.name.replace('[set]', '[get]');
        if (!items.has(getter)) {
          throw new WitError(
            'resolve', `${itemType} \`${f.name}\` in world \`${world.name}\` has no corresponding getter \`${getter}\``, f.span,
          );
        }
      }
    }
  }

  #resolveInclude(id: WorldId, includeOriginal: WorldId, names: readonly { name: string; as: string }[], span: Span, pkg: PackageId): void {
    const resolve = this.#resolve;
    const world = resolve.worlds[id]!;
    const includeId = this.#map(this.#worlds, includeOriginal, 'world', span);
    const included = resolve.worlds[includeId]!;
    const external = world.package !== included.package;

    const unmatched = names.filter((n) =>
      ![...included.imports.values(), ...included.exports.values()].some(({ key }) => key.kind === 'name' && rename(key.name, n) !== undefined));
    if (unmatched.length > 0) {
      throw new WitError(
        'resolve', `no import or export kebab-name \`${unmatched[0]!.name}\`. Note that an ID does not support renaming`, span,
      );
    }

    const cloner = new Cloner(resolve, { kind: 'world', id: includeId }, { kind: 'world', id }, pkg);
    const copy = (entries: Map<string, WorldEntry>, into: Map<string, WorldEntry>, itemType: string) => {
      for (const { key, item } of [...entries.values()]) {
        if (key.kind === 'name') {
          const name = names.map((n) => rename(key.name, n)).find((n) => n !== undefined) ?? key.name;
          let copied = cloner.worldItem(key, item);
          if (copied.kind === 'function') copied = { kind: 'function', function: { ...copied.function, name } };
          else if (copied.kind === 'type') resolve.types[copied.id]!.name = name;
          if (into.has(name)) throw new WitError('resolve', `${itemType} of \`${name}\` shadows previously ${itemType}ed items`, span);
          into.set(name, { key: { kind: 'name', name }, item: copied });
        } else {
          const keyName = worldKeyName(key);
          // As the reference's `entry().or_insert()`: a new key is merged with itself, so a stable
          // gate from another package is dropped here too, and a later include may then gate it.
          const prev = into.get(keyName) ?? { key, item };
          into.set(keyName, prev);
          if (item.kind !== 'interface' || prev.item.kind !== 'interface') throw new Error('interface keys hold interfaces');
          prev.item = { ...prev.item, stability: mergeIncludeStability(item.stability, prev.item.stability, external, item.span) };
        }
      }
    };
    copy(included.imports, world.imports, 'import');
    copy(included.exports, world.exports, 'export');
  }

  #typeHasBorrow(type: Type): boolean {
    if (typeof type !== 'number') return false;
    const cached = this.#hasBorrow.get(type);
    if (cached !== undefined) return cached;
    const kind = this.#resolve.types[type]!.kind;
    const any = (types: readonly (Type | undefined)[]) => types.some((t) => t !== undefined && this.#typeHasBorrow(t));
    let result: boolean;
    switch (kind.kind) {
      case 'type':
        result = this.#typeHasBorrow(kind.type);
        break;
      case 'variant':
        result = any(kind.cases.map((c) => c.type));
        break;
      case 'handle':
        result = kind.handle === 'borrow';
        break;
      case 'record':
        result = any(kind.fields.map((f) => f.type));
        break;
      case 'tuple':
        result = any(kind.types);
        break;
      case 'list':
      case 'fixed-length-list':
        result = this.#typeHasBorrow(kind.element);
        break;
      case 'option':
      case 'future':
      case 'stream':
        result = any([kind.type]);
        break;
      case 'map':
        result = any([kind.key, kind.value]);
        break;
      case 'result':
        result = any([kind.ok, kind.err]);
        break;
      case 'resource':
      case 'flags':
      case 'enum':
      case 'unknown':
        result = false;
        break;
      default:
        return unreachable(kind);
    }
    this.#hasBorrow.set(type, result);
    return result;
  }
}

function worldItemFunction(entry: WorldEntry): Function | undefined {
  return entry.item.kind === 'function' ? entry.item.function : undefined;
}

/** The new name of `original` under an `include … with { name as as }`, if the rename applies. */
function rename(original: string, include: { name: string; as: string }): string | undefined {
  const prefix = /^(\[[^\]]*\])*/.exec(original)![0];
  const rest = original.slice(prefix.length);
  const dot = rest.indexOf('.');
  if (dot !== -1) return rest.slice(0, dot) === include.name ? `${prefix}${include.as}${rest.slice(dot)}` : undefined;
  return rest === include.name ? `${prefix}${include.as}` : undefined;
}

function sameStability(a: Stability, b: Stability): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function mergeIncludeStability(from: Stability, into: Stability, external: boolean, span: Span): Stability {
  if (external && from.kind === 'stable') return unknownStability;
  if (sameStability(from, into) || from.kind === 'unknown') return into;
  if (into.kind === 'unknown') return from;
  throw new WitError('resolve', `mismatch in stability from '${debugStability(from)}' to '${debugStability(into)}'`, span);
}

// Rust's `{:?}` of a stability, which the reference puts in this message.
function debugStability(s: Stability): string {
  const dep = (d: string | undefined) => (d === undefined ? 'None' : `Some(Version { major: ${d.split('.')[0]}, minor: ${d.split('.')[1]}, patch: ${d.split('.')[2]?.split(/[-+]/)[0]} })`);
  switch (s.kind) {
    case 'unknown':
      return 'Unknown';
    case 'stable':
      return `Stable { since: ${dep(s.since).slice(5, -1)}, deprecated: ${dep(s.deprecated)} }`;
    case 'unstable':
      return `Unstable { feature: "${s.feature}", deprecated: ${dep(s.deprecated)} }`;
    default:
      return unreachable(s);
  }
}

function validateStronglyUnique(resolve: Resolve, id: WorldId): void {
  const world = resolve.worlds[id]!;
  for (const [items, itemType] of [[world.imports, 'import'], [world.exports, 'export']] as const) {
    const seen = new Map<string, string>();
    for (const { key } of items.values()) {
      if (key.kind !== 'name') continue;
      const parsed = parsePlainName(key.name);
      if (!parsed) continue;
      const canonical = canonicalName(parsed);
      const existing = seen.get(canonical);
      if (existing !== undefined) {
        throw new WitError(
          'resolve',
          `${itemType} \`${key.name}\` in world \`${world.name}\` conflicts with ${itemType} \`${existing}\` (names must be strongly unique)`,
        );
      }
      seen.set(canonical, key.name);
    }
  }
}
