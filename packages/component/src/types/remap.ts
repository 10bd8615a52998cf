/**
 * Substitution of resources inside types (wasmparser's `Remap` and the
 * `remap_*` functions): a type that mentions a remapped resource, however
 * deep, is copied to a new id; one that does not keeps its id.
 */
import { unreachable } from '@weld/wit';
import type { TypeAlloc } from './arena.js';
import type {
  AnyTypeId, ComponentItem, DefinedTypeInfo, EntityType, NamedValue, ResourceId, ValueType,
} from './model.js';

/** A substitution (wasmparser's `Remapping`). */
export interface Remapping {
  /** Old resource identity → new one. */
  readonly resources: Map<ResourceId, ResourceId>;
  /** Ids already remapped (or given up front: imported type → argument type). */
  types: Map<AnyTypeId, AnyTypeId>;
}

/** An empty substitution. */
export function newRemapping(): Remapping {
  return { resources: new Map(), types: new Map() };
}

/** A remapped id and whether it differs from the original. */
type Remapped<T> = readonly [T, boolean];

function cached(id: AnyTypeId, map: Remapping): Remapped<AnyTypeId> | undefined {
  const known = map.types.get(id);
  return known === undefined ? undefined : [known, known !== id];
}

/** `insert_if_any_changed`: records the result for `id` in the cache. */
function settle(alloc: TypeAlloc, map: Remapping, id: AnyTypeId, changed: boolean, make: () => AnyTypeId): Remapped<AnyTypeId> {
  const result = changed ? make() : id;
  map.types.set(id, result);
  return [result, result !== id];
}

/** `id` with the substitution applied; a new id only where something changed. */
export function remapTypeId(alloc: TypeAlloc, id: AnyTypeId, map: Remapping): Remapped<AnyTypeId> {
  const info = alloc.info(id);
  switch (info.kind) {
    case 'resource': return remapResource(alloc, id, map);
    case 'defined': return remapDefined(alloc, id, map);
    case 'func': return remapFunc(alloc, id, map);
    case 'instance': return remapInstance(alloc, id, map);
    case 'component': return remapComponent(alloc, id, map);
    default: return unreachable(info);
  }
}

function remapResource(alloc: TypeAlloc, id: AnyTypeId, map: Remapping): Remapped<AnyTypeId> {
  const known = cached(id, map);
  if (known !== undefined) return known;
  const replacement = map.resources.get(alloc.resourceOf(id));
  if (replacement === undefined) return [id, false];
  return [alloc.withResource(id, replacement), true];
}

function remapDefined(alloc: TypeAlloc, id: AnyTypeId, map: Remapping): Remapped<AnyTypeId> {
  const known = cached(id, map);
  if (known !== undefined) return known;
  const info = alloc.info(id);
  if (info.kind !== 'defined') throw new Error(`internal: type id ${id} is not a defined type`);
  let changed = false;
  const v = (t: ValueType): ValueType => {
    const [r, c] = remapValueType(alloc, t, map);
    changed ||= c;
    return r;
  };
  const ov = (t: ValueType | undefined): ValueType | undefined => (t === undefined ? undefined : v(t));
  const ty = info.type;
  let next: DefinedTypeInfo;
  switch (ty.kind) {
    case 'primitive':
    case 'flags':
    case 'enum':
      next = ty;
      break;
    case 'record': next = { kind: 'record', fields: ty.fields.map((f) => ({ name: f.name, type: v(f.type) })) }; break;
    case 'variant': next = { kind: 'variant', cases: ty.cases.map((c) => ({ name: c.name, type: ov(c.type) })) }; break;
    case 'list': next = { kind: 'list', element: v(ty.element) }; break;
    case 'fixed-size-list': next = { kind: 'fixed-size-list', element: v(ty.element), length: ty.length }; break;
    case 'map': next = { kind: 'map', key: v(ty.key), value: v(ty.value) }; break;
    case 'tuple': next = { kind: 'tuple', types: ty.types.map(v) }; break;
    case 'option': next = { kind: 'option', type: v(ty.type) }; break;
    case 'result': next = { kind: 'result', ok: ov(ty.ok), err: ov(ty.err) }; break;
    case 'own':
    case 'borrow': {
      const [resource, c] = remapResource(alloc, ty.resource, map);
      changed ||= c;
      next = { kind: ty.kind, resource };
      break;
    }
    case 'future': next = { kind: 'future', type: ov(ty.type) }; break;
    case 'stream': next = { kind: 'stream', type: ov(ty.type) }; break;
    default: return unreachable(ty);
  }
  return settle(alloc, map, id, changed, () => alloc.push({ kind: 'defined', type: next }));
}

function remapFunc(alloc: TypeAlloc, id: AnyTypeId, map: Remapping): Remapped<AnyTypeId> {
  const known = cached(id, map);
  if (known !== undefined) return known;
  const info = alloc.info(id);
  if (info.kind !== 'func') throw new Error(`internal: type id ${id} is not a function type`);
  let changed = false;
  const params: NamedValue[] = info.type.params.map((p) => {
    const [type, c] = remapValueType(alloc, p.type, map);
    changed ||= c;
    return { name: p.name, type };
  });
  let result = info.type.result;
  if (result !== undefined) {
    const [r, c] = remapValueType(alloc, result, map);
    changed ||= c;
    result = r;
  }
  return settle(alloc, map, id, changed, () =>
    alloc.push({ kind: 'func', type: { async: info.type.async, params, result } }));
}

function remapInstance(alloc: TypeAlloc, id: AnyTypeId, map: Remapping): Remapped<AnyTypeId> {
  const known = cached(id, map);
  if (known !== undefined) return known;
  const info = alloc.info(id);
  if (info.kind !== 'instance') throw new Error(`internal: type id ${id} is not an instance type`);
  const [exports, changedExports] = remapItems(alloc, info.type.exports, map);
  const [definedResources, changedResources] = remapResourceList(info.type.definedResources, map);
  return settle(alloc, map, id, changedExports || changedResources, () =>
    alloc.push({ kind: 'instance', type: { exports, definedResources } }));
}

function remapComponent(alloc: TypeAlloc, id: AnyTypeId, map: Remapping): Remapped<AnyTypeId> {
  const known = cached(id, map);
  if (known !== undefined) return known;
  const info = alloc.info(id);
  if (info.kind !== 'component') throw new Error(`internal: type id ${id} is not a component type`);
  const [imports, changedImports] = remapItems(alloc, info.type.imports, map);
  const [exports, changedExports] = remapItems(alloc, info.type.exports, map);
  const [importedResources, changedImported] = remapResourcePaths(info.type.importedResources, map);
  const [definedResources, changedDefined] = remapResourcePaths(info.type.definedResources, map);
  const changed = changedImports || changedExports || changedImported || changedDefined;
  return settle(alloc, map, id, changed, () =>
    alloc.push({ kind: 'component', type: { imports, exports, importedResources, definedResources } }));
}

function remapResourceList(list: readonly ResourceId[], map: Remapping): Remapped<ResourceId[]> {
  let changed = false;
  const out = list.map((r) => {
    const n = map.resources.get(r);
    if (n === undefined) return r;
    changed = true;
    return n;
  });
  return [out, changed];
}

function remapResourcePaths(
  list: readonly (readonly [ResourceId, readonly number[]])[],
  map: Remapping,
): Remapped<(readonly [ResourceId, readonly number[]])[]> {
  let changed = false;
  const out = list.map(([r, path]): readonly [ResourceId, readonly number[]] => {
    const n = map.resources.get(r);
    if (n === undefined) return [r, path];
    changed = true;
    return [n, path];
  });
  return [out, changed];
}

/** Remaps every item of an import or export map, keeping names and order. */
export function remapItems(
  alloc: TypeAlloc,
  items: ReadonlyMap<string, ComponentItem>,
  map: Remapping,
): Remapped<Map<string, ComponentItem>> {
  let changed = false;
  const out = new Map<string, ComponentItem>();
  for (const [name, item] of items) {
    const [type, c] = remapEntity(alloc, item.type, map);
    changed ||= c;
    out.set(name, c ? { ...item, type } : item);
  }
  return [out, changed];
}

/** `remap_component_entity`. */
export function remapEntity(alloc: TypeAlloc, entity: EntityType, map: Remapping): Remapped<EntityType> {
  switch (entity.kind) {
    case 'module':
      return [entity, false];
    case 'func':
    case 'instance':
    case 'component': {
      const [id, changed] = remapTypeId(alloc, entity.id, map);
      return [changed ? { kind: entity.kind, id } : entity, changed];
    }
    case 'value': {
      const [type, changed] = remapValueType(alloc, entity.type, map);
      return [changed ? { kind: 'value', type } : entity, changed];
    }
    case 'type': {
      const [referenced, changedReferenced] = remapTypeId(alloc, entity.referenced, map);
      // As wasmparser: compares the remapped `referenced` with the original `created`.
      let created = entity.created;
      let changedCreated = false;
      if (referenced === created) {
        created = referenced;
      } else {
        [created, changedCreated] = remapTypeId(alloc, created, map);
      }
      const changed = changedReferenced || changedCreated;
      return [changed ? { kind: 'type', referenced, created } : entity, changed];
    }
    default:
      return unreachable(entity);
  }
}

function remapValueType(alloc: TypeAlloc, type: ValueType, map: Remapping): Remapped<ValueType> {
  return typeof type === 'number' ? remapDefined(alloc, type, map) : [type, false];
}
