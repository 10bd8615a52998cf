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
import { unreachable } from '@weld/wit';
import { ComponentTypeError } from './errors.js';
import type { AnyTypeId, EntityType, ResourceId, TypeArena, TypeIdEntry, TypeInfo, ValueType } from './model.js';
import { MAX_WASM_COMPONENT_TYPE_DEPTH, MAX_WASM_TYPE_SIZE, TYPE_DEPTH_MESSAGE, TYPE_SIZE_MESSAGE } from '../limits.js';

/** The alias id of an id that aliases nothing (wasmparser's `NO_ALIAS`). */
const NO_ALIAS = -1;

/**
 * The effective size and nesting depth of a type being built (wasmparser's
 * `TypeInfo`): 1 and 1 for a leaf; each part adds its size and may deepen
 * it. Sizes are checked as they grow, so a type made of shared parts that
 * doubles at each level is rejected after a few dozen levels instead of
 * being walked 2^n times later.
 */
export class Measure {
  size = 1;
  depth = 1;

  /**
   * Adds a part of `size` and `depth` (`TypeInfo::combine`). The depth bound
   * also bounds every walk over types, however they were made.
   */
  add(size: number, depth: number): void {
    if (depth + 1 > this.depth) this.depth = depth + 1;
    if (this.depth > MAX_WASM_COMPONENT_TYPE_DEPTH) throw new ComponentTypeError('limit-exceeded', TYPE_DEPTH_MESSAGE);
    this.size += size;
    if (this.size >= MAX_WASM_TYPE_SIZE) throw new ComponentTypeError('limit-exceeded', TYPE_SIZE_MESSAGE);
  }
}

/** The mutable arena used while a component's types are computed. */
export class TypeAlloc {
  readonly entries: TypeIdEntry[] = [];
  /** The effective size of each entry. */
  private readonly sizes: number[] = [];
  /** The nesting depth of each entry. */
  private readonly depths: number[] = [];
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
      default:
        return unreachable(info);
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

  /** Adds the size and depth of what `entity` refers to, as a part, to `measure`. */
  addEntity(measure: Measure, entity: EntityType): void {
    switch (entity.kind) {
      // Core module types are not computed; each counts as a leaf.
      case 'module': return measure.add(1, 1);
      case 'func': case 'instance': case 'component': return this.addId(measure, entity.id);
      case 'value': return this.addValue(measure, entity.type);
      case 'type': return this.addId(measure, entity.referenced);
      default: return unreachable(entity);
    }
  }

  private addId(measure: Measure, id: AnyTypeId): void {
    const size = this.sizes[id];
    if (size === undefined) throw unknownId(id, this.entries.length);
    measure.add(size, this.depths[id]!);
  }

  private addValue(measure: Measure, type: ValueType | undefined): void {
    if (typeof type === 'number') this.addId(measure, type);
    else if (type !== undefined) measure.add(1, 1);
  }

  /** The size and depth of a type with content `info`, from those of its parts. */
  private measureOf(info: TypeInfo): Measure {
    const m = new Measure();
    const v = (t: ValueType | undefined): void => this.addValue(m, t);
    switch (info.kind) {
      case 'resource':
        return m;
      case 'func':
        for (const p of info.type.params) v(p.type);
        v(info.type.result);
        return m;
      case 'instance':
        for (const item of info.type.exports.values()) this.addEntity(m, item.type);
        return m;
      case 'component':
        for (const item of info.type.imports.values()) this.addEntity(m, item.type);
        for (const item of info.type.exports.values()) this.addEntity(m, item.type);
        return m;
      case 'defined':
        break;
      default:
        return unreachable(info);
    }
    const ty = info.type;
    switch (ty.kind) {
      // A handle is a leaf: the resource is not part of it.
      case 'primitive': case 'flags': case 'enum': case 'own': case 'borrow': break;
      case 'record': for (const f of ty.fields) v(f.type); break;
      case 'variant': for (const c of ty.cases) v(c.type); break;
      case 'tuple': for (const t of ty.types) v(t); break;
      case 'list': case 'fixed-size-list': v(ty.element); break;
      case 'map': v(ty.key); v(ty.value); break;
      case 'option': v(ty.type); break;
      case 'result': v(ty.ok); v(ty.err); break;
      case 'future': case 'stream': v(ty.type); break;
      default: return unreachable(ty);
    }
    return m;
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
    // Made on demand with its chain, what `peel_alias` of (resource, alias)
    // gives: walk back to the first alias that has an id (the chain is as
    // long as the input's re-exports, so no recursion), then make the rest.
    const missing: number[] = [];
    let next: number | undefined = alias;
    let made: AnyTypeId | undefined;
    while (next !== undefined) {
      made = this.resources.get(`${resource}:${next}`);
      if (made !== undefined) break;
      missing.push(next);
      next = next === NO_ALIAS ? undefined : this.aliasMappings.get(next);
    }
    for (let i = missing.length - 1; i >= 0; i--) {
      const a = missing[i]!;
      made = this.add({ kind: 'resource', resource }, made, a);
      this.resources.set(`${resource}:${a}`, made);
    }
    if (made === undefined) throw new Error('internal: a resource id was not made');
    return made;
  }

  private add(info: TypeInfo, aliasOf: AnyTypeId | undefined, alias: number): AnyTypeId {
    const id = this.entries.length;
    // An alias has its original's content, so its measure.
    const measure = aliasOf === undefined ? this.measureOf(info) : { size: this.sizes[aliasOf]!, depth: this.depths[aliasOf]! };
    this.sizes.push(measure.size);
    this.depths.push(measure.depth);
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
