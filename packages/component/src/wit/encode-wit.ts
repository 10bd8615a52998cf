/**
 * A WIT package encoded as a component, byte for byte as
 * `wasm-tools component wit --wasm` writes it: a port of wit-component's
 * `encoding/wit.rs` (`encode`) and of the `ValtypeEncoder` of
 * `encoding/types.rs`. One exported component type per interface and per
 * world of the package, then the `package-docs` and `producers` custom
 * sections. `componentWit` reads it back. The input is a valid resolve (as
 * the loader makes it): a world whose imports are out of order is refused
 * with wit-component's `WitEncodeError` (as is a package past
 * {@link MAX_WIT_PACKAGE_DECLS}), any other inconsistency is a bug,
 * thrown as a plain `Error`.
 */
import { depthFirst, interfaceDirectDeps, interfaceIdOf, qualifiedName, unreachable } from '@weld/wit';
import type {
  Enter, Function, InterfaceId, PackageId, Resolve, Type, TypeDefKind, TypeId, WorldEntry, WorldId, WorldKey,
} from '@weld/wit';
import { encodeComponent } from '../encode/component.js';
import { MAX_WASM_COMPONENT_TYPE_DECLS, MAX_WASM_INSTANCE_TYPE_DECLS, sizeLimitMessage } from '../limits.js';
import type {
  Alias, Component, ComponentType, ComponentTypeDecl, ComponentTypeType, CustomSection, DefinedType, ExternName,
  ExternType, InstanceType, InstanceTypeDecl, Section, ValType,
} from '../model/index.js';
import { WitEncodeError } from './errors.js';
import { packageDocsSection } from './package-docs.js';

/**
 * The `processed-by` entry wit-component writes. weld writes the same so that
 * a package it builds is the same bytes (and the same digest once published)
 * as the one wasm-tools 1.263 builds.
 */
const processedBy = { name: 'wit-component', version: '0.263.0' } as const;

/** Encodes package `pkg` of `resolve` as a WIT package binary, as `wasm-tools component wit --wasm` does. */
export function encodeWitPackage(resolve: Resolve, pkg: PackageId): Uint8Array {
  return encodeComponent(witPackageComponent(resolve, pkg));
}

/** The component model of {@link encodeWitPackage}'s output, before it is written as bytes. */
export function witPackageComponent(resolve: Resolve, pkg: PackageId): Component {
  const sections: Section[] = [];
  const target = resolve.packages[pkg]!;
  const budget: Budget = { decls: 0 };
  // Each export of the outer component is a type of its own, after the type it exports.
  let outerTypes = 0;
  const exportType = (name: string, type: ComponentTypeType): void => {
    sections.push({ kind: 'type', types: [type] });
    sections.push({ kind: 'export', exports: [{ name: plainName(name), sort: 'type', index: outerTypes, type: undefined }] });
    outerTypes += 2;
  };
  for (const [name, id] of target.interfaces) exportType(name, encodeInterface(resolve, id, budget));
  for (const [name, id] of target.worlds) {
    const world = resolve.worlds[id]!;
    const owner = resolve.packages[world.package ?? pkg]!;
    exportType(name, {
      kind: 'component',
      decls: [
        { kind: 'type', type: encodeWorld(resolve, id, budget) },
        { kind: 'export', name: plainName(qualifiedName(owner.name, name)), type: { kind: 'component', index: 0 } },
      ],
    });
  }
  const producers: CustomSection = {
    kind: 'producers', name: 'producers', fields: [{ name: 'processed-by', values: [processedBy] }],
  };
  sections.push({ kind: 'custom', custom: packageDocsSection(resolve, pkg) }, { kind: 'custom', custom: producers });
  return { version: 0x0d, layer: 1, sections };
}

/** A name without options. */
function plainName(name: string, externalId?: string): ExternName {
  return { name, implements: undefined, versionSuffix: undefined, externalId };
}

/** `ns:pkg/iface@version`; throws for an inline interface, which has no such name. */
function idOf(resolve: Resolve, id: InterfaceId): string {
  const name = interfaceIdOf(resolve, id);
  if (name === undefined) throw new Error('an interface named from outside its world has no name');
  return name;
}

/**
 * An interface as a component type: an import of every interface it takes
 * types from (transitively, dependencies first), then the interface itself
 * as an exported instance.
 */
function encodeInterface(resolve: Resolve, id: InterfaceId, budget: Budget): ComponentTypeType {
  const live = new Set<InterfaceId>();
  depthFirst<InterfaceId>(id, (node) => (live.has(node) ? true : interfaceDirectDeps(resolve, node)), (node) => {
    live.add(node);
  });
  const encoder = new InterfaceEncoder(resolve, budget);
  for (const iface of live) {
    encoder.interface = iface;
    const name = idOf(resolve, iface);
    if (iface === id) {
      encoder.outer.add({ kind: 'export', name: plainName(name), type: { kind: 'instance', index: encoder.encodeInstance(iface) } });
      continue;
    }
    encoder.pushInstance();
    for (const type of resolve.interfaces[iface]!.types.values()) encoder.encodeValtype(type);
    const index = encoder.defineInstance(encoder.popInstance(), iface);
    encoder.outer.add({ kind: 'import', name: plainName(name), type: { kind: 'instance', index } });
  }
  return { kind: 'component', decls: encoder.outer.decls };
}

/** A world as a component type: its imports, then its exports. */
function encodeWorld(resolve: Resolve, id: WorldId, budget: Budget): ComponentTypeType {
  const encoder = new InterfaceEncoder(resolve, budget);
  const world = resolve.worlds[id]!;
  const entries = [
    ...[...world.imports.values()].map((entry) => ({ entry, kind: 'import' as const })),
    ...[...world.exports.values()].map((entry) => ({ entry, kind: 'export' as const })),
  ];
  for (const { entry, kind } of entries) {
    const { item } = entry;
    let type: ExternType;
    switch (item.kind) {
      case 'interface':
        encoder.interface = item.id;
        type = { kind: 'instance', index: encoder.encodeInstance(item.id) };
        break;
      case 'function':
        encoder.interface = undefined;
        type = { kind: 'func', index: encoder.encodeFuncType(item.function) };
        break;
      case 'type':
        // A type of the world is imported by the valtype encoder itself.
        encoder.interface = undefined;
        encoder.importTypes = true;
        encoder.encodeValtype(item.id);
        encoder.importTypes = false;
        continue;
      default:
        unreachable(item);
    }
    encoder.outer.add({ kind, name: worldExternName(resolve, entry), type });
  }
  return { kind: 'component', decls: encoder.outer.decls };
}

/** `component_extern_name`: the key's name, with `implements` for a named import of a named interface and the item's external id. */
function worldExternName(resolve: Resolve, { key, item }: WorldEntry): ExternName {
  const name = worldKeyString(resolve, key);
  const named = key.kind === 'name' && item.kind === 'interface' && resolve.interfaces[item.id]!.name !== undefined;
  const externalId = item.kind === 'interface' ? item.externalId
    : item.kind === 'function' ? item.function.externalId : resolve.types[item.id]!.externalId;
  return {
    name,
    implements: named && item.kind === 'interface' ? idOf(resolve, item.id) : undefined,
    versionSuffix: undefined,
    externalId,
  };
}

function worldKeyString(resolve: Resolve, key: WorldKey): string {
  return key.kind === 'name' ? key.name : idOf(resolve, key.id);
}

/**
 * How many declarations the whole package may take. wasm-tools has no such
 * bound, but the encoding repeats, in every interface, each interface it
 * takes types from (transitively): a chain of n `use`s costs n²/2
 * declarations, and weld stops before that exhausts its memory. One type
 * alone is bounded by wasmparser's limits, which wasm-tools checks when it
 * validates what it wrote.
 */
export const MAX_WIT_PACKAGE_DECLS = 3_000_000;

/** The declarations written so far, across every type of the package. */
interface Budget {
  decls: number;
}

/** wasmparser's bound on the declarations of one type of a kind, and the words it refuses more with. */
interface DeclLimit {
  readonly max: number;
  readonly message: string;
}

const COMPONENT_DECLS: DeclLimit = { max: MAX_WASM_COMPONENT_TYPE_DECLS, message: sizeLimitMessage('component type declaration') };
const INSTANCE_DECLS: DeclLimit = { max: MAX_WASM_INSTANCE_TYPE_DECLS, message: sizeLimitMessage('instance type declaration') };

/** The declarations of a component or instance type being built, and the size of its type index space. */
class TypeSpace {
  readonly decls: ComponentTypeDecl[] = [];
  typeCount = 0;
  readonly #budget: Budget;
  readonly #limit: DeclLimit;

  constructor(budget: Budget, limit: DeclLimit) {
    this.#budget = budget;
    this.#limit = limit;
  }

  /**
   * Appends `decl`; returns the type index it created, or -1 when it creates
   * none. A type past wasmparser's limit is refused with its words, as
   * wasm-tools' validation of its output refuses it.
   */
  add(decl: ComponentTypeDecl): number {
    if (this.decls.length === this.#limit.max) throw new WitEncodeError(this.#limit.message);
    if (++this.#budget.decls > MAX_WIT_PACKAGE_DECLS) {
      throw new WitEncodeError(
        `the package needs more than ${MAX_WIT_PACKAGE_DECLS} type declarations as wasm (each interface repeats every interface it uses types from)`,
      );
    }
    this.decls.push(decl);
    const createsType = decl.kind === 'type' || (decl.kind === 'alias' && decl.alias.sort === 'type')
      || ((decl.kind === 'import' || decl.kind === 'export') && decl.type.kind === 'type');
    return createsType ? this.typeCount++ : -1;
  }

  define(type: ComponentType): number {
    return this.add({ kind: 'type', type });
  }

  /** The declarations as an instance type's (an instance space never gets imports). */
  instanceDecls(): InstanceTypeDecl[] {
    return this.decls.filter((d): d is InstanceTypeDecl => d.kind !== 'import');
  }
}

/** `TypeEncodingMaps`: what is already defined in one index space. */
class TypeMaps {
  readonly idToIndex = new Map<TypeId, number>();
  /** Anonymous types by structure, so that equal ones share a definition. */
  readonly defToIndex = new Map<string, number>();
  readonly funcTypes = new Map<string, number>();

  lookup(resolve: Resolve, id: TypeId): number | undefined {
    const found = this.idToIndex.get(id);
    if (found !== undefined) return found;
    const def = resolve.types[id]!;
    return def.name === undefined ? this.defToIndex.get(structureKey(def.kind)) : undefined;
  }

  insert(resolve: Resolve, id: TypeId, index: number): void {
    this.idToIndex.set(id, index);
    const def = resolve.types[id]!;
    if (def.name === undefined) this.defToIndex.set(structureKey(def.kind), index);
  }
}

const typeKey = (type: Type | undefined): string => (type === undefined ? '_' : typeof type === 'number' ? `#${type}` : type);

/** A key equal for kinds wit-parser's `TypeDefKind` equality calls equal (types compare by id). */
function structureKey(kind: TypeDefKind): string {
  switch (kind.kind) {
    case 'list': case 'option': case 'future': case 'stream': case 'type':
      return `${kind.kind} ${typeKey(kind.kind === 'list' ? kind.element : kind.type)}`;
    case 'result': return `result ${typeKey(kind.ok)} ${typeKey(kind.err)}`;
    case 'tuple': return `tuple ${kind.types.map(typeKey).join(' ')}`;
    case 'map': return `map ${typeKey(kind.key)} ${typeKey(kind.value)}`;
    case 'fixed-length-list': return `fixed ${typeKey(kind.element)} ${kind.size}`;
    case 'handle': return `${kind.handle} ${kind.resource}`;
    // Named kinds are never anonymous; their key only has to be distinct.
    case 'record': case 'variant': case 'enum': case 'flags': case 'resource': case 'unknown':
      return `${kind.kind} ${JSON.stringify(kind)}`;
    default: return unreachable(kind);
  }
}

/** The types a defined type refers to, in the order the encoder defines them. */
function typeChildren(kind: TypeDefKind): (Type | undefined)[] {
  switch (kind.kind) {
    case 'record': return kind.fields.map((f) => f.type);
    case 'tuple': return [...kind.types];
    case 'variant': return kind.cases.map((c) => c.type);
    case 'option': case 'type': case 'future': case 'stream': return [kind.type];
    case 'result': return [kind.ok, kind.err];
    case 'list': case 'fixed-length-list': return [kind.element];
    case 'map': return [kind.key, kind.value];
    case 'handle': return [kind.resource];
    case 'flags': case 'enum': case 'resource': case 'unknown': return [];
    default: return unreachable(kind);
  }
}

const isAsync = (func: Function): boolean =>
  func.kind.kind === 'async-freestanding' || func.kind.kind === 'async-method' || func.kind.kind === 'async-static';

/**
 * wit-component's `InterfaceEncoder`: the outer component type, the instance
 * type being built inside it (if any), and what each already holds.
 */
class InterfaceEncoder {
  readonly outer: TypeSpace;
  /** The instance type being built, when there is one. */
  #instance: TypeSpace | undefined;
  #maps = new TypeMaps();
  #savedMaps: TypeMaps | undefined;
  /** The instance index in the outer space each imported interface became. */
  readonly #importMap = new Map<InterfaceId, number>();
  /** Outer aliases of types of imported interfaces. */
  readonly #outerTypeMap = new Map<TypeId, number>();
  #instances = 0;
  /** Whether named types of the outer space are imported (a world's types) rather than exported. */
  importTypes = false;
  /** The interface being encoded: its own types are defined, other interfaces' imported. */
  interface: InterfaceId | undefined;
  readonly #resolve: Resolve;
  readonly #budget: Budget;

  constructor(resolve: Resolve, budget: Budget) {
    this.#resolve = resolve;
    this.#budget = budget;
    this.outer = new TypeSpace(budget, COMPONENT_DECLS);
  }

  #space(): TypeSpace {
    return this.#instance ?? this.outer;
  }

  pushInstance(): void {
    this.#savedMaps = this.#maps;
    this.#maps = new TypeMaps();
    this.#instance = new TypeSpace(this.#budget, INSTANCE_DECLS);
  }

  popInstance(): InstanceType {
    const instance = this.#instance!;
    this.#maps = this.#savedMaps!;
    this.#savedMaps = undefined;
    this.#instance = undefined;
    return { kind: 'instance', decls: instance.instanceDecls() };
  }

  /** Defines `instance` in the outer space as the type of interface `iface`; returns its type index. */
  defineInstance(instance: InstanceType, iface: InterfaceId): number {
    const index = this.outer.define(instance);
    this.#importMap.set(iface, this.#instances++);
    return index;
  }

  /** An interface as an instance type in the outer space: its types, then its functions (resource functions first). */
  encodeInstance(iface: InterfaceId): number {
    this.pushInstance();
    const { types, functions } = this.#resolve.interfaces[iface]!;
    const order = new Map<TypeId, number>();
    for (const type of types.values()) {
      this.encodeValtype(type);
      if (!order.has(type)) order.set(type, order.size);
    }
    // A stable sort: resource functions by their resource's place, then the rest.
    const rank = (func: Function): number => ('resource' in func.kind ? order.get(func.kind.resource) ?? order.size : order.size);
    const funcs = [...functions.values()].map((func, i) => ({ func, i, rank: rank(func) }))
      .sort((a, b) => a.rank - b.rank || a.i - b.i);
    for (const { func } of funcs) {
      const index = this.encodeFuncType(func);
      this.#instance!.add({ kind: 'export', name: plainName(func.name, func.externalId), type: { kind: 'func', index } });
    }
    return this.defineInstance(this.popInstance(), iface);
  }

  /** A function type, shared with an earlier one of the same signature. */
  encodeFuncType(func: Function): number {
    const key = `${isAsync(func)} ${func.params.map((p) => `${p.name}:${typeKey(p.type)}`).join(',')} ${typeKey(func.result)}`;
    const found = this.#maps.funcTypes.get(key);
    if (found !== undefined) return found;
    const params = func.params.map((p) => ({ name: p.name, type: this.encodeValtype(p.type) }));
    const result = func.result === undefined ? undefined : this.encodeValtype(func.result);
    const index = this.#space().define({ kind: 'func', async: isAsync(func), params, result });
    this.#maps.funcTypes.set(key, index);
    return index;
  }

  /** `encode_valtype`, with an explicit stack: a type is defined after the types it refers to, in the reference's order. */
  encodeValtype(type: Type): ValType {
    if (typeof type !== 'number') return type;
    const resolve = this.#resolve;
    const enter = (id: TypeId): Enter<TypeId> => {
      if (this.#maps.lookup(resolve, id) !== undefined) return true;
      const def = resolve.types[id]!;
      if (def.owner.kind === 'interface' && def.owner.id !== this.interface) {
        this.#maps.insert(resolve, id, this.#importType(def.owner.id, id));
        return true;
      }
      return typeChildren(def.kind).filter((t): t is TypeId => typeof t === 'number');
    };
    depthFirst<TypeId>(type, enter, (id) => this.#define(id));
    return this.#valtype(type);
  }

  /** What an already encoded type is in the current space. */
  #valtype(type: Type | undefined): ValType {
    if (type === undefined) throw new Error('an absent type has no encoding');
    if (typeof type !== 'number') return type;
    const index = this.#maps.lookup(this.#resolve, type);
    if (index === undefined) throw new Error(`type ${type} was not encoded before its use`);
    return index;
  }

  #optional(type: Type | undefined): ValType | undefined {
    return type === undefined ? undefined : this.#valtype(type);
  }

  /** Defines type `id` once the types it refers to are defined (the second half of `encode_valtype`). */
  #define(id: TypeId): void {
    const resolve = this.#resolve;
    const def = resolve.types[id]!;
    const space = this.#space();
    const kind = def.kind;
    const defined = (type: DefinedType): number => space.define(type);
    let encoded: ValType;
    switch (kind.kind) {
      case 'record':
        encoded = defined({ kind: 'record', fields: kind.fields.map((f) => ({ name: f.name, type: this.#valtype(f.type) })) });
        break;
      case 'tuple': encoded = defined({ kind: 'tuple', types: kind.types.map((t) => this.#valtype(t)) }); break;
      case 'flags': encoded = defined({ kind: 'flags', names: kind.flags.map((f) => f.name) }); break;
      case 'variant':
        encoded = defined({ kind: 'variant', cases: kind.cases.map((c) => ({ name: c.name, type: this.#optional(c.type) })) });
        break;
      case 'option': encoded = defined({ kind: 'option', type: this.#valtype(kind.type) }); break;
      case 'result': encoded = defined({ kind: 'result', ok: this.#optional(kind.ok), err: this.#optional(kind.err) }); break;
      case 'enum': encoded = defined({ kind: 'enum', names: kind.cases.map((c) => c.name) }); break;
      case 'list': encoded = defined({ kind: 'list', element: this.#valtype(kind.element) }); break;
      case 'map': encoded = defined({ kind: 'map', key: this.#valtype(kind.key), value: this.#valtype(kind.value) }); break;
      case 'fixed-length-list':
        encoded = defined({ kind: 'fixed-size-list', element: this.#valtype(kind.element), length: kind.size });
        break;
      case 'type': encoded = this.#valtype(kind.type); break;
      case 'future': encoded = defined({ kind: 'future', type: this.#optional(kind.type) }); break;
      case 'stream': encoded = defined({ kind: 'stream', type: this.#optional(kind.type) }); break;
      case 'resource': {
        if (def.name === undefined) throw new Error('a resource has no name');
        this.#maps.idToIndex.set(id, this.#exportResource(plainName(def.name, def.externalId)));
        return;
      }
      case 'handle': {
        const resource = this.#valtype(kind.resource);
        if (typeof resource !== 'number') throw new Error('a handle of a primitive type');
        encoded = defined({ kind: kind.handle, resource });
        break;
      }
      case 'unknown': throw new Error(`type ${def.name ?? id} was never resolved`);
      default: unreachable(kind);
    }
    if (def.name !== undefined) {
      // A named primitive needs an entry of its own to export.
      const index = typeof encoded === 'number' ? encoded : defined({ kind: 'primitive', type: encoded });
      encoded = this.#exportType(index, plainName(def.name, def.externalId));
    }
    if (typeof encoded === 'number') this.#maps.insert(resolve, id, encoded);
  }

  #exportType(index: number, name: ExternName): number {
    const type: ExternType = { kind: 'type', bounds: { kind: 'eq', index } };
    const kind = this.#instance === undefined && this.importTypes ? 'import' : 'export';
    return this.#space().add({ kind, name, type });
  }

  #exportResource(name: ExternName): number {
    const type: ExternType = { kind: 'type', bounds: { kind: 'sub-resource' } };
    const kind = this.#instance === undefined && this.importTypes ? 'import' : 'export';
    return this.#space().add({ kind, name, type });
  }

  /** Type `id` of interface `owner`, imported earlier: aliased from its instance into the outer space (once), then into the instance being built. */
  #importType(owner: InterfaceId, id: TypeId): number {
    const instance = this.#importMap.get(owner);
    const name = this.#resolve.types[id]!.name ?? '';
    if (instance === undefined) {
      // wit-component's words for a world whose imports are out of order.
      const dep = interfaceIdOf(this.#resolve, owner) ?? '';
      const user = this.interface === undefined ? undefined : interfaceIdOf(this.#resolve, this.interface);
      throw new WitEncodeError(user === undefined
        ? `type \`${name}\` from interface \`${dep}\` is used before the world imports \`${dep}\``
        : `interface \`${user}\` uses type \`${name}\` from interface \`${dep}\`, which the world doesn't import before \`${user}\``);
    }
    let outerIndex = this.#outerTypeMap.get(id);
    if (outerIndex === undefined) {
      const alias: Alias = { kind: 'instance-export', sort: 'type', instance, name };
      outerIndex = this.outer.add({ kind: 'alias', alias });
      this.#outerTypeMap.set(id, outerIndex);
    }
    if (this.#instance === undefined) return outerIndex;
    return this.#instance.add({ kind: 'alias', alias: { kind: 'outer', sort: 'type', count: 1, index: outerIndex } });
  }
}
