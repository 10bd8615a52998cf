/** Short WIT-like descriptions of types for mismatch messages: `s32`, `list<u8>`, `point`, `own<counter>`. */
import type { AnyTypeId, ComponentItem, DefinedTypeInfo, EntityType, TypeArena, ValueType } from '@weld/component';
import type { ComponentDef } from '../api.js';

const namesCache = new WeakMap<ComponentDef, ReadonlyMap<AnyTypeId, string>>();

/** The names a definition gives its types (by the ids of type imports and exports, at any depth). */
export function typeNames(def: ComponentDef): ReadonlyMap<AnyTypeId, string> {
  const cached = namesCache.get(def);
  if (cached) return cached;
  const names = new Map<AnyTypeId, string>();
  const { arena } = def.types;
  const seen = new Set<AnyTypeId>();
  const visit = (items: ReadonlyMap<string, ComponentItem>): void => {
    for (const [name, item] of items) {
      const e = item.type;
      if (e.kind === 'type') {
        if (!names.has(e.created)) names.set(e.created, name);
        if (!names.has(e.referenced)) names.set(e.referenced, name);
      } else if (e.kind === 'instance' && !seen.has(e.id)) {
        seen.add(e.id);
        const info = arena.ids[e.id]?.info;
        if (info?.kind === 'instance') visit(info.type.exports);
      }
    }
  };
  visit(def.types.imports);
  visit(def.types.exports);
  namesCache.set(def, names);
  return names;
}

/** The name of a type id, following its alias chain. */
export function nameOf(def: ComponentDef, id: AnyTypeId): string | undefined {
  const names = typeNames(def);
  const { arena } = def.types;
  for (let cur: AnyTypeId | undefined = id; cur !== undefined; cur = arena.ids[cur]?.aliasOf) {
    const name = names.get(cur);
    if (name !== undefined) return name;
  }
  return undefined;
}

/** A value type as WIT would write it (named types by name). */
export function describeValue(def: ComponentDef, type: ValueType | undefined): string {
  if (type === undefined) return '_';
  if (typeof type !== 'number') return type;
  const arena: TypeArena = def.types.arena;
  const info = arena.ids[type]?.info;
  if (info?.kind !== 'defined') return nameOf(def, type) ?? `type ${type}`;
  if (info.type.kind === 'primitive') return info.type.type;
  return nameOf(def, type) ?? describeDefined(def, info.type);
}

function describeDefined(def: ComponentDef, t: DefinedTypeInfo): string {
  const v = (x: ValueType | undefined): string => describeValue(def, x);
  switch (t.kind) {
    case 'primitive': return t.type;
    case 'record': return 'a record';
    case 'variant': return 'a variant';
    case 'flags': return 'flags';
    case 'enum': return 'an enum';
    case 'list': return `list<${v(t.element)}>`;
    case 'fixed-size-list': return `list<${v(t.element)}, ${t.length}>`;
    case 'map': return `map<${v(t.key)}, ${v(t.value)}>`;
    case 'tuple': return `tuple<${t.types.map(v).join(', ')}>`;
    case 'option': return `option<${v(t.type)}>`;
    case 'result':
      return t.ok === undefined && t.err === undefined ? 'result' : `result<${v(t.ok)}, ${v(t.err)}>`;
    case 'own': return `own<${nameOf(def, t.resource) ?? 'resource'}>`;
    case 'borrow': return `borrow<${nameOf(def, t.resource) ?? 'resource'}>`;
    case 'future': return t.type === undefined ? 'future' : `future<${v(t.type)}>`;
    case 'stream': return t.type === undefined ? 'stream' : `stream<${v(t.type)}>`;
    default: return 'a type';
  }
}

/** `a function`, `an instance`, ... */
export function describeEntity(e: EntityType): string {
  switch (e.kind) {
    case 'module': return 'a core module';
    case 'func': return 'a function';
    case 'value': return 'a value';
    case 'type': return 'a type';
    case 'instance': return 'an instance';
    case 'component': return 'a component';
    default: return 'an item';
  }
}

/** `function`, `type`, ... (for "missing function `f`"). */
export function entityWord(e: EntityType): string {
  switch (e.kind) {
    case 'module': return 'core module';
    case 'func': return 'function';
    case 'value': return 'value';
    case 'type': return 'type';
    case 'instance': return 'instance';
    case 'component': return 'component';
    default: return 'item';
  }
}
