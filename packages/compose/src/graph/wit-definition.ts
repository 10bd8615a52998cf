/**
 * Imports typed from WIT: a front end may declare `import x: ns:pkg/iface`
 * with no component that imports it. The interface becomes a small
 * type-only definition: a component that only imports the interface, after
 * the interfaces its types `use` (each an instance type declared as
 * wit-component declares it, its types aliased out for the next), and
 * nothing else. The result's import then copies that definition's import,
 * as it copies any definition's, so the encoder and the type checker need
 * nothing new; decoding the made component checks it.
 */
import { encodeComponent } from '@weld/component';
import type { DefinedType, ExternName, FuncType, InstanceTypeDecl, ValType } from '@weld/component';
import {
  interfaceDirectDeps, interfaceIdOf, unreachable, type Function as WitFunction, type InterfaceId, type Resolve, type Type,
  type TypeDefKind, type TypeId,
} from '@weld/wit';
import { ComposeError, type ComponentDef } from '../api.js';
import { SectionList } from '../encode/sections.js';
import { shortList } from '../quote.js';
import { loadDefinition } from './definition.js';

/** An import of the result typed as an instance of a WIT interface. */
export interface WitImportType {
  readonly kind: 'wit';
  readonly resolve: Resolve;
  /** A named interface of a package of `resolve`. */
  readonly interface: InterfaceId;
}

const plainName = (name: string): ExternName => ({ name, implements: undefined, versionSuffix: undefined, externalId: undefined });

/** The interface's name as an import (`ns:pkg/iface@version`); an interface of no package cannot be imported by name. */
function importNameOf(resolve: Resolve, id: InterfaceId): string {
  const name = resolve.interfaces[id] === undefined ? undefined : interfaceIdOf(resolve, id);
  if (name === undefined) {
    throw new ComposeError('invalid-input', `interface ${id} cannot type an import: only a named interface of a package can`);
  }
  return name;
}

/** `root` and the interfaces its types come from, each after its dependencies; depth first with its own stack. */
function dependencyOrder(resolve: Resolve, root: InterfaceId): InterfaceId[] {
  const order: InterfaceId[] = [];
  const state = new Map<InterfaceId, 'open' | 'done'>([[root, 'open']]);
  const stack: { readonly id: InterfaceId; readonly deps: InterfaceId[]; next: number }[] = [
    { id: root, deps: interfaceDirectDeps(resolve, root), next: 0 },
  ];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const dep = top.deps[top.next++];
    if (dep === undefined) {
      stack.pop();
      state.set(top.id, 'done');
      order.push(top.id);
    } else if (!state.has(dep)) {
      // A resolved Resolve has no cycles of `use`; an open one is skipped rather than looped on.
      state.set(dep, 'open');
      stack.push({ id: dep, deps: interfaceDirectDeps(resolve, dep), next: 0 });
    }
  }
  return order;
}

/** The defined types a type's body refers to. */
function referenced(kind: TypeDefKind): TypeId[] {
  const ids: Type[] = [];
  switch (kind.kind) {
    case 'record': for (const f of kind.fields) ids.push(f.type); break;
    case 'variant': for (const c of kind.cases) if (c.type !== undefined) ids.push(c.type); break;
    case 'tuple': for (const t of kind.types) ids.push(t); break;
    case 'option': case 'type': ids.push(kind.type); break;
    case 'list': case 'fixed-length-list': ids.push(kind.element); break;
    case 'map': ids.push(kind.key, kind.value); break;
    case 'result': if (kind.ok !== undefined) ids.push(kind.ok); if (kind.err !== undefined) ids.push(kind.err); break;
    case 'future': case 'stream': if (kind.type !== undefined) ids.push(kind.type); break;
    case 'handle': ids.push(kind.resource); break;
    case 'resource': case 'flags': case 'enum': case 'unknown': break;
    default: return unreachable(kind);
  }
  return ids.filter((t): t is TypeId => typeof t === 'number');
}

/** One interface's instance type under construction: its declarations and which WIT type is which type index in it. */
class InstanceTypeBuilder {
  readonly decls: InstanceTypeDecl[] = [];
  readonly #resolve: Resolve;
  readonly #self: InterfaceId;
  /** The top-level type index of each type export of an earlier interface, by `interface/name`. */
  readonly #outer: ReadonlyMap<string, number>;
  readonly #local = new Map<TypeId, number>();
  #count = 0;

  constructor(resolve: Resolve, self: InterfaceId, outer: ReadonlyMap<string, number>) {
    this.#resolve = resolve;
    this.#self = self;
    this.#outer = outer;
  }

  /** Declares the interface's types (named ones exported) and functions. */
  build(): InstanceTypeDecl[] {
    const iface = this.#resolve.interfaces[this.#self]!;
    for (const id of iface.types.values()) this.#index(id);
    for (const func of iface.functions.values()) {
      const index = this.#declare(this.#funcType(func));
      this.decls.push({ kind: 'export', name: plainName(func.name), type: { kind: 'func', index } });
    }
    return this.decls;
  }

  #declare(type: DefinedType | FuncType): number {
    this.decls.push({ kind: 'type', type });
    return this.#count++;
  }

  #exportType(name: string, bounds: { readonly kind: 'eq'; readonly index: number } | { readonly kind: 'sub-resource' }): number {
    this.decls.push({ kind: 'export', name: plainName(name), type: { kind: 'type', bounds } });
    return this.#count++;
  }

  /** The index of a WIT type in this instance type, declaring it and what it refers to first (with its own stack: types nest as deep as the input). */
  #index(root: TypeId): number {
    const open = new Set<TypeId>();
    const stack: TypeId[] = [root];
    while (stack.length > 0) {
      const id = stack[stack.length - 1]!;
      if (this.#local.has(id)) {
        stack.pop();
        continue;
      }
      const def = this.#resolve.types[id];
      if (def === undefined) throw new ComposeError('invalid-input', `type ${id} is not in the WIT`);
      const foreign = def.owner.kind === 'interface' && def.owner.id !== this.#self;
      // A foreign or `use`d type is aliased in whole: nothing of it is declared here.
      const declaredHere = !foreign && this.#usedFrom(id) === undefined;
      const pending = declaredHere ? referenced(def.kind).filter((t) => !this.#local.has(t)) : [];
      if (pending.length > 0 && !open.has(id)) {
        open.add(id);
        for (const t of pending) stack.push(t);
        continue;
      }
      if (pending.length > 0) throw new ComposeError('invalid-input', `the WIT type ${def.name ?? id} refers to itself`);
      stack.pop();
      this.#local.set(id, this.#declareOne(id, foreign));
    }
    return this.#local.get(root)!;
  }

  /** For a type `use`d from another interface: that interface and the name it has there. */
  #usedFrom(id: TypeId): { readonly iface: InterfaceId; readonly name: string } | undefined {
    const def = this.#resolve.types[id]!;
    if (def.kind.kind !== 'type' || typeof def.kind.type !== 'number') return undefined;
    const target = this.#resolve.types[def.kind.type]!;
    if (target.owner.kind !== 'interface' || target.owner.id === this.#self || target.name === undefined) return undefined;
    return { iface: target.owner.id, name: target.name };
  }

  /** A type of an earlier interface, aliased in from the top level. */
  #outerAlias(iface: InterfaceId, name: string): number {
    const index = this.#outer.get(`${iface}/${name}`);
    if (index === undefined) throw new ComposeError('invalid-input', `the WIT type ${name} of ${importNameOf(this.#resolve, iface)} is not declared before its use`);
    this.decls.push({ kind: 'alias', alias: { kind: 'outer', sort: 'type', count: 1, index } });
    return this.#count++;
  }

  /** Declares one type whose parts are declared already; returns the index it is known by. */
  #declareOne(id: TypeId, foreign: boolean): number {
    const def = this.#resolve.types[id]!;
    if (foreign) {
      if (def.owner.kind !== 'interface' || def.name === undefined) throw new ComposeError('invalid-input', `cannot refer to the WIT type ${id}`);
      return this.#outerAlias(def.owner.id, def.name);
    }
    const used = this.#usedFrom(id);
    if (used !== undefined) return this.#exportType(def.name!, { kind: 'eq', index: this.#outerAlias(used.iface, used.name) });
    if (def.kind.kind === 'resource') return this.#exportType(def.name!, { kind: 'sub-resource' });
    const kind = def.kind;
    // `type a = b` exports `a` as `b` itself; of a primitive, as a declared primitive type.
    const body = kind.kind === 'type' && typeof kind.type === 'number' ? this.#local.get(kind.type)! : this.#declare(this.#defined(kind));
    return def.name === undefined ? body : this.#exportType(def.name, { kind: 'eq', index: body });
  }

  #value(type: Type): ValType {
    return typeof type === 'number' ? this.#local.get(type)! : type;
  }

  #optional(type: Type | undefined): ValType | undefined {
    return type === undefined ? undefined : this.#value(type);
  }

  #defined(kind: TypeDefKind): DefinedType {
    switch (kind.kind) {
      case 'record': return { kind: 'record', fields: kind.fields.map((f) => ({ name: f.name, type: this.#value(f.type) })) };
      case 'variant': return { kind: 'variant', cases: kind.cases.map((c) => ({ name: c.name, type: this.#optional(c.type) })) };
      case 'enum': return { kind: 'enum', names: kind.cases.map((c) => c.name) };
      case 'flags': return { kind: 'flags', names: kind.flags.map((f) => f.name) };
      case 'tuple': return { kind: 'tuple', types: kind.types.map((t) => this.#value(t)) };
      case 'option': return { kind: 'option', type: this.#value(kind.type) };
      case 'result': return { kind: 'result', ok: this.#optional(kind.ok), err: this.#optional(kind.err) };
      case 'list': return { kind: 'list', element: this.#value(kind.element) };
      case 'fixed-length-list': return { kind: 'fixed-size-list', element: this.#value(kind.element), length: kind.size };
      case 'map': return { kind: 'map', key: this.#value(kind.key), value: this.#value(kind.value) };
      case 'future': return { kind: 'future', type: this.#optional(kind.type) };
      case 'stream': return { kind: 'stream', type: this.#optional(kind.type) };
      case 'handle': return { kind: kind.handle, resource: this.#local.get(kind.resource)! };
      case 'type': {
        const type = this.#value(kind.type);
        if (typeof type === 'number') throw new ComposeError('invalid-input', 'a type alias of a defined type is not declared again');
        return { kind: 'primitive', type };
      }
      case 'resource': case 'unknown':
        throw new ComposeError('invalid-input', `a WIT ${kind.kind} type cannot be declared as a value type`);
      default: return unreachable(kind);
    }
  }

  #funcType(func: WitFunction): FuncType {
    const async = func.kind.kind.startsWith('async-');
    for (const p of func.params) if (typeof p.type === 'number') this.#index(p.type);
    if (typeof func.result === 'number') this.#index(func.result);
    return {
      kind: 'func',
      async,
      params: func.params.map((p) => ({ name: p.name, type: this.#value(p.type) })),
      result: this.#optional(func.result),
    };
  }
}

/**
 * A type-only definition whose import `importName` is an instance of the
 * WIT interface `type.interface` (and whose other imports are the
 * interfaces it `use`s types from); for `CompositionBuilder.addImport`.
 */
export function witDefinition(type: WitImportType): { readonly def: ComponentDef; readonly importName: string } {
  const { resolve } = type;
  const importName = importNameOf(resolve, type.interface);
  const out = new SectionList();
  const typeExports = new Map<string, number>();
  for (const id of dependencyOrder(resolve, type.interface)) {
    const decls = new InstanceTypeBuilder(resolve, id, typeExports).build();
    const instance = out.import({ name: plainName(importNameOf(resolve, id)), type: { kind: 'instance', index: out.type({ kind: 'instance', decls }) } });
    for (const decl of decls) {
      if (decl.kind !== 'export' || decl.type.kind !== 'type') continue;
      typeExports.set(`${id}/${decl.name.name}`, out.alias({ kind: 'instance-export', sort: 'type', instance, name: decl.name.name }));
    }
  }
  const bytes = encodeComponent({ version: 0x0d, layer: 1, sections: out.sections });
  return { def: { ...loadDefinition({ name: importName, bytes }), typeOnly: true }, importName };
}

/**
 * The interface of `resolve` named `name` (`ns:pkg/iface@version`); none is
 * `ComposeError('not-found')` with the interfaces there are as its hint.
 */
export function interfaceByName(resolve: Resolve, name: string): InterfaceId {
  const known: string[] = [];
  for (let id = 0; id < resolve.interfaces.length; id++) {
    const qualified = interfaceIdOf(resolve, id);
    if (qualified === name) return id;
    if (qualified !== undefined) known.push(qualified);
  }
  throw new ComposeError('not-found', `the WIT has no interface ${name}`, [`its interfaces: ${shortList(known)}`], {
    hint: { kind: 'did-you-mean', requested: name, known },
  });
}
