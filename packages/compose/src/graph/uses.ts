/**
 * Which of a definition's imports an import's type refers to: in a
 * component made from WIT, an interface that `use`s a type from another
 * aliases that interface's exported type (`alias outer`), so the type id
 * inside the instance type is the id the other import exports it as.
 */
import type { AnyTypeId, ComponentItem, ResourceId, TypeArena, ValueType } from '@weld/component';
import type { ComponentDef } from '../api.js';

/** Where an outer type id comes from: an import, and the export of that import instance (undefined for a type import). */
export interface OuterType {
  readonly importName: string;
  readonly exportName: string | undefined;
}

const outerCache = new WeakMap<ComponentDef, ReadonlyMap<AnyTypeId, OuterType>>();

/** The type ids a definition's imports make available at its top level, by the id they have there. */
export function outerTypes(def: ComponentDef): ReadonlyMap<AnyTypeId, OuterType> {
  const cached = outerCache.get(def);
  if (cached) return cached;
  const map = new Map<AnyTypeId, OuterType>();
  const { arena } = def.types;
  for (const [importName, item] of def.types.imports) {
    if (item.type.kind === 'type') {
      if (!map.has(item.type.created)) map.set(item.type.created, { importName, exportName: undefined });
    } else if (item.type.kind === 'instance') {
      const info = arena.ids[item.type.id]?.info;
      if (info?.kind !== 'instance') continue;
      for (const [exportName, exp] of info.type.exports) {
        if (exp.type.kind === 'type' && !map.has(exp.type.created)) map.set(exp.type.created, { importName, exportName });
      }
    }
  }
  outerCache.set(def, map);
  return map;
}

const ownerCache = new WeakMap<ComponentDef, ReadonlyMap<AnyTypeId, OuterType>>();

/**
 * The type ids each import of a definition defines, rather than takes from
 * an earlier import: an exported type whose referenced type (peeling
 * aliases) no other import defines. This is wac's notion of a type's owner
 * (`find_owner` in wac-types), except that an alias within one interface
 * keeps its own name.
 */
function definedTypes(def: ComponentDef): ReadonlyMap<AnyTypeId, OuterType> {
  const cached = ownerCache.get(def);
  if (cached) return cached;
  const map = new Map<AnyTypeId, OuterType>();
  const { arena } = def.types;
  const define = (importName: string, exportName: string | undefined, referenced: AnyTypeId, created: AnyTypeId): void => {
    if (map.has(created)) return;
    const owner = ownerIn(map, arena, referenced);
    // A type alias inside one interface (`type spot = point`) is that interface's type under its own name.
    if (owner === undefined || owner.importName === importName) map.set(created, { importName, exportName });
  };
  for (const [importName, item] of def.types.imports) {
    if (item.type.kind === 'type') {
      define(importName, undefined, item.type.referenced, item.type.created);
    } else if (item.type.kind === 'instance') {
      const info = arena.ids[item.type.id]?.info;
      if (info?.kind !== 'instance') continue;
      for (const [exportName, exp] of info.type.exports) {
        if (exp.type.kind === 'type') define(importName, exportName, exp.type.referenced, exp.type.created);
      }
    }
  }
  ownerCache.set(def, map);
  return map;
}

function ownerIn(owners: ReadonlyMap<AnyTypeId, OuterType>, arena: TypeArena, id: AnyTypeId): OuterType | undefined {
  for (let cur: AnyTypeId | undefined = id; cur !== undefined; cur = arena.ids[cur]?.aliasOf) {
    const found = owners.get(cur);
    if (found) return found;
  }
  return undefined;
}

/**
 * The import of `def` that defines the type `id` and the export it has
 * there: for `error` that wasi:filesystem/types takes through
 * wasi:io/streams (which `use`s it from wasi:io/error), wasi:io/error.
 * Undefined when no import defines it.
 */
export function definingImport(def: ComponentDef, id: AnyTypeId): OuterType | undefined {
  return ownerIn(definedTypes(def), def.types.arena, id);
}

/**
 * The other imports of `def` whose types the import `importName` refers to,
 * in order of first reference: the import each type is taken from, then the
 * one that defines it, if another.
 */
export function importDependencies(def: ComponentDef, importName: string): string[] {
  const item = def.types.imports.get(importName);
  if (!item) return [];
  const outer = outerTypes(def);
  const deps: string[] = [];
  const add = (name: string | undefined): void => {
    if (name !== undefined && name !== importName && !deps.includes(name)) deps.push(name);
  };
  walkItem(def.types.arena, item, (id) => {
    const found = outer.get(id);
    if (!found || found.importName === importName) return false;
    add(found.importName);
    add(definingImport(def, id)?.importName);
    return true;
  });
  return deps;
}

/**
 * Visits every type id an item's type refers to, depth first; `stop(id)`
 * returning true does not descend into `id`.
 */
export function walkItem(arena: TypeArena, item: ComponentItem, stop: (id: AnyTypeId) => boolean): void {
  walker(arena, stop).visitEntity(item);
}

/** Visits `id` and every type id it refers to, depth first, as {@link walkItem} does. */
export function walkType(arena: TypeArena, id: AnyTypeId, stop: (id: AnyTypeId) => boolean): void {
  walker(arena, stop).visit(id);
}

/** Whether a type refers to a resource anywhere inside it. */
export function typeHasResource(arena: TypeArena, id: AnyTypeId): boolean {
  let found = false;
  walkType(arena, id, (t) => {
    if (arena.ids[t]?.info.kind === 'resource') found = true;
    return found;
  });
  return found;
}

/**
 * Whether the types import `importName` of `def` takes from its import `dep`
 * hold no resource: such types can be declared again, structurally, where
 * `dep` itself is not imported (value types compare by structure).
 */
export function dependencyIsResourceFree(def: ComponentDef, importName: string, dep: string): boolean {
  const item = def.types.imports.get(importName);
  if (!item) return true;
  const outer = outerTypes(def);
  let free = true;
  walkItem(def.types.arena, item, (id) => {
    if (outer.get(id)?.importName !== dep) return false;
    if (typeHasResource(def.types.arena, id)) free = false;
    return true;
  });
  return free;
}

function walker(arena: TypeArena, stop: (id: AnyTypeId) => boolean): {
  visit: (id: AnyTypeId) => void;
  visitEntity: (item: ComponentItem) => void;
} {
  const seen = new Set<AnyTypeId>();
  const visitValue = (t: ValueType | undefined): void => {
    if (typeof t === 'number') visit(t);
  };
  const visit = (id: AnyTypeId): void => {
    if (seen.has(id)) return;
    seen.add(id);
    if (stop(id)) return;
    const info = arena.ids[id]?.info;
    if (!info) return;
    switch (info.kind) {
      case 'resource':
        return;
      case 'func':
        info.type.params.forEach((p) => visitValue(p.type));
        return visitValue(info.type.result);
      case 'instance':
        for (const exp of info.type.exports.values()) visitEntity(exp);
        return;
      case 'component':
        for (const imp of info.type.imports.values()) visitEntity(imp);
        for (const exp of info.type.exports.values()) visitEntity(exp);
        return;
      case 'defined': {
        const t = info.type;
        switch (t.kind) {
          case 'primitive': case 'flags': case 'enum': return;
          case 'record': t.fields.forEach((f) => visitValue(f.type)); return;
          case 'variant': t.cases.forEach((c) => visitValue(c.type)); return;
          case 'tuple': t.types.forEach(visitValue); return;
          case 'list': case 'fixed-size-list': return visitValue(t.element);
          case 'option': return visitValue(t.type);
          case 'map': visitValue(t.key); return visitValue(t.value);
          case 'result': visitValue(t.ok); return visitValue(t.err);
          case 'own': case 'borrow': return visit(t.resource);
          case 'future': case 'stream': return visitValue(t.type);
          default: return;
        }
      }
      default:
        return;
    }
  };
  const visitEntity = (it: ComponentItem): void => {
    const e = it.type;
    switch (e.kind) {
      case 'module': return;
      case 'func': case 'instance': case 'component': return visit(e.id);
      case 'value': return visitValue(e.type);
      case 'type': visit(e.referenced); return visit(e.created);
      default: return;
    }
  };
  return { visit, visitEntity };
}

/** Where each imported resource of a definition comes from: an import and a path of export names. */
export interface ImportedResource {
  readonly importName: string;
  readonly names: readonly string[];
}

/** Per definition, each imported resource's import and export path. */
const importedCache = new WeakMap<ComponentDef, ReadonlyMap<ResourceId, ImportedResource>>();

/** Where each resource a definition imports comes from, computed once per definition since the type checker and the encoder ask for it many times. */
export function importedResources(def: ComponentDef): ReadonlyMap<ResourceId, ImportedResource> {
  const cached = importedCache.get(def);
  if (cached) return cached;
  const { arena } = def.types;
  const imports = [...def.types.imports];
  const map = new Map<ResourceId, ImportedResource>();
  for (const [resource, path] of def.types.component.importedResources) {
    const first = imports[path[0] ?? -1];
    if (!first) continue;
    const names: string[] = [];
    let item: ComponentItem = first[1];
    for (const index of path.slice(1)) {
      const info = item.type.kind === 'instance' ? arena.ids[item.type.id]?.info : undefined;
      const next = info?.kind === 'instance' ? [...info.type.exports][index] : undefined;
      if (!next) break;
      names.push(next[0]);
      item = next[1];
    }
    map.set(resource, { importName: first[0], names });
  }
  importedCache.set(def, map);
  return map;
}

