/**
 * The component model's rule for what a component may export (wasmparser's
 * `validate_and_register_named_types`): every record, variant, enum and
 * flags type and every resource an export refers to must be a type the
 * component imports or has already exported, by name. A type of an inner
 * instance that is neither is internal, and the export is invalid
 * ("instance not valid to be used as export"). The composer re-exports what
 * its exports need (graph/type-exports.ts); this check runs on the encoded
 * result, so that no composition that breaks the rule is written.
 */
import type { AnyTypeId, ComponentItem, ComponentTypes, TypeArena, ValueType } from '@weld/component';

/** An export that refers to an internal type: the export, the path inside it, and the type. */
export interface UnnamedType {
  readonly export: string;
  /** Names from the export down to the item that refers to the type, e.g. `expr`; empty at the top. */
  readonly path: readonly string[];
  /** The type's name where some instance type exports it, or its kind. */
  readonly type: string;
}

/** The first export of `types` (in order) that refers to a type neither imported nor exported before it. */
export function firstUnnamedType(types: ComponentTypes): UnnamedType | undefined {
  const { arena } = types;
  const named = new Set<AnyTypeId>();
  for (const item of types.imports.values()) register(arena, item, named, undefined);
  for (const [name, item] of types.exports) {
    const failure = register(arena, item, named, name);
    if (failure !== undefined) return { export: name, path: failure.path, type: typeName(arena, failure.id) };
  }
  return undefined;
}

/**
 * Adds the types `item` names to `named`, walking instances' exports in
 * order; for an export (`exportName` set), first checks each item refers to
 * named types only and returns the first that does not.
 */
function register(
  arena: TypeArena, item: ComponentItem, named: Set<AnyTypeId>, exportName: string | undefined,
): { readonly path: readonly string[]; readonly id: AnyTypeId } | undefined {
  // Depth first, each instance's exports in order, as wasmparser registers them; `path` names the item.
  const stack: { readonly item: ComponentItem; readonly path: readonly string[] }[] = [{ item, path: [] }];
  while (stack.length > 0) {
    const { item: current, path } = stack.pop()!;
    const e = current.type;
    const unnamed = exportName === undefined ? undefined : firstUnnamedIn(arena, e, named);
    if (unnamed !== undefined) return { path, id: unnamed };
    if (e.kind === 'type') named.add(e.created);
    if (e.kind !== 'instance') continue;
    const info = arena.ids[e.id]?.info;
    if (info?.kind !== 'instance') continue;
    const nested = [...info.type.exports];
    for (let i = nested.length - 1; i >= 0; i--) stack.push({ item: nested[i]![1], path: [...path, nested[i]![0]] });
  }
  return undefined;
}

/** The first type `e` refers to, one naming layer deep, that is not in `named`. */
function firstUnnamedIn(arena: TypeArena, e: ComponentItem['type'], named: ReadonlySet<AnyTypeId>): AnyTypeId | undefined {
  switch (e.kind) {
    case 'type': return unnamedInside(arena, e.referenced, named);
    case 'func': return unnamedInside(arena, e.id, named);
    case 'value': return unnamedValue(arena, e.type, named);
    case 'instance': case 'component': case 'module': return undefined;
    default: return undefined;
  }
}

/** Inside a type that may itself be anonymous: the first of its parts that must be named and is not. */
function unnamedInside(arena: TypeArena, id: AnyTypeId, named: ReadonlySet<AnyTypeId>): AnyTypeId | undefined {
  const info = arena.ids[id]?.info;
  if (info === undefined) return undefined;
  const values = (list: readonly (ValueType | undefined)[]): AnyTypeId | undefined => {
    for (const v of list) {
      const found = unnamedValue(arena, v, named);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  switch (info.kind) {
    case 'resource': case 'component': case 'instance': return undefined;
    case 'func': return values([...info.type.params.map((p) => p.type), info.type.result]);
    case 'defined': {
      const t = info.type;
      switch (t.kind) {
        case 'primitive': case 'flags': case 'enum': return undefined;
        case 'record': return values(t.fields.map((f) => f.type));
        case 'variant': return values(t.cases.map((c) => c.type));
        case 'tuple': return values(t.types);
        case 'result': return values([t.ok, t.err]);
        case 'list': case 'fixed-size-list': return values([t.element]);
        case 'option': return values([t.type]);
        case 'map': return values([t.key, t.value]);
        case 'own': case 'borrow': return named.has(t.resource) ? undefined : t.resource;
        case 'future': case 'stream': return values([t.type]);
        default: return undefined;
      }
    }
    default: return undefined;
  }
}

/**
 * A value type that is named, or anonymous with named parts (wasmparser's
 * `type_named_valtype`): the first part that is not. Anonymous types nest
 * as deep as their input; the walk keeps its own stack.
 */
function unnamedValue(arena: TypeArena, type: ValueType | undefined, named: ReadonlySet<AnyTypeId>): AnyTypeId | undefined {
  const stack: (ValueType | undefined)[] = [type];
  while (stack.length > 0) {
    const t = stack.pop();
    if (typeof t !== 'number') continue;
    const info = arena.ids[t]?.info;
    if (info?.kind !== 'defined') continue;
    const d = info.type;
    switch (d.kind) {
      case 'primitive': break;
      case 'flags': case 'enum': case 'record': case 'variant':
        if (!named.has(t)) return t;
        break;
      case 'own': case 'borrow':
        if (!named.has(d.resource)) return d.resource;
        break;
      case 'tuple': for (let i = d.types.length - 1; i >= 0; i--) stack.push(d.types[i]); break;
      case 'result': stack.push(d.err, d.ok); break;
      case 'list': case 'fixed-size-list': stack.push(d.element); break;
      case 'option': stack.push(d.type); break;
      case 'map': stack.push(d.value, d.key); break;
      case 'future': case 'stream': stack.push(d.type); break;
      default: break;
    }
  }
  return undefined;
}

/** A type's name: the name an instance type exports it (or what it aliases) under, else its kind. */
function typeName(arena: TypeArena, id: AnyTypeId): string {
  const names = new Map<AnyTypeId, string>();
  for (const entry of arena.ids) {
    if (entry.info.kind !== 'instance') continue;
    for (const [name, item] of entry.info.type.exports) {
      if (item.type.kind !== 'type') continue;
      if (!names.has(item.type.created)) names.set(item.type.created, name);
      if (!names.has(item.type.referenced)) names.set(item.type.referenced, name);
    }
  }
  for (let cur: AnyTypeId | undefined = id; cur !== undefined; cur = arena.ids[cur]?.aliasOf) {
    const name = names.get(cur);
    if (name !== undefined) return `\`${name}\``;
  }
  const info = arena.ids[id]?.info;
  if (info?.kind === 'resource') return 'a resource';
  return info?.kind === 'defined' ? `a ${info.type.kind}` : 'a type';
}
