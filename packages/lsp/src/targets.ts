/**
 * What a name of the package's own files means in its resolve: the item a
 * {@link Reference} names, found through the resolve's arenas (a type through
 * the `use`s that bring it in, to where it is declared), with the span it is
 * declared at.
 */
import {
  packageNameString, unreachable, type Function, type InterfaceId, type LoadedWit, type Package, type Span, type TypeId, type WitAst, type WitItemRef,
  type WorldId,
} from '@weld/wit';
import type { Reference, Scope } from './occurrences.js';

/** An item and where it is declared, in the resolve's combined offsets. */
export interface Target {
  readonly item: WitItemRef;
  readonly span: Span;
  readonly docs: string | undefined;
}

/**
 * The item `reference` names in `loaded`; `at` is the reference's start in
 * the resolve's offsets (how a function is found: by where it is declared).
 */
export function findTarget(loaded: LoadedWit, reference: Reference, at: number): Target | undefined {
  const { resolve } = loaded;
  const main = resolve.packages[loaded.main]!;
  switch (reference.kind) {
    case 'type': {
      const id = scopeType(loaded, main, reference.scope, reference.name);
      return id === undefined ? undefined : typeTarget(loaded, declared(loaded, id));
    }
    case 'used': {
      const from = pathItem(loaded, main, reference.path);
      if (from?.kind !== 'interface') return undefined;
      const id = resolve.interfaces[from.id]!.types.get(reference.name);
      return id === undefined ? undefined : typeTarget(loaded, declared(loaded, id));
    }
    case 'path': {
      const item = pathItem(loaded, main, reference.path);
      if (item === undefined) return undefined;
      const found = item.kind === 'interface' ? resolve.interfaces[item.id]! : resolve.worlds[item.id]!;
      return { item, span: found.span, docs: found.docs };
    }
    case 'function': {
      const func = functionAt(loaded, at);
      return func === undefined ? undefined : { item: { kind: 'function', function: func }, span: func.span, docs: func.docs };
    }
    default:
      return unreachable(reference);
  }
}

function typeTarget(loaded: LoadedWit, id: TypeId): Target {
  const type = loaded.resolve.types[id]!;
  return { item: { kind: 'type', id }, span: type.span, docs: type.docs };
}

/** A type name of an interface or world of the main package. */
function scopeType(loaded: LoadedWit, main: Package, scope: Scope, name: string): TypeId | undefined {
  const { resolve } = loaded;
  if (scope.kind === 'interface') {
    const id = main.interfaces.get(scope.name);
    return id === undefined ? undefined : resolve.interfaces[id]!.types.get(name);
  }
  const id = main.worlds.get(scope.kind === 'world' ? scope.name : scope.world);
  const world = id === undefined ? undefined : resolve.worlds[id]!;
  if (scope.kind === 'world') {
    const entry = world?.imports.get(name);
    return entry?.item.kind === 'type' ? entry.item.id : undefined;
  }
  const entry = (scope.direction === 'import' ? world?.imports : world?.exports)?.get(scope.name);
  return entry?.item.kind === 'interface' ? resolve.interfaces[entry.item.id]!.types.get(name) : undefined;
}

/**
 * Where a type is declared: a `use` makes an alias owned by the interface
 * that uses it, so aliases of named types owned elsewhere are followed (a
 * `type a = b` of the same owner is a declaration of its own).
 */
function declared(loaded: LoadedWit, start: TypeId): TypeId {
  const { types } = loaded.resolve;
  let id = start;
  for (let steps = 0; steps < types.length; steps++) {
    const type = types[id]!;
    if (type.kind.kind !== 'type' || typeof type.kind.type !== 'number') return id;
    const target = types[type.kind.type]!;
    const sameOwner = target.owner.kind === type.owner.kind && (target.owner.kind === 'none' || (type.owner.kind !== 'none' && target.owner.id === type.owner.id));
    if (target.name === undefined || sameOwner) return id;
    id = type.kind.type;
  }
  return id;
}

/** The interface or world a path names: one of the main package, or `ns:pkg/name@version` of any package of the resolve. */
function pathItem(
  loaded: LoadedWit, main: Package, path: WitAst.UsePath,
): { readonly kind: 'interface'; readonly id: InterfaceId } | { readonly kind: 'world'; readonly id: WorldId } | undefined {
  let pkg: Package | undefined = main;
  let name: string;
  if (path.kind === 'id') name = path.id.name;
  else {
    const { namespace, name: pkgName, version } = path.package;
    const id = loaded.resolve.packageNames.get(packageNameString({ namespace: namespace.name, name: pkgName.name, version: version?.text }));
    pkg = id === undefined ? undefined : loaded.resolve.packages[id];
    name = path.name.name;
  }
  if (pkg === undefined) return undefined;
  const iface = pkg.interfaces.get(name);
  if (iface !== undefined) return { kind: 'interface', id: iface };
  const world = pkg.worlds.get(name);
  return world === undefined ? undefined : { kind: 'world', id: world };
}

/** The function declared at `at` (its name's start), in an interface or a world of the resolve. */
function functionAt(loaded: LoadedWit, at: number): Function | undefined {
  for (const iface of loaded.resolve.interfaces) {
    for (const func of iface.functions.values()) if (func.span.start === at) return func;
  }
  for (const world of loaded.resolve.worlds) {
    for (const entries of [world.imports, world.exports]) {
      for (const { item } of entries.values()) if (item.kind === 'function' && item.function.span.start === at) return item.function;
    }
  }
  return undefined;
}
