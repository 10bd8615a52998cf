/**
 * The type half of resolving one package: type definitions in dependency
 * order, anonymous types interned so equal ones share an id, functions with
 * their implicit `self` and constructor results.
 */
import type * as ast from '../parse/ast.js';
import { typeSpan } from '../parse/ast.js';
import { externalIdOf, stabilityOf } from './attributes.js';
import { isKebab } from './component-name.js';
import { docsText } from './docs.js';
import { WitError } from '../errors.js';
import { unreachable } from '../unreachable.js';
import type {
  Function, FunctionKind, Interface, InterfaceId, Param, Stability, Type, TypeDef, TypeDefKind, TypeId, TypeOwner,
} from '../model.js';
import { unknownStability } from '../model.js';
import type { Span } from '../source-map.js';
import { toposort } from './toposort.js';
import { typeDependencies } from './use-paths.js';

/** What a name in an interface or world scope stands for. */
export type LookupItem = { readonly kind: 'type'; readonly id: TypeId } | { readonly kind: 'item'; readonly what: string };

/** A name in scope and where it was defined, for "defined more than once" errors. */
export interface LookupEntry {
  readonly item: LookupItem;
  readonly span: Span;
}

/** A `use` or a type definition, the two items that put type names in scope. */
export type TypeItem = { readonly kind: 'use'; readonly use: ast.Use } | { readonly kind: 'def'; readonly def: ast.TypeDef };

const mapKeyTypes = new Set<Type>(['bool', 'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', 'char', 'string']);

/** State and steps shared by everything that resolves types within one package. */
export class TypeResolver {
  readonly types: TypeDef[] = [];
  readonly interfaces: Interface[] = [];
  /** Per interface: the names it defines, for `use` from it. */
  readonly interfaceTypes: Map<string, LookupEntry>[] = [];
  readonly requiredResourceTypes: [TypeId, Span][] = [];
  /** The scope of the interface or world being resolved. */
  typeLookup = new Map<string, LookupEntry>();
  readonly #anonTypes = new Map<string, TypeId>();

  /** Adds an empty interface (with an empty name scope for `use` from it); returns its id. */
  allocInterface(span: Span, name?: string): InterfaceId {
    this.interfaceTypes.push(new Map());
    this.interfaces.push({
      name, types: new Map(), functions: new Map(), docs: undefined, stability: unknownStability,
      package: undefined, span, cloneOf: undefined,
    });
    return this.interfaces.length - 1;
  }

  /** Adds a type to the arena; returns its id. */
  allocType(def: TypeDef): TypeId {
    this.types.push(def);
    return this.types.length - 1;
  }

  /** Replaces the current scope, returning the previous one. */
  swapTypeLookup(next: Map<string, LookupEntry>): Map<string, LookupEntry> {
    const prev = this.typeLookup;
    this.typeLookup = next;
    return prev;
  }

  /** Puts `use`d names in scope, then defines the types in dependency order. */
  resolveTypes(owner: TypeOwner, items: readonly TypeItem[], interfaceOfPath: (path: ast.UsePath) => InterfaceId): void {
    for (const item of items) if (item.kind === 'use') this.#resolveUse(owner, item.use, interfaceOfPath);

    const deps = new Map<string, ast.Id[]>();
    const defs = new Map<string, ast.TypeDef | undefined>();
    for (const item of items) {
      if (item.kind === 'def') {
        const name = item.def.name;
        if (defs.has(name.name)) throw new WitError('syntax', `name \`${name.name}\` is defined more than once`, name.span);
        defs.set(name.name, item.def);
        deps.set(name.name, typeDependencies(item.def.type));
      } else {
        for (const n of item.use.names) {
          const name = (n.as ?? n.name).name;
          deps.set(name, []);
          defs.set(name, undefined);
        }
      }
    }
    let order: string[];
    try {
      order = toposort('type', deps);
    } catch (error) {
      throw withRenamedFloatHint(error);
    }
    for (const name of order) {
      const def = defs.get(name);
      defs.delete(name);
      if (!def) continue;
      const stability = stabilityOf(def.attributes);
      const docs = docsText(def.docs);
      const externalId = externalIdOf(def.attributes);
      const kind = this.#resolveTypeDef(def.type, stability);
      const id = this.allocType({ name: def.name.name, kind, owner, docs, stability, span: def.name.span, externalId });
      this.#define(def.name, { kind: 'type', id });
    }
  }

  #resolveUse(owner: TypeOwner, use: ast.Use, interfaceOfPath: (path: ast.UsePath) => InterfaceId): void {
    const from = interfaceOfPath(use.from);
    const stability = stabilityOf(use.attributes);
    const externalId = externalIdOf(use.attributes);
    for (const { name, as } of use.names) {
      const found = this.interfaceTypes[from]!.get(name.name);
      if (!found) throw new WitError('not-found', `name \`${name.name}\` does not exist`, name.span);
      if (found.item.kind === 'item') {
        throw new WitError('syntax', `cannot import ${found.item.what} \`${name.name}\``, name.span);
      }
      const local = as ?? name;
      const id = this.allocType({
        name: local.name, kind: { kind: 'type', type: found.item.id }, owner, docs: undefined, stability,
        span: name.span, externalId,
      });
      this.#define(local, { kind: 'type', id });
    }
  }

  #define(name: ast.Id, item: LookupItem): void {
    if (this.typeLookup.has(name.name)) {
      throw new WitError('syntax', `name \`${name.name}\` is defined more than once`, name.span);
    }
    this.typeLookup.set(name.name, { item, span: name.span });
  }

  #resolveTypeDef(type: ast.Type, stability: Stability): TypeDefKind {
    switch (type.kind) {
      case 'primitive':
        return { kind: 'type', type: type.name };
      case 'name':
        return { kind: 'type', type: this.#resolveTypeName(type.id) };
      case 'list':
        return { kind: 'list', element: this.resolveType(type.element, stability) };
      case 'map': {
        const key = this.resolveType(type.key, stability);
        const value = this.resolveType(type.value, stability);
        if (!mapKeyTypes.has(key)) {
          throw new WitError(
            'syntax',
            'invalid map key type: map keys must be bool, u8, u16, u32, u64, s8, s16, s32, s64, char, or string',
            type.span,
          );
        }
        return { kind: 'map', key, value };
      }
      case 'fixed-length-list':
        return { kind: 'fixed-length-list', element: this.resolveType(type.element, stability), size: type.size };
      case 'handle':
        return { kind: 'handle', handle: type.handle, resource: this.#validateResource(type.resource) };
      case 'resource':
        return { kind: 'resource' };
      case 'record': {
        if (type.fields.length === 0) throw new WitError('syntax', 'empty record', type.span);
        checkUniqueNames('field', type.fields.map((f) => f.name));
        return {
          kind: 'record',
          fields: type.fields.map((f) => ({
            docs: docsText(f.docs), name: f.name.name, type: this.resolveType(f.type, stability), span: f.name.span,
          })),
        };
      }
      case 'flags': {
        if (type.flags.length === 0) throw new WitError('syntax', 'empty flags', type.span);
        const extra = type.flags[32];
        if (extra) throw new WitError('syntax', 'cannot have more than 32 flags', extra.name.span);
        checkUniqueNames('flag', type.flags.map((f) => f.name));
        return { kind: 'flags', flags: type.flags.map((f) => ({ docs: docsText(f.docs), name: f.name.name, span: f.name.span })) };
      }
      case 'tuple':
        if (type.types.length === 0) throw new WitError('syntax', 'empty tuple', type.span);
        return { kind: 'tuple', types: type.types.map((t) => this.resolveType(t, stability)) };
      case 'variant': {
        if (type.cases.length === 0) throw new WitError('syntax', 'empty variant', type.span);
        checkUniqueNames('case', type.cases.map((c) => c.name));
        return {
          kind: 'variant',
          cases: type.cases.map((c) => ({
            docs: docsText(c.docs), name: c.name.name,
            type: c.type && this.resolveType(c.type, stability), span: c.name.span,
          })),
        };
      }
      case 'enum': {
        if (type.cases.length === 0) throw new WitError('syntax', 'empty enum', type.span);
        checkUniqueNames('case', type.cases.map((c) => c.name));
        return { kind: 'enum', cases: type.cases.map((c) => ({ docs: docsText(c.docs), name: c.name.name, span: c.name.span })) };
      }
      case 'option':
        return { kind: 'option', type: this.resolveType(type.type, stability) };
      case 'result':
        return {
          kind: 'result',
          ok: type.ok && this.resolveType(type.ok, stability),
          err: type.err && this.resolveType(type.err, stability),
        };
      case 'future':
        return { kind: 'future', type: type.type && this.resolveType(type.type, stability) };
      case 'stream':
        return { kind: 'stream', type: type.type && this.resolveType(type.type, stability) };
      default:
        return unreachable(type);
    }
  }

  #resolveTypeName(name: ast.Id): TypeId {
    const found = this.typeLookup.get(name.name);
    if (!found) throw new WitError('not-found', `name \`${name.name}\` does not exist`, name.span);
    if (found.item.kind === 'item') {
      throw new WitError('syntax', `cannot use ${found.item.what} \`${name.name}\` as a type`, name.span);
    }
    return found.item.id;
  }

  #validateResource(name: ast.Id): TypeId {
    const id = this.#resolveTypeName(name);
    for (let cur = id; ;) {
      const kind = this.types[cur]!.kind;
      if (kind.kind === 'resource') return id;
      if (kind.kind === 'type' && typeof kind.type === 'number') {
        cur = kind.type;
        continue;
      }
      if (kind.kind === 'unknown') {
        this.requiredResourceTypes.push([cur, name.span]);
        return id;
      }
      throw new WitError('syntax', `type \`${name.name}\` used in a handle must be a resource`, name.span);
    }
  }

  /** An anonymous type inherits the stability of the first gated type it mentions. */
  #findStability(kind: TypeDefKind, stability: Stability): Stability {
    if (stability.kind !== 'unknown') return stability;
    const of = (t: Type | undefined): Stability | undefined => {
      if (typeof t !== 'number') return undefined;
      const s = this.types[t]!.stability;
      return s.kind === 'unknown' ? undefined : s;
    };
    let found: Stability | undefined;
    switch (kind.kind) {
      case 'type':
        found = of(kind.type);
        break;
      case 'handle':
        found = of(kind.resource);
        break;
      case 'tuple':
        found = kind.types.map(of).find((s) => s !== undefined);
        break;
      case 'list':
      case 'fixed-length-list':
        found = of(kind.element);
        break;
      case 'option':
      case 'future':
      case 'stream':
        found = of(kind.type);
        break;
      case 'map':
        found = of(kind.key) ?? of(kind.value);
        break;
      case 'result':
        found = of(kind.ok) ?? of(kind.err);
        break;
      case 'resource':
      case 'variant':
      case 'record':
      case 'flags':
      case 'enum':
      case 'unknown':
        break;
      default:
        unreachable(kind);
    }
    return found ?? unknownStability;
  }

  /** Resolves a type written inline, interning it with equal anonymous types. */
  resolveType(type: ast.Type, stability: Stability): Type {
    const kind = this.#resolveTypeDef(type, stability);
    return this.#anonType(kind, this.#findStability(kind, stability), typeSpan(type));
  }

  #anonType(kind: TypeDefKind, stability: Stability, span: Span): Type {
    let key: string;
    switch (kind.kind) {
      case 'type':
        return kind.type;
      case 'handle':
        // `own<T>` is `T` itself; only `borrow<T>` is a type of its own.
        if (kind.handle === 'own') return kind.resource;
        key = `borrow:${kind.resource}`;
        break;
      case 'variant':
        key = `variant:${JSON.stringify(kind.cases.map((c) => [c.name, c.type ?? null]))}`;
        break;
      case 'record':
        key = `record:${JSON.stringify(kind.fields.map((f) => [f.name, f.type]))}`;
        break;
      case 'flags':
        key = `flags:${JSON.stringify(kind.flags.map((f) => f.name))}`;
        break;
      case 'enum':
        key = `enum:${JSON.stringify(kind.cases.map((c) => c.name))}`;
        break;
      case 'tuple':
        key = `tuple:${JSON.stringify(kind.types)}`;
        break;
      case 'list':
        key = `list:${JSON.stringify(kind.element)}`;
        break;
      case 'map':
        key = `map:${JSON.stringify([kind.key, kind.value])}`;
        break;
      case 'fixed-length-list':
        key = `fixed:${JSON.stringify([kind.element, kind.size])}`;
        break;
      case 'option':
        key = `option:${JSON.stringify(kind.type)}`;
        break;
      case 'result':
        key = `result:${JSON.stringify([kind.ok ?? null, kind.err ?? null])}`;
        break;
      case 'future':
      case 'stream':
        key = `${kind.kind}:${JSON.stringify(kind.type ?? null)}`;
        break;
      case 'resource':
      case 'unknown':
        throw new Error(`an anonymous ${kind.kind} cannot exist`);
      default:
        return unreachable(kind);
    }
    let id = this.#anonTypes.get(key);
    if (id === undefined) {
      id = this.allocType({ name: undefined, kind, owner: { kind: 'none' }, docs: undefined, stability, span, externalId: undefined });
      this.#anonTypes.set(key, id);
    }
    return id;
  }

  /** A function of resource `resource`, named with its `[constructor]`, `[method]` or `[static]` prefix. */
  resolveResourceFunc(func: ast.ResourceFunc, resource: ast.Id): Function {
    const found = this.typeLookup.get(resource.name);
    if (found?.item.kind !== 'type') throw new Error('a resource is always in scope for its own functions');
    const id = found.item.id;
    const named = func.func;
    const { async, accessor } = named.func;
    let name: string;
    let kind: FunctionKind;
    if (func.kind === 'constructor') {
      name = `[constructor]${resource.name}`;
      kind = { kind: 'constructor', resource: id };
    } else {
      const prefix = func.kind === 'method' ? '[method]' : '[static]';
      const base = func.kind === 'method' ? 'method' : 'static';
      if (accessor === 'getter') {
        name = `${prefix}[get]${resource.name}.${named.name.name}`;
        kind = { kind: `${base}-getter`, resource: id };
      } else if (accessor === 'setter') {
        name = `${prefix}[set]${resource.name}.${named.name.name}`;
        kind = { kind: `${base}-setter`, resource: id };
      } else {
        name = `${prefix}${resource.name}.${named.name.name}`;
        kind = { kind: async ? `async-${base}` : base, resource: id };
      }
    }
    return this.resolveFunction(named.docs, named.attributes, name, named.name.span, named.func, kind);
  }

  /** Resolves a function's types, adding `self` to methods and checking getter, setter and constructor shapes. */
  resolveFunction(
    docs: ast.Docs, attrs: readonly ast.Attribute[], name: string, nameSpan: Span, func: ast.Func, kind: FunctionKind,
  ): Function {
    const resolvedDocs = docsText(docs);
    const stability = stabilityOf(attrs);
    const externalId = externalIdOf(attrs);
    const params = this.#resolveParams(func.params, kind, func.span);
    const result = this.#resolveResult(func.result, kind, func.span);
    return { name, kind, params, result, docs: resolvedDocs, stability, span: nameSpan, externalId };
  }

  #resolveParams(params: readonly ast.Param[], kind: FunctionKind, span: Span): Param[] {
    const resolved: Param[] = [];
    if (kind.kind === 'method' || kind.kind === 'async-method' || kind.kind === 'method-getter' || kind.kind === 'method-setter') {
      const handle: TypeDefKind = { kind: 'handle', handle: 'borrow', resource: kind.resource };
      resolved.push({ name: 'self', type: this.#anonType(handle, this.#findStability(handle, unknownStability), span), span });
    }
    const accessor = accessorKind(kind);
    if (accessor === 'getter' && params[0]) {
      throw new WitError('syntax', 'getters cannot have parameters', params[0].name.span);
    }
    if (accessor === 'setter' && params.length !== 1) {
      throw new WitError('syntax', 'setters must have exactly one parameter', params[1]?.name.span ?? span);
    }
    const seen = new Set(resolved.map((p) => kebabKey(p.name)));
    for (const { name, type } of params) {
      const key = kebabKey(name.name);
      if (key !== undefined && seen.has(key)) {
        throw new WitError('syntax', `param \`${name.name}\` is defined more than once`, name.span);
      }
      seen.add(key);
      resolved.push({ name: name.name, type: this.resolveType(type, unknownStability), span: name.span });
    }
    return resolved;
  }

  #resolveResult(result: ast.Type | undefined, kind: FunctionKind, span: Span): Type | undefined {
    switch (kind.kind) {
      case 'freestanding':
      case 'async-freestanding':
      case 'method':
      case 'async-method':
      case 'static':
      case 'async-static':
        return result && this.resolveType(result, unknownStability);
      case 'getter':
      case 'method-getter':
      case 'static-getter':
        if (!result) throw new WitError('syntax', 'getters must return a value', span);
        return this.resolveType(result, unknownStability);
      case 'setter':
      case 'method-setter':
      case 'static-setter': {
        if (!result) return undefined;
        const resolved = this.resolveType(result, unknownStability);
        const def = typeof resolved === 'number' ? this.types[resolved]!.kind : undefined;
        if (def?.kind === 'result' && def.ok === undefined) return resolved;
        throw new WitError(
          'syntax', 'if a setter return type is declared it must be a `result` with no `ok` type', typeSpan(result),
        );
      }
      case 'constructor':
        return result ? this.#resolveConstructorResult(kind.resource, result) : kind.resource;
      default:
        return unreachable(kind);
    }
  }

  #resolveConstructorResult(resource: TypeId, result: ast.Type): Type {
    const resolved = this.resolveType(result, unknownStability);
    const def = typeof resolved === 'number' ? this.types[resolved]!.kind : undefined;
    if (def?.kind !== 'result') {
      throw new WitError('syntax', 'if a constructor return type is declared it must be a `result`', typeSpan(result));
    }
    if (def.ok === resource) return resolved;
    const okSpan = result.kind === 'result' && result.ok ? typeSpan(result.ok) : typeSpan(result);
    throw new WitError('syntax', 'the `ok` type must be the resource being constructed', okSpan);
  }
}

function accessorKind(kind: FunctionKind): 'getter' | 'setter' | undefined {
  if (kind.kind.endsWith('getter')) return 'getter';
  if (kind.kind.endsWith('setter')) return 'setter';
  return undefined;
}

function kebabKey(name: string): string | undefined {
  return isKebab(name) ? name.replaceAll('-', '').toLowerCase() : undefined;
}

/** Record fields, flags and cases must be strongly unique. */
function checkUniqueNames(desc: string, names: readonly ast.Id[]): void {
  const seen = new Map<string, string>();
  for (const name of names) {
    const key = kebabKey(name.name);
    if (key === undefined) continue;
    const prev = seen.get(key);
    if (prev !== undefined) {
      throw new WitError(
        'syntax',
        prev === name.name ? `duplicate ${desc} \`${prev}\`` : `${desc} \`${name.name}\` conflicts with previous ${desc} \`${prev}\``,
        name.span,
      );
    }
    seen.set(key, name.name);
  }
}

// The old float names get a pointer to their new names, as the reference does.
function withRenamedFloatHint(error: unknown): unknown {
  if (!(error instanceof WitError) || error.kind !== 'not-found') return error;
  const renamed: Record<string, string> = { float32: 'f32', float64: 'f64' };
  const name = /^type `(float32|float64)` does not exist$/.exec(error.message)?.[1];
  if (!name) return error;
  return new WitError(
    'not-found',
    `${error.message}\nthe \`${name}\` type has been renamed to \`${renamed[name]}\` and is no longer accepted, but the \`WIT_REQUIRE_F32_F64=0\` environment variable can be used to temporarily disable this error`,
    error.span,
  );
}

/** The `use` statements and type definitions among an interface's or world's items, in order. */
export function typeItemsOf(items: readonly (ast.InterfaceItem | ast.WorldItem)[]): TypeItem[] {
  const out: TypeItem[] = [];
  for (const item of items) {
    if (item.kind === 'use') out.push({ kind: 'use', use: item.use });
    else if (item.kind === 'type') out.push({ kind: 'def', def: item.typeDef });
  }
  return out;
}
