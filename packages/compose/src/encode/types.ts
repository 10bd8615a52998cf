/**
 * Declaring a definition's types in the result: types read from one
 * definition's arena are written as type declarations of a scope — an
 * instance type (the type of an import of the result) or the result
 * itself. A type the definition takes from another of its imports (a
 * `use`) is not declared again but referred to: inside an instance type by
 * `alias outer`, at the top level directly, through the `alias export` of
 * that import's type.
 */
import type {
  AnyTypeId, ComponentItem, ComponentType, DefinedType, DefinedTypeInfo, InstanceTypeDecl, TypeArena, TypeBounds, ValType,
  ValueType,
} from '@weld/component';
import { ComposeError, type ComponentDef } from '../api.js';
import { definingImport, importedResources, outerTypes, typeHasResource, type OuterType } from '../graph/uses.js';

/** Finds the result's type index of a type a definition takes from one of its imports. */
export type OuterLookup = (def: ComponentDef, importName: string, exportName: string | undefined) => number | undefined;

/** A place types are declared in. */
export interface TypeScope {
  /** Declares a type; returns its index in the scope. */
  declare(type: ComponentType): number;
  /** Makes the result's type `index` available in the scope; returns its index there. */
  outer(index: number): number;
  /** Counts an exported type (which gets an index in an instance type); returns its index. */
  exported(): number;
  /** The ids of the definition already declared in the scope. */
  readonly known: Map<AnyTypeId, number>;
}

/** Declares the types of one definition's arena in a scope. */
export class TypeDeclarer {
  readonly #def: ComponentDef;
  readonly #arena: TypeArena;
  readonly #scope: TypeScope;
  readonly #lookup: OuterLookup;
  /** The import whose instance type is being declared: its own types are not outer. */
  readonly #self: string | undefined;
  /** The type exports already declared in that instance type, by name (shared by every definition it merges). */
  readonly #selfNames: ReadonlyMap<string, number>;

  constructor(def: ComponentDef, scope: TypeScope, lookup: OuterLookup, self?: string, selfNames?: ReadonlyMap<string, number>) {
    this.#def = def;
    this.#arena = def.types.arena;
    this.#scope = scope;
    this.#lookup = lookup;
    this.#self = self;
    this.#selfNames = selfNames ?? new Map();
  }

  /** The index of a type from another import of the definition, made available in the scope; undefined when `id` is not one. */
  outerIndex(id: AnyTypeId): number | undefined {
    let found = outerTypes(this.#def).get(id);
    if (found?.importName === this.#self) found = undefined;
    found ??= this.#outerByResource(id);
    if (!found) return undefined;
    // Aliased from the import that defines the type, as wac does, not one that re-exports it
    // (wasi:filesystem/types' `error` from wasi:io/error, not wasi:io/streams); failing that, from where the definition took it.
    const owner = definingImport(this.#def, id);
    const index = (owner === undefined || owner.importName === this.#self ? undefined : this.#lookup(this.#def, owner.importName, owner.exportName))
      ?? this.#lookup(this.#def, found.importName, found.exportName);
    // A value type of a plugged interface is declared again right here.
    if (index === undefined && !typeHasResource(this.#arena, id)) return undefined;
    if (index === undefined) {
      throw new ComposeError(
        'invalid-input',
        `cannot declare a type of ${this.#def.name}: it uses ${found.exportName ?? 'a type'} from ${found.importName}, which is not an import of the result`,
      );
    }
    const local = this.#scope.outer(index);
    this.#scope.known.set(id, local);
    return local;
  }

  /** The index of `id` in the scope, declaring it (and what it refers to) when needed. */
  index(id: AnyTypeId): number {
    const known = this.#scope.known.get(id) ?? this.#knownByResource(id) ?? this.#selfByName(id);
    if (known !== undefined) return known;
    const outer = this.outerIndex(id);
    if (outer !== undefined) return outer;
    const info = this.#arena.ids[id]?.info;
    let type: ComponentType;
    switch (info?.kind) {
      case 'defined':
        type = this.#defined(info.type);
        break;
      case 'func':
        type = {
          kind: 'func',
          async: info.type.async,
          params: info.type.params.map((p) => ({ name: p.name, type: this.value(p.type) })),
          result: this.#optional(info.type.result),
        };
        break;
      default:
        throw new ComposeError('invalid-input', `cannot declare type ${id} of ${this.#def.name} (${info?.kind ?? 'unknown'}) in the result`);
    }
    const index = this.#scope.declare(type);
    this.#scope.known.set(id, index);
    return index;
  }

  /** A value type in the scope. */
  value(type: ValueType): ValType {
    return typeof type === 'number' ? this.index(type) : type;
  }

  /** Declares one export of an instance type whose scope is this declarer's; type exports are recorded in `names`. */
  declareExport(name: string, item: ComponentItem, decls: InstanceTypeDecl[], names: Map<string, number>): void {
    const externName = { name, implements: item.implements, versionSuffix: item.versionSuffix, externalId: item.externalId };
    const e = item.type;
    switch (e.kind) {
      case 'type': {
        const referenced = this.#arena.ids[e.referenced]?.info;
        // A resource already in scope (e.g. `type trailers = fields`) is an alias, not a new resource.
        const inScope = this.#scope.known.get(e.referenced) ?? this.#knownByResource(e.referenced);
        const outer = inScope ?? this.outerIndex(e.referenced);
        let bounds: TypeBounds;
        if (outer !== undefined) bounds = { kind: 'eq', index: outer };
        else if (referenced?.kind === 'resource') bounds = { kind: 'sub-resource' };
        else bounds = { kind: 'eq', index: this.index(e.referenced) };
        decls.push({ kind: 'export', name: externName, type: { kind: 'type', bounds } });
        const index = this.#scope.exported();
        this.#scope.known.set(e.created, index);
        // Later uses of the type must name the export: the validator wants named types in signatures.
        if (bounds.kind === 'sub-resource' || (outer === undefined && inScope === undefined)) this.#scope.known.set(e.referenced, index);
        names.set(name, index);
        return;
      }
      case 'func':
        decls.push({ kind: 'export', name: externName, type: { kind: 'func', index: this.index(e.id) } });
        return;
      case 'instance':
        decls.push({ kind: 'export', name: externName, type: { kind: 'instance', index: this.index(e.id) } });
        return;
      default:
        throw new ComposeError('invalid-input', `cannot declare the ${e.kind} export \`${name}\` of an instance type of ${this.#def.name}`);
    }
  }

  #optional(type: ValueType | undefined): ValType | undefined {
    return type === undefined ? undefined : this.value(type);
  }

  #defined(t: DefinedTypeInfo): DefinedType {
    const v = (x: ValueType): ValType => this.value(x);
    const o = (x: ValueType | undefined): ValType | undefined => this.#optional(x);
    switch (t.kind) {
      case 'primitive': return t;
      case 'record': return { kind: 'record', fields: t.fields.map((f) => ({ name: f.name, type: v(f.type) })) };
      case 'variant': return { kind: 'variant', cases: t.cases.map((c) => ({ name: c.name, type: o(c.type) })) };
      case 'list': return { kind: 'list', element: v(t.element) };
      case 'fixed-size-list': return { kind: 'fixed-size-list', element: v(t.element), length: t.length };
      case 'map': return { kind: 'map', key: v(t.key), value: v(t.value) };
      case 'tuple': return { kind: 'tuple', types: t.types.map(v) };
      case 'flags': return t;
      case 'enum': return t;
      case 'option': return { kind: 'option', type: v(t.type) };
      case 'result': return { kind: 'result', ok: o(t.ok), err: o(t.err) };
      case 'own': return { kind: 'own', resource: this.index(t.resource) };
      case 'borrow': return { kind: 'borrow', resource: this.index(t.resource) };
      case 'future': return { kind: 'future', type: o(t.type) };
      case 'stream': return { kind: 'stream', type: o(t.type) };
      default: throw new ComposeError('invalid-input', 'unknown defined type');
    }
  }

  /** A resource known in the scope under another id with the same identity. */
  #knownByResource(id: AnyTypeId): number | undefined {
    const info = this.#arena.ids[id]?.info;
    if (info?.kind !== 'resource') return undefined;
    for (const [other, index] of this.#scope.known) {
      const o = this.#arena.ids[other]?.info;
      if (o?.kind === 'resource' && o.resource === info.resource) return index;
    }
    return undefined;
  }

  /** A type of the import being declared, already exported by name (by another definition it merges). */
  #selfByName(id: AnyTypeId): number | undefined {
    if (this.#self === undefined) return undefined;
    const outer = outerTypes(this.#def).get(id);
    if (outer?.importName === this.#self && outer.exportName !== undefined) return this.#selfNames.get(outer.exportName);
    const info = this.#arena.ids[id]?.info;
    if (info?.kind !== 'resource') return undefined;
    const origin = importedResources(this.#def).get(info.resource);
    if (origin?.importName !== this.#self || origin.names.length !== 1) return undefined;
    return this.#selfNames.get(origin.names[0]!);
  }

  /** The import that introduces a resource, when it is not the one being declared. */
  #outerByResource(id: AnyTypeId): OuterType | undefined {
    const info = this.#arena.ids[id]?.info;
    if (info?.kind !== 'resource') return undefined;
    const origin = importedResources(this.#def).get(info.resource);
    if (!origin || origin.importName === this.#self || origin.names.length > 1) return undefined;
    return { importName: origin.importName, exportName: origin.names[0] };
  }
}

/**
 * The declarations of the instance type of an import of the result: the
 * union of the instance types of the definition imports it merges, each
 * export taken from the first that has it. Resources the import defines
 * are `sub resource` exports; types from other imports, outer aliases.
 */
export function instanceTypeDecls(
  parts: readonly { readonly def: ComponentDef; readonly importName: string }[],
  lookup: OuterLookup,
): InstanceTypeDecl[] {
  const decls: InstanceTypeDecl[] = [];
  const counter = { count: 0 };
  const names = new Map<string, number>();
  const seen = new Set<string>();
  for (const { def, importName } of parts) {
    const item = def.types.imports.get(importName);
    const info = item?.type.kind === 'instance' ? def.types.arena.ids[item.type.id]?.info : undefined;
    if (info?.kind !== 'instance') throw new ComposeError('invalid-input', `${importName} of ${def.name} is not an instance`);
    const declarer = new TypeDeclarer(def, new InstanceScope(decls, counter), lookup, importName, names);
    for (const [name, exp] of info.type.exports) {
      if (seen.has(name)) continue;
      seen.add(name);
      declarer.declareExport(name, exp, decls, names);
    }
  }
  return decls;
}

/** One definition's view of an instance type under construction: shared declarations and count, its own ids. */
class InstanceScope implements TypeScope {
  readonly known = new Map<AnyTypeId, number>();
  readonly #decls: InstanceTypeDecl[];
  readonly #counter: { count: number };

  constructor(decls: InstanceTypeDecl[], counter: { count: number }) {
    this.#decls = decls;
    this.#counter = counter;
  }

  declare(type: ComponentType): number {
    this.#decls.push({ kind: 'type', type });
    return this.#counter.count++;
  }

  outer(index: number): number {
    this.#decls.push({ kind: 'alias', alias: { kind: 'outer', sort: 'type', count: 1, index } });
    return this.#counter.count++;
  }

  exported(): number {
    return this.#counter.count++;
  }
}
