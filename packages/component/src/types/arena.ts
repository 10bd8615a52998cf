/**
 * The type arena under construction, and the two public lookups on a
 * finished one.
 *
 * wasmparser names a type by its kind, an index into that kind's list, and —
 * for defined types and resources only — an "alias id". `with_unique` keeps
 * the index and draws a fresh alias id that remembers the previous one, so
 * the new id has the same content but a distinct identity; `peel_alias`
 * walks back one step. Function, instance and component type ids carry no
 * alias id: `with_unique` returns them unchanged. A resource id is a
 * resource identity plus an alias id; remapping a resource keeps the alias
 * id and swaps the identity.
 *
 * Here every distinct wasmparser id is one arena id, so id equality matches
 * wasmparser's, and `aliasOf` is exactly what `peel_alias` returns.
 */
import { ComponentTypeError } from './errors.js';
import type { AnyTypeId, ResourceId, TypeArena, TypeIdEntry, TypeInfo } from './model.js';

/** The alias id of an id that aliases nothing (wasmparser's `NO_ALIAS`). */
const NO_ALIAS = -1;

/** The mutable arena used while a component's types are computed. */
export class TypeAlloc {
  readonly entries: TypeIdEntry[] = [];
  /** The wasmparser alias id of each entry. */
  private readonly aliasIds: number[] = [];
  /** alias id → the alias id it was made from (`alias_mappings`). */
  private readonly aliasMappings = new Map<number, number>();
  private aliasCounter = 0;
  private nextResource = 0;
  /** `${resource}:${aliasId}` → entry, so a resource id is made once. */
  private readonly resources = new Map<string, AnyTypeId>();

  /** Adds a type with fresh content (wasmparser's `push_ty`). */
  push(info: Exclude<TypeInfo, { readonly kind: 'resource' }>): AnyTypeId {
    return this.add(info, undefined, NO_ALIAS);
  }

  /** A new resource identity and its id (`alloc_resource_id`). */
  allocResource(): AnyTypeId {
    const resource = this.nextResource++;
    return this.resourceId(resource, NO_ALIAS);
  }

  /**
   * A new id equal in content to `id` that remembers `id` (`with_unique`);
   * function, instance and component types are returned unchanged.
   */
  withUnique(id: AnyTypeId): AnyTypeId {
    const info = this.info(id);
    const alias = this.aliasCounter++;
    this.aliasMappings.set(alias, this.aliasId(id));
    switch (info.kind) {
      case 'func':
      case 'instance':
      case 'component':
        return id;
      case 'defined':
        return this.add(info, id, alias);
      case 'resource': {
        const created = this.add(info, id, alias);
        this.resources.set(`${info.resource}:${alias}`, created);
        return created;
      }
    }
  }

  /** The id `id` (a resource) would have with another identity (`with_resource_id`). */
  withResource(id: AnyTypeId, resource: ResourceId): AnyTypeId {
    return this.resourceId(resource, this.aliasId(id));
  }

  /** The content behind `id`. */
  info(id: AnyTypeId): TypeInfo {
    const entry = this.entries[id];
    if (entry === undefined) throw unknownId(id, this.entries.length);
    return entry.info;
  }

  /** The resource identity of a resource id. */
  resourceOf(id: AnyTypeId): ResourceId {
    const info = this.info(id);
    if (info.kind !== 'resource') throw new Error(`internal: type id ${id} is not a resource`);
    return info.resource;
  }

  /** The arena as the public model sees it (shared, not copied). */
  get arena(): TypeArena {
    return { ids: this.entries };
  }

  private aliasId(id: AnyTypeId): number {
    const alias = this.aliasIds[id];
    if (alias === undefined) throw unknownId(id, this.entries.length);
    return alias;
  }

  private resourceId(resource: ResourceId, alias: number): AnyTypeId {
    const key = `${resource}:${alias}`;
    const known = this.resources.get(key);
    if (known !== undefined) return known;
    // Made on demand with its chain: what `peel_alias` of (resource, alias) gives.
    const previous = alias === NO_ALIAS ? undefined : this.aliasMappings.get(alias);
    const aliasOf = previous === undefined ? undefined : this.resourceId(resource, previous);
    const id = this.add({ kind: 'resource', resource }, aliasOf, alias);
    this.resources.set(key, id);
    return id;
  }

  private add(info: TypeInfo, aliasOf: AnyTypeId | undefined, alias: number): AnyTypeId {
    const id = this.entries.length;
    this.entries.push({ info, aliasOf });
    this.aliasIds.push(alias);
    return id;
  }
}

function unknownId(id: AnyTypeId, count: number): ComponentTypeError {
  return new ComponentTypeError('index-out-of-bounds', `unknown type id ${id}: the arena has ${count} ids`);
}

function entryAt(arena: TypeArena, id: AnyTypeId): TypeIdEntry {
  const entry = Number.isInteger(id) ? arena.ids[id] : undefined;
  if (entry === undefined) throw unknownId(id, arena.ids.length);
  return entry;
}

/**
 * The id `id` was made from by `withUnique` (wasmparser's `peel_alias`), or
 * `undefined` for an original definition. Follow it repeatedly to reach the
 * definition a `use` or re-export refers to.
 */
export function peelAlias(arena: TypeArena, id: AnyTypeId): AnyTypeId | undefined {
  return entryAt(arena, id).aliasOf;
}

/** The content behind `id`. */
export function typeInfo(arena: TypeArena, id: AnyTypeId): TypeInfo {
  return entryAt(arena, id).info;
}
