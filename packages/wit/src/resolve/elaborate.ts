/**
 * World elaboration: after it, a world lists every interface its imports
 * and exports need, in dependency order, and exports that would need the
 * same interface both imported and exported are rejected.
 */
import { WitError } from '../errors.js';
import type { Docs, InterfaceId, Resolve, Stability, TypeId, WorldEntry, WorldId, WorldItem, WorldKey } from '../model.js';
import { qualifiedName, sameOwner, worldKeyName } from '../model.js';
import type { Span } from '../source-map.js';
import { unreachable } from '../unreachable.js';
import { depthFirst } from './walk.js';

/** The interface a `use`d type comes from, when it is another interface than its owner's. */
export function typeInterfaceDep(resolve: Resolve, id: TypeId): InterfaceId | undefined {
  const def = resolve.types[id]!;
  if (def.kind.kind !== 'type' || typeof def.kind.type !== 'number') return undefined;
  const other = resolve.types[def.kind.type]!;
  if (sameOwner(def.owner, other.owner)) return undefined;
  if (other.owner.kind !== 'interface') throw new Error('a used type belongs to an interface');
  return other.owner.id;
}

/** The interfaces that `id` takes types from, in the order of its types (repeats possible). */
export function interfaceDirectDeps(resolve: Resolve, id: InterfaceId): InterfaceId[] {
  const deps: InterfaceId[] = [];
  for (const t of resolve.interfaces[id]!.types.values()) {
    const dep = typeInterfaceDep(resolve, t);
    if (dep !== undefined) deps.push(dep);
  }
  return deps;
}

/** `ns:pkg/iface@version` of a named interface. */
export function interfaceIdOf(resolve: Resolve, id: InterfaceId): string | undefined {
  const iface = resolve.interfaces[id]!;
  if (iface.name === undefined || iface.package === undefined) return undefined;
  return qualifiedName(resolve.packages[iface.package]!.name, iface.name);
}

// Imports are kept grouped: interfaces, then types used from elsewhere, then
// types defined here, then functions, then resource functions.
function sortKey(resolve: Resolve, { item }: WorldEntry): number {
  switch (item.kind) {
    case 'interface':
      return 0;
    case 'type': {
      const def = resolve.types[item.id]!;
      if (def.kind.kind === 'type' && typeof def.kind.type === 'number'
        && !sameOwner(resolve.types[def.kind.type]!.owner, def.owner)) return 1;
      return 2;
    }
    case 'function':
      return 'resource' in item.function.kind ? 4 : 3;
    default:
      return unreachable(item);
  }
}

function stableSort(resolve: Resolve, entries: WorldEntry[]): WorldEntry[] {
  return entries.map((e, i) => ({ e, i, k: sortKey(resolve, e) })).sort((a, b) => a.k - b.k || a.i - b.i).map((x) => x.e);
}

/** Elaborates world `id` in place. */
export function elaborateWorld(resolve: Resolve, id: WorldId, span: Span): void {
  const world = resolve.worlds[id]!;
  const imports = new Map<string, WorldEntry>();
  for (const entry of stableSort(resolve, [...world.imports.values()])) {
    const { key, item } = entry;
    switch (item.kind) {
      case 'interface':
        elaborateImport(resolve, imports, key, item.id, item.stability, item.docs, item.externalId);
        break;
      case 'function':
        imports.set(worldKeyName(key), entry);
        break;
      case 'type': {
        const dep = typeInterfaceDep(resolve, item.id);
        if (dep !== undefined) {
          elaborateImport(resolve, imports, { kind: 'interface', id: dep }, dep, resolve.types[item.id]!.stability, undefined, undefined);
        }
        imports.set(worldKeyName(key), entry);
        break;
      }
      default:
        unreachable(item);
    }
  }

  const exports = new Map<string, WorldEntry>();
  const exportInterfaces = new Map<string, WorldEntry>();
  for (const entry of world.exports.values()) {
    if (entry.item.kind === 'interface') exportInterfaces.set(worldKeyName(entry.key), entry);
    else exports.set(worldKeyName(entry.key), entry);
  }
  elaborateExports(resolve, exportInterfaces, imports, exports, span);

  world.imports.clear();
  for (const entry of stableSort(resolve, [...imports.values()])) world.imports.set(worldKeyName(entry.key), entry);
  world.exports.clear();
  for (const [k, v] of exports) world.exports.set(k, v);
}

function elaborateImport(
  resolve: Resolve, imports: Map<string, WorldEntry>, key: WorldKey, id: InterfaceId, stability: Stability, docs: Docs,
  externalId: string | undefined,
): void {
  // Each interface goes in after the interfaces it takes types from; those take the stability of this import.
  interface Node { readonly key: WorldKey; readonly id: InterfaceId; readonly docs: Docs; readonly externalId: string | undefined }
  depthFirst<Node>(
    { key, id, docs, externalId },
    (node) => imports.has(worldKeyName(node.key))
      || interfaceDirectDeps(resolve, node.id).map((dep) => ({ key: { kind: 'interface', id: dep }, id: dep, docs: undefined, externalId: undefined })),
    (node) => {
      const item: WorldItem = { kind: 'interface', id: node.id, stability, docs: node.docs, externalId: node.externalId, span: { start: -1, end: -1 } };
      imports.set(worldKeyName(node.key), { key: node.key, item });
    },
  );
}

function elaborateExports(
  resolve: Resolve, exportInterfaces: Map<string, WorldEntry>, imports: Map<string, WorldEntry>,
  exports: Map<string, WorldEntry>, span: Span,
): void {
  const requiredImports = new Set<InterfaceId>();
  // An interface is exported when it and its dependencies can be; a
  // dependency that is not exported itself becomes a required import, and
  // one interface cannot be both.
  interface Node { readonly name: string; readonly id: InterfaceId; readonly entry: WorldEntry; readonly addExport: boolean }
  const add = (key: WorldKey, id: InterfaceId, stability: Stability, externalId: string | undefined, entry: WorldEntry): boolean => depthFirst<Node>(
    { name: worldKeyName(key), id, entry, addExport: true },
    ({ name, id, addExport }) => {
      if (exports.has(name)) return addExport;
      if (!addExport && requiredImports.has(id)) return true;
      return interfaceDirectDeps(resolve, id).map((dep) => {
        const depKey: WorldKey = { kind: 'interface', id: dep };
        const depName = worldKeyName(depKey);
        const depEntry: WorldEntry = {
          key: depKey, item: { kind: 'interface', id: dep, stability, docs: undefined, externalId, span: { start: -1, end: -1 } },
        };
        return { name: depName, id: dep, entry: depEntry, addExport: addExport && exportInterfaces.has(depName) };
      });
    },
    ({ name, id, entry, addExport }) => {
      if (addExport) {
        if (requiredImports.has(id)) return false;
        exports.set(name, entry);
      } else {
        requiredImports.add(id);
        if (!imports.has(name)) imports.set(name, entry);
      }
      return true;
    },
  );
  for (const entry of exportInterfaces.values()) {
    if (entry.item.kind !== 'interface') continue;
    const { id, stability, externalId } = entry.item;
    if (!add(entry.key, id, stability, externalId, entry)) {
      const name = entry.key.kind === 'name' ? entry.key.name : interfaceIdOf(resolve, entry.key.id)!;
      throw new WitError('resolve', `interface \`${name}\` transitively depends on an interface in incompatible ways`, span);
    }
  }
}

