/**
 * Where resources occur in types: the free resources of a type (those it
 * mentions but does not itself introduce), and the path at which each
 * resource is exported by name (wasmparser's `free_variables_*` and
 * `explicit_resource_paths`).
 */
import { unreachable } from '@weld/wit';
import type { TypeAlloc } from './arena.js';
import type { AnyTypeId, ComponentItem, EntityType, ResourceId, ValueType } from './model.js';

/**
 * Adds the resources `id` mentions and does not introduce to `set`. Defined
 * types are walked with a stack and each visited once, so a type made of
 * shared parts costs its number of distinct parts, not its effective size;
 * instance and component types recurse, as deep as the decoder lets them
 * nest.
 */
export function freeVariablesOfType(alloc: TypeAlloc, id: AnyTypeId, set: Set<ResourceId>): void {
  const info = alloc.info(id);
  switch (info.kind) {
    case 'resource':
      set.add(info.resource);
      return;
    case 'defined':
      freeVariablesOfDefined(alloc, id, set);
      return;
    case 'func':
      for (const p of info.type.params) freeVariablesOfValue(alloc, p.type, set);
      if (info.type.result !== undefined) freeVariablesOfValue(alloc, info.type.result, set);
      return;
    case 'instance':
      for (const item of info.type.exports.values()) freeVariablesOfEntity(alloc, item.type, set);
      for (const r of info.type.definedResources) set.delete(r);
      return;
    case 'component':
      for (const item of info.type.imports.values()) freeVariablesOfEntity(alloc, item.type, set);
      for (const item of info.type.exports.values()) freeVariablesOfEntity(alloc, item.type, set);
      for (const [r] of info.type.importedResources) set.delete(r);
      for (const [r] of info.type.definedResources) set.delete(r);
      return;
    default:
      return unreachable(info);
  }
}

function freeVariablesOfDefined(alloc: TypeAlloc, root: AnyTypeId, set: Set<ResourceId>): void {
  const visited = new Set<AnyTypeId>([root]);
  const stack: AnyTypeId[] = [root];
  const v = (t: ValueType | undefined): void => {
    if (typeof t === 'number' && !visited.has(t)) {
      visited.add(t);
      stack.push(t);
    }
  };
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    const info = alloc.info(id);
    if (info.kind !== 'defined') throw new Error(`internal: value type ${id} is not a defined type`);
    const ty = info.type;
    switch (ty.kind) {
      case 'primitive': case 'flags': case 'enum': break;
      case 'record': for (const f of ty.fields) v(f.type); break;
      case 'variant': for (const c of ty.cases) v(c.type); break;
      case 'tuple': for (const t of ty.types) v(t); break;
      case 'list': case 'fixed-size-list': v(ty.element); break;
      case 'option': v(ty.type); break;
      case 'map': v(ty.key); v(ty.value); break;
      case 'result': v(ty.ok); v(ty.err); break;
      case 'own': case 'borrow': set.add(alloc.resourceOf(ty.resource)); break;
      case 'future': case 'stream': v(ty.type); break;
      default: unreachable(ty);
    }
  }
}

/**
 * Whether values of `type` hold, anywhere inside, a handle (an `own`, a
 * `borrow`, a future, a stream or an `error-context`) or a `borrow`:
 * wasmparser's `contains_handle` and `contains_borrow` of a type's ABI.
 * Walked like the free resources, each part once.
 */
export function valueHolds(alloc: TypeAlloc, type: ValueType, what: 'handle' | 'borrow'): boolean {
  const handle = what === 'handle';
  if (typeof type !== 'number') return handle && type === 'error-context';
  const visited = new Set<AnyTypeId>([type]);
  const stack: AnyTypeId[] = [type];
  let found = false;
  const v = (t: ValueType | undefined): void => {
    if (t === 'error-context') found ||= handle;
    else if (typeof t === 'number' && !visited.has(t)) {
      visited.add(t);
      stack.push(t);
    }
  };
  for (let id = stack.pop(); id !== undefined && !found; id = stack.pop()) {
    const info = alloc.info(id);
    if (info.kind !== 'defined') throw new Error(`internal: value type ${id} is not a defined type`);
    const ty = info.type;
    switch (ty.kind) {
      case 'primitive': v(ty.type); break;
      case 'flags': case 'enum': break;
      case 'record': for (const f of ty.fields) v(f.type); break;
      case 'variant': for (const c of ty.cases) v(c.type); break;
      case 'tuple': for (const t of ty.types) v(t); break;
      case 'list': case 'fixed-size-list': v(ty.element); break;
      case 'option': v(ty.type); break;
      case 'map': v(ty.key); v(ty.value); break;
      case 'result': v(ty.ok); v(ty.err); break;
      case 'borrow': found = true; break;
      // A future or stream is a handle; its payload never holds a borrow.
      case 'own': case 'future': case 'stream': found ||= handle; break;
      default: unreachable(ty);
    }
  }
  return found;
}

/** Adds the free resources of an import's or export's type to `set`. */
export function freeVariablesOfEntity(alloc: TypeAlloc, entity: EntityType, set: Set<ResourceId>): void {
  switch (entity.kind) {
    case 'module': return;
    case 'func': case 'instance': case 'component': freeVariablesOfType(alloc, entity.id, set); return;
    case 'type': freeVariablesOfType(alloc, entity.created, set); return;
    case 'value': freeVariablesOfValue(alloc, entity.type, set); return;
    default: return unreachable(entity);
  }
}

function freeVariablesOfValue(alloc: TypeAlloc, type: ValueType, set: Set<ResourceId>): void {
  if (typeof type === 'number') freeVariablesOfType(alloc, type, set);
}

/**
 * For each of `resources`, the first path at which `exports` exports it as a
 * type: an index into `exports`, then indices into nested instance exports.
 * Resources exported nowhere are absent.
 */
export function explicitResourcePaths(
  alloc: TypeAlloc,
  exports: ReadonlyMap<string, ComponentItem>,
  resources: Iterable<ResourceId>,
): Map<ResourceId, readonly number[]> {
  const remaining = new Set(resources);
  const paths = new Map<ResourceId, readonly number[]>();
  const visited = new Set<AnyTypeId>();
  const path: number[] = [];
  const search = (items: ReadonlyMap<string, ComponentItem>): void => {
    let i = 0;
    for (const item of items.values()) {
      if (remaining.size === 0) return;
      path.push(i++);
      const ty = item.type;
      if (ty.kind === 'type') {
        const info = alloc.info(ty.created);
        if (info.kind === 'resource' && remaining.delete(info.resource)) paths.set(info.resource, [...path]);
      } else if (ty.kind === 'instance' && !visited.has(ty.id)) {
        // Each instance type is searched once: later searches find nothing new.
        visited.add(ty.id);
        const inner = alloc.info(ty.id);
        if (inner.kind === 'instance') search(inner.type.exports);
      }
      path.pop();
    }
  };
  search(exports);
  return paths;
}
