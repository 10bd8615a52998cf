/**
 * The WIT a component binary describes: for a WIT package encoded as wasm,
 * the package; for any other component, a world `root:component/root` of
 * its imports and exports. A port of wit-parser's `decoding.rs`, so the
 * resulting `Resolve` has the same ids and prints the same WIT as
 * `wasm-tools component wit FILE`.
 */
import { emptyResolve, packageNameString, unreachable, worldKeyName } from '@weld/wit';
import type {
  Function, FunctionKind, Interface, InterfaceId, Package, PackageId, PackageName, Resolve, Type, TypeDef, TypeDefKind,
  TypeId, TypeOwner, World, WorldEntry, WorldId, WorldItem, WorldKey,
} from '@weld/wit';
import type {
  AnyTypeId, ComponentItem, ComponentTypeInfo, DefinedTypeInfo, FuncTypeInfo, InstanceTypeInfo, TypeArena, ValueType,
} from '../types/model.js';
import { isBareName, parseInterfaceName } from './names.js';
import { WitDecodeError } from './errors.js';
import { injectPackageMetadata } from './package-docs.js';
import type { PackageMetadata } from './package-docs.js';

/** One top-level import or export, in the order the binary lists them. */
export interface Extern {
  readonly kind: 'import' | 'export';
  readonly name: string;
  readonly item: ComponentItem;
}

/** What a component binary turned out to hold. */
export type DecodedWit =
  | { readonly kind: 'package'; readonly resolve: Resolve; readonly package: PackageId }
  | { readonly kind: 'component'; readonly resolve: Resolve; readonly world: WorldId; readonly package: PackageId };

interface PackageFields {
  readonly interfaces: Map<string, InterfaceId>;
  readonly worlds: Map<string, WorldId>;
}

interface PendingPackage extends PackageFields {
  readonly name: PackageName;
}

const noSpan = { start: -1, end: -1 };
const unknown = { kind: 'unknown' } as const;

/**
 * Decodes the WIT of a component from its externs and type arena. The docs
 * and gates of a `package-docs` section, if given, are injected into the
 * decoded package (the WIT package, or `root:component` of a component).
 */
export function decodeWit(arena: TypeArena, externs: readonly Extern[], metadata?: PackageMetadata): DecodedWit {
  const decoder = new WitDecoder(arena);
  const version = witPackageVersion(arena, externs);
  const decoded = version === 'v1' ? decoder.decodeV1Package(externs)
    : version === 'v2' ? decoder.decodeV2Package(externs)
    : decoder.decodeComponent(externs);
  if (metadata) injectPackageMetadata(metadata, decoded.resolve, decoded.package);
  return decoded;
}

/** A WIT package encoded as wasm exports only component types: `ns:pkg/wit` (v1) or plain names (v2). */
function witPackageVersion(arena: TypeArena, externs: readonly Extern[]): 'v1' | 'v2' | undefined {
  if (externs.length === 0) return undefined;
  const allTypes = externs.every((e) =>
    e.kind === 'export' && e.item.type.kind === 'type' && arena.ids[e.item.type.created]!.info.kind === 'component');
  if (!allTypes) return undefined;
  const first = externs[0]!.name;
  const asInterface = parseInterfaceName(first);
  if (asInterface) return asInterface.interface === 'wit' ? 'v1' : undefined;
  return isBareName(first) ? 'v2' : undefined;
}

function ownerKey(owner: TypeOwner): string {
  return owner.kind === 'none' ? 'none' : `${owner.kind}:${owner.id}`;
}

class WitDecoder {
  readonly resolve: Resolve = emptyResolve();
  readonly #arena: TypeArena;
  /** Packages other than the one being decoded, keyed by name, in order of first use. */
  readonly #foreignPackages = new Map<string, PendingPackage>();
  readonly #interfacePackage = new Map<InterfaceId, number>();
  readonly #namedInterfaces = new Map<string, InterfaceId>();
  /** Per owner (world or interface), its resources by name. */
  readonly #resources = new Map<string, Map<string, TypeId>>();
  /** What each component-level type id became. */
  readonly #typeMap = new Map<AnyTypeId, TypeId>();

  constructor(arena: TypeArena) {
    this.#arena = arena;
  }

  decodeComponent(externs: readonly Extern[]): DecodedWit {
    const world = this.#allocWorld('root');
    const pkg: PendingPackage = {
      name: { namespace: 'root', name: 'component', version: undefined },
      interfaces: new Map(),
      worlds: new Map([['root', world]]),
    };
    for (const { kind, name, item } of externs) {
      const entry = kind === 'import' ? this.#decodeComponentImport(name, item, world, pkg) : this.#decodeComponentExport(name, item, world, pkg);
      if (!entry) continue;
      const target = kind === 'import' ? this.resolve.worlds[world]!.imports : this.resolve.worlds[world]!.exports;
      target.set(worldKeyName(entry.key), entry);
    }
    const id = this.#finish(pkg);
    return { kind: 'component', resolve: this.resolve, world, package: id };
  }

  decodeV1Package(externs: readonly Extern[]): DecodedWit {
    if (externs.length > 1) throw new WitDecodeError('more than one top-level exported component type found');
    const { name, item } = externs[0]!;
    const component = this.#componentType(item, name);
    for (const [importName, importItem] of component.imports) this.#registerImport(importName, importItem);
    const parsed = parseInterfaceName(name);
    if (!parsed || parsed.interface !== 'wit') throw new WitDecodeError(`package name is not a valid id: ${name}`);
    const pkg: PendingPackage = { name: packageNameOf(parsed, item), interfaces: new Map(), worlds: new Map() };
    for (const [exportName, exportItem] of component.exports) {
      if (exportItem.type.kind === 'instance') this.#registerInterface(exportName, exportItem, pkg);
      else if (exportItem.type.kind === 'component') this.#registerWorld(exportName, this.#componentType(exportItem, exportName), pkg);
      else throw new WitDecodeError(`component export \`${exportName}\` is not an instance or component`);
    }
    return { kind: 'package', resolve: this.resolve, package: this.#finish(pkg) };
  }

  decodeV2Package(externs: readonly Extern[]): DecodedWit {
    let pkg: PendingPackage | undefined;
    const interfaces = new Map<string, InterfaceId>();
    const worlds = new Map<string, WorldId>();
    for (const { name: exportName, item: exportItem } of externs) {
      const component = this.#componentType(exportItem, exportName);
      if (component.exports.size !== 1) {
        throw new WitDecodeError(`Expected a single export, but found ${component.exports.size} instead`);
      }
      const [name, item] = [...component.exports][0]!;
      const parsed = parseInterfaceName(name);
      if (!parsed) throw new WitDecodeError(`expected world name to be fully qualified`);
      const fields = { interfaces, worlds };
      if (item.type.kind === 'component') {
        this.#registerWorld(name, this.#componentType(item, name), fields);
      } else if (item.type.kind === 'instance') {
        for (const [importName, importItem] of component.imports) this.#registerImport(importName, importItem);
        this.#registerInterface(name, item, fields);
      } else {
        throw new WitDecodeError(`export \`${name}\` is neither a world nor an interface`);
      }
      const packageName = packageNameOf(parsed, item);
      if (pkg && packageNameString(pkg.name) !== packageNameString(packageName)) {
        throw new WitDecodeError('item defined with mismatched package name');
      }
      pkg ??= { name: packageName, interfaces, worlds };
    }
    if (!pkg) throw new WitDecodeError('no exported component type found');
    return { kind: 'package', resolve: this.resolve, package: this.#finish(pkg) };
  }

  #componentType(item: ComponentItem, name: string): ComponentTypeInfo {
    const id = item.type.kind === 'type' ? item.type.created : item.type.kind === 'component' ? item.type.id : undefined;
    const info = id === undefined ? undefined : this.#arena.ids[id]!.info;
    if (info?.kind !== 'component') throw new WitDecodeError(`\`${name}\` is not a component type`);
    return info.type;
  }

  #instanceType(item: ComponentItem, name: string): InstanceTypeInfo {
    const info = item.type.kind === 'instance' ? this.#arena.ids[item.type.id]!.info : undefined;
    if (info?.kind !== 'instance') throw new WitDecodeError(`import \`${name}\` is not an instance`);
    return info.type;
  }

  #funcType(item: ComponentItem, name: string): FuncTypeInfo {
    const info = item.type.kind === 'func' ? this.#arena.ids[item.type.id]!.info : undefined;
    if (info?.kind !== 'func') throw new WitDecodeError(`\`${name}\` is not a function`);
    return info.type;
  }

  #definedType(id: AnyTypeId): DefinedTypeInfo {
    const info = this.#arena.ids[id]!.info;
    if (info.kind !== 'defined') throw new WitDecodeError(`type ${id} is a ${info.kind} type where a value type was expected`);
    return info.type;
  }

  #allocWorld(name: string): WorldId {
    const world: World = {
      name, imports: new Map(), exports: new Map(), package: undefined, docs: undefined, stability: unknown,
      includes: [], span: noSpan,
    };
    this.resolve.worlds.push(world);
    return this.resolve.worlds.length - 1;
  }

  #allocType(def: Omit<TypeDef, 'docs' | 'stability' | 'span'>): TypeId {
    this.resolve.types.push({ ...def, docs: undefined, stability: unknown, span: noSpan });
    return this.resolve.types.length - 1;
  }

  #newInterface(name: string | undefined): Interface {
    return {
      name, types: new Map(), functions: new Map(), docs: undefined, stability: unknown, package: undefined,
      span: noSpan, cloneOf: undefined,
    };
  }

  #decodeComponentImport(name: string, item: ComponentItem, world: WorldId, pkg: PackageFields): WorldEntry | undefined {
    const owner: TypeOwner = { kind: 'world', id: world };
    switch (item.type.kind) {
      case 'instance':
        return this.#decodeWorldInstance(name, item, pkg);
      case 'func':
        return { key: { kind: 'name', name }, item: { kind: 'function', function: this.#convertFunction(name, item, owner) } };
      case 'type':
        return { key: { kind: 'name', name }, item: { kind: 'type', id: this.#registerTypeExport(name, item, owner), span: noSpan } };
      default:
        return undefined;
    }
  }

  #decodeComponentExport(name: string, item: ComponentItem, world: WorldId, pkg: PackageFields): WorldEntry {
    switch (item.type.kind) {
      case 'func':
        return {
          key: { kind: 'name', name },
          item: { kind: 'function', function: this.#convertFunction(name, item, { kind: 'world', id: world }) },
        };
      case 'instance':
        return this.#decodeWorldInstance(name, item, pkg);
      default:
        throw new WitDecodeError(`component export \`${name}\` was not a function or instance`);
    }
  }

  #decodeWorldInstance(name: string, item: ComponentItem, pkg: PackageFields): WorldEntry {
    let key: WorldKey;
    let id: InterfaceId;
    if (item.implements !== undefined) {
      id = this.#registerImport(item.implements, item);
      key = { kind: 'name', name };
    } else if (parseInterfaceName(name)) {
      id = this.#registerImport(name, item);
      key = { kind: 'interface', id };
    } else {
      ({ key, id } = this.#registerInterface(name, item, pkg));
    }
    const worldItem: WorldItem = { kind: 'interface', id, stability: unknown, docs: undefined, span: noSpan, externalId: item.externalId };
    return { key, item: worldItem };
  }

  /**
   * An interface named by id: a foreign one is created lazily with just the
   * parts this component uses; a local one must already define everything.
   */
  #registerImport(name: string, item: ComponentItem): InterfaceId {
    const instance = this.#instanceType(item, name);
    const local = this.#namedInterfaces.get(name);
    const iface = local ?? this.#extractDepInterface(name, item);
    const owner: TypeOwner = { kind: 'interface', id: iface };
    for (const [exportName, exportItem] of instance.exports) {
      const target = this.resolve.interfaces[iface]!;
      if (exportItem.type.kind === 'type') {
        const existing = target.types.get(exportName);
        if (existing !== undefined) {
          const referenced = this.#arena.ids[exportItem.type.referenced]!.info;
          if (referenced.kind === 'defined') this.#registerDefined(existing, referenced.type);
          if (this.#typeMap.has(exportItem.type.created)) {
            throw new WitDecodeError(`type \`${exportName}\` of \`${name}\` was registered twice`);
          }
          this.#typeMap.set(exportItem.type.created, existing);
        } else {
          if (local !== undefined) throw new WitDecodeError(`instance type export \`${exportName}\` not defined in interface`);
          target.types.set(exportName, this.#registerTypeExport(exportName, exportItem, owner));
        }
      } else if (exportItem.type.kind === 'func') {
        if (target.functions.has(exportName)) continue;
        if (local !== undefined) throw new WitDecodeError(`instance function export \`${exportName}\` not defined in interface`);
        target.functions.set(exportName, this.#convertFunction(exportName, exportItem, owner));
      } else {
        throw new WitDecodeError(`instance type export \`${exportName}\` is not a type`);
      }
    }
    return iface;
  }

  #findAlias(id: AnyTypeId): TypeId | undefined {
    for (let cur: AnyTypeId | undefined = id; cur !== undefined; cur = this.#arena.ids[cur]!.aliasOf) {
      const found = this.#typeMap.get(cur);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  #extractDepInterface(name: string, item: ComponentItem): InterfaceId {
    const parsed = parseInterfaceName(name);
    if (!parsed) throw new WitDecodeError(`package name is not a valid id: ${name}`);
    const packageName = packageNameOf(parsed, item);
    const key = packageNameString(packageName);
    let pkg = this.#foreignPackages.get(key);
    if (!pkg) {
      pkg = { name: packageName, interfaces: new Map(), worlds: new Map() };
      this.#foreignPackages.set(key, pkg);
    }
    let iface = pkg.interfaces.get(parsed.interface);
    if (iface === undefined) {
      this.resolve.interfaces.push(this.#newInterface(parsed.interface));
      iface = this.resolve.interfaces.length - 1;
      pkg.interfaces.set(parsed.interface, iface);
    }
    this.#interfacePackage.set(iface, [...this.#foreignPackages.keys()].indexOf(key));
    return iface;
  }

  #registerInterface(name: string, item: ComponentItem, pkg: PackageFields): { key: WorldKey; id: InterfaceId } {
    const instance = this.#instanceType(item, name);
    if (this.#namedInterfaces.has(name)) {
      const id = this.#registerImport(name, item);
      return { key: { kind: 'interface', id }, id };
    }
    const interfaceName = interfaceNameOf(name);
    const iface = this.#newInterface(interfaceName);
    const owner: TypeOwner = { kind: 'interface', id: this.resolve.interfaces.length };
    for (const [exportName, exportItem] of instance.exports) {
      if (exportItem.type.kind === 'type') iface.types.set(exportName, this.#registerTypeExport(exportName, exportItem, owner));
      else if (exportItem.type.kind === 'func') iface.functions.set(exportName, this.#convertFunction(exportName, exportItem, owner));
      else throw new WitDecodeError(`instance type export \`${exportName}\` is not a type or function`);
    }
    this.resolve.interfaces.push(iface);
    const id = this.resolve.interfaces.length - 1;
    if (interfaceName === undefined) return { key: { kind: 'name', name }, id };
    pkg.interfaces.set(interfaceName, id);
    this.#namedInterfaces.set(name, id);
    return { key: { kind: 'interface', id }, id };
  }

  #registerTypeExport(name: string, item: ComponentItem, owner: TypeOwner): TypeId {
    if (item.type.kind !== 'type') throw new WitDecodeError(`\`${name}\` is not a type`);
    const { referenced, created } = item.type;
    const previous = this.#findAlias(referenced);
    let kind: TypeDefKind;
    if (previous !== undefined) {
      if (owner.kind === 'interface' && this.resolve.types[previous]!.owner.kind !== 'interface') {
        throw new WitDecodeError(
          `cannot represent this component in WIT: type \`${name}\` refers to a type that isn't defined in an interface`,
        );
      }
      kind = { kind: 'type', type: previous };
    } else {
      const info = this.#arena.ids[referenced]!.info;
      if (info.kind === 'defined') kind = this.#convertDefined(info.type);
      else if (info.kind === 'resource') kind = { kind: 'resource' };
      else throw new WitDecodeError(`type \`${name}\` is a ${info.kind} type, which WIT cannot name`);
    }
    const id = this.#allocType({ name, kind, owner, externalId: item.externalId });
    if (kind.kind === 'resource') {
      const key = ownerKey(owner);
      const scope = this.#resources.get(key) ?? new Map<string, TypeId>();
      scope.set(name, id);
      this.#resources.set(key, scope);
    }
    if (this.#typeMap.has(created)) {
      throw new WitDecodeError(
        `cannot represent this component in WIT: the type \`${name}\` appears more than once (for example, when an imported instance is re-exported under a new name)`,
      );
    }
    this.#typeMap.set(created, id);
    return id;
  }

  #registerWorld(name: string, component: ComponentTypeInfo, pkg: PackageFields): WorldId {
    const worldName = interfaceNameOf(name);
    if (worldName === undefined) throw new WitDecodeError('expected world name to have an ID form');
    const world: World = {
      name: worldName, imports: new Map(), exports: new Map(), package: undefined, docs: undefined, stability: unknown,
      includes: [], span: noSpan,
    };
    const owner: TypeOwner = { kind: 'world', id: this.resolve.worlds.length };
    for (const [importName, item] of component.imports) {
      let entry: WorldEntry;
      if (item.type.kind === 'instance') entry = this.#decodeWorldInstance(importName, item, pkg);
      else if (item.type.kind === 'type') {
        entry = { key: { kind: 'name', name: importName }, item: { kind: 'type', id: this.#registerTypeExport(importName, item, owner), span: noSpan } };
      } else if (item.type.kind === 'func') {
        entry = { key: { kind: 'name', name: importName }, item: { kind: 'function', function: this.#convertFunction(importName, item, owner) } };
      } else {
        throw new WitDecodeError(`component import \`${importName}\` is not an instance, func, or type`);
      }
      world.imports.set(worldKeyName(entry.key), entry);
    }
    for (const [exportName, item] of component.exports) {
      let entry: WorldEntry;
      if (item.type.kind === 'instance') entry = this.#decodeWorldInstance(exportName, item, pkg);
      else if (item.type.kind === 'func') {
        entry = { key: { kind: 'name', name: exportName }, item: { kind: 'function', function: this.#convertFunction(exportName, item, owner) } };
      } else {
        throw new WitDecodeError(`component export \`${exportName}\` is not an instance or function`);
      }
      world.exports.set(worldKeyName(entry.key), entry);
    }
    this.resolve.worlds.push(world);
    const id = this.resolve.worlds.length - 1;
    pkg.worlds.set(worldName, id);
    return id;
  }

  #convertFunction(name: string, item: ComponentItem, owner: TypeOwner): Function {
    const func = this.#funcType(item, name);
    const params = func.params.map((p) => ({ name: p.name, type: this.#convertValue(p.type), span: noSpan }));
    const result = func.result === undefined ? undefined : this.#convertValue(func.result);
    return {
      name, kind: this.#functionKind(name, func.async, owner), params, result, docs: undefined, stability: unknown,
      span: noSpan, externalId: item.externalId,
    };
  }

  #functionKind(name: string, async: boolean, owner: TypeOwner): FunctionKind {
    const match = /^(\[constructor\]|\[method\]|\[static\])?(\[get\]|\[set\])?([^.]*)(?:\.(.*))?$/.exec(name)!;
    const [, resourceFunc, accessor, first] = match;
    if (!resourceFunc) {
      if (accessor === '[get]') return { kind: 'getter' };
      if (accessor === '[set]') return { kind: 'setter' };
      return { kind: async ? 'async-freestanding' : 'freestanding' };
    }
    const resource = this.#resources.get(ownerKey(owner))?.get(first!);
    if (resource === undefined) throw new WitDecodeError(`function \`${name}\` refers to an unknown resource \`${first}\``);
    if (resourceFunc === '[constructor]') return { kind: 'constructor', resource };
    const base = resourceFunc === '[method]' ? 'method' : 'static';
    if (accessor === '[get]') return { kind: `${base}-getter`, resource };
    if (accessor === '[set]') return { kind: `${base}-setter`, resource };
    return { kind: async ? `async-${base}` : base, resource };
  }

  #convertValue(type: ValueType): Type {
    if (typeof type !== 'number') return type;
    const known = this.#typeMap.get(type);
    if (known !== undefined) return known;
    const kind = this.#convertDefined(this.#definedType(type));
    switch (kind.kind) {
      case 'resource':
      case 'record':
      case 'enum':
      case 'variant':
      case 'flags':
        throw new WitDecodeError(`unexpected unnamed type of kind '${kind.kind}'`);
      default:
        break;
    }
    const id = this.#allocType({ name: undefined, kind, owner: { kind: 'none' }, externalId: undefined });
    this.#typeMap.set(type, id);
    return id;
  }

  #convertOptional(type: ValueType | undefined): Type | undefined {
    return type === undefined ? undefined : this.#convertValue(type);
  }

  #convertDefined(def: DefinedTypeInfo): TypeDefKind {
    switch (def.kind) {
      case 'primitive':
        return { kind: 'type', type: def.type };
      case 'list':
        return { kind: 'list', element: this.#convertValue(def.element) };
      case 'map':
        return { kind: 'map', key: this.#convertValue(def.key), value: this.#convertValue(def.value) };
      case 'fixed-size-list':
        return { kind: 'fixed-length-list', element: this.#convertValue(def.element), size: def.length };
      case 'tuple':
        return { kind: 'tuple', types: def.types.map((t) => this.#convertValue(t)) };
      case 'option':
        return { kind: 'option', type: this.#convertValue(def.type) };
      case 'result':
        return { kind: 'result', ok: this.#convertOptional(def.ok), err: this.#convertOptional(def.err) };
      case 'record':
        return {
          kind: 'record',
          fields: def.fields.map((f) => ({ name: f.name, type: this.#convertValue(f.type), docs: undefined, span: noSpan })),
        };
      case 'variant':
        return {
          kind: 'variant',
          cases: def.cases.map((c) => ({ name: c.name, type: this.#convertOptional(c.type), docs: undefined, span: noSpan })),
        };
      case 'flags':
        return { kind: 'flags', flags: def.names.map((name) => ({ name, docs: undefined, span: noSpan })) };
      case 'enum':
        return { kind: 'enum', cases: def.names.map((name) => ({ name, docs: undefined, span: noSpan })) };
      case 'own':
      case 'borrow': {
        const resource = this.#typeMap.get(def.resource);
        if (resource === undefined) throw new WitDecodeError(`a handle refers to a resource that has no name in WIT`);
        return { kind: 'handle', handle: def.kind, resource };
      }
      case 'future':
      case 'stream':
        return { kind: def.kind, type: this.#convertOptional(def.type) };
      default:
        return unreachable(def);
    }
  }

  /** Links the anonymous types inside an already known definition to the binary's ids, so they are reused. */
  #registerDefined(id: TypeId, def: DefinedTypeInfo): void {
    const kind = this.resolve.types[id]!.kind;
    if (kind.kind === 'type' && typeof kind.type === 'number') return;
    const pair = (wasm: ValueType | undefined, wit: Type | undefined): void => {
      if (wasm === undefined || wit === undefined) {
        if (wasm !== wit) throw new WitDecodeError('disagreement on type structure');
        return;
      }
      this.#registerValue(wasm, wit);
    };
    const expect = (what: string): never => {
      throw new WitDecodeError(`expected ${what}`);
    };
    switch (def.kind) {
      case 'primitive':
      case 'flags':
      case 'enum':
      case 'own':
      case 'borrow':
        return;
      case 'list':
        if (kind.kind !== 'list') return expect('a list');
        return pair(def.element, kind.element);
      case 'map':
        if (kind.kind !== 'map') return expect('a map');
        pair(def.key, kind.key);
        return pair(def.value, kind.value);
      case 'fixed-size-list':
        if (kind.kind !== 'fixed-length-list' || kind.size !== def.length) return expect(`a fixed-length ${def.length} list`);
        return pair(def.element, kind.element);
      case 'tuple':
        if (kind.kind !== 'tuple') return expect('a tuple');
        if (kind.types.length !== def.types.length) throw new WitDecodeError('mismatched number of tuple fields');
        def.types.forEach((t, i) => pair(t, kind.types[i]));
        return;
      case 'option':
        if (kind.kind !== 'option') return expect('an option');
        return pair(def.type, kind.type);
      case 'result':
        if (kind.kind !== 'result') return expect('a result');
        pair(def.ok, kind.ok);
        return pair(def.err, kind.err);
      case 'record':
        if (kind.kind !== 'record') return expect('a record');
        if (kind.fields.length !== def.fields.length) throw new WitDecodeError('mismatched number of record fields');
        def.fields.forEach((f, i) => {
          if (f.name !== kind.fields[i]!.name) throw new WitDecodeError('mismatched field order');
          pair(f.type, kind.fields[i]!.type);
        });
        return;
      case 'variant':
        if (kind.kind !== 'variant') return expect('a variant');
        if (kind.cases.length !== def.cases.length) throw new WitDecodeError('mismatched number of variant cases');
        def.cases.forEach((c, i) => {
          if (c.name !== kind.cases[i]!.name) throw new WitDecodeError('mismatched case order');
          pair(c.type, kind.cases[i]!.type);
        });
        return;
      case 'future':
      case 'stream':
        if (kind.kind !== def.kind) return expect(`a ${def.kind}`);
        return pair(def.type, kind.type);
      default:
        return unreachable(def);
    }
  }

  #registerValue(wasm: ValueType, wit: Type): void {
    if (typeof wasm !== 'number') return;
    if (typeof wit !== 'number') throw new WitDecodeError('expected id-based type');
    if (this.#typeMap.has(wasm)) return;
    this.#typeMap.set(wasm, wit);
    this.#registerDefined(wit, this.#definedType(wasm));
  }

  /** Adds the foreign packages in dependency order, then the decoded package. */
  #finish(main: PendingPackage): PackageId {
    const packages = [...this.#foreignPackages.values()];
    const order: number[] = [];
    const done = new Set<number>();
    const visiting = new Set<number>();
    const resolve = this.resolve;
    const interfacePackage = this.#interfacePackage;
    // The packages `index` depends on, found as the walk asks for them.
    function* dependencies(index: number): Generator<number> {
      const pkg = packages[index]!;
      const interfaces = [...pkg.interfaces.values()];
      for (const world of pkg.worlds.values()) {
        const w = resolve.worlds[world]!;
        for (const { item } of w.imports.values()) if (item.kind === 'interface') interfaces.push(item.id);
        for (const { item } of w.exports.values()) if (item.kind === 'interface') interfaces.push(item.id);
      }
      for (const iface of interfaces) {
        for (const dep of interfaceDirectDeps(resolve, iface)) {
          const depIndex = interfacePackage.get(dep);
          if (depIndex === undefined) {
            throw new WitDecodeError(
              `cannot represent this component in WIT: package \`${packageNameString(pkg.name)}\` uses a type from an interface it can't depend on`,
            );
          }
          if (depIndex !== index) yield depIndex;
        }
      }
    }
    // Depth first with a stack of its own: a chain of packages is as long as the input makes it.
    const stack: { readonly index: number; readonly deps: Generator<number> }[] = [];
    const enter = (index: number): void => {
      if (visiting.has(index)) {
        throw new WitDecodeError(
          `cannot represent this component in WIT: package \`${packageNameString(packages[index]!.name)}\` creates a dependency cycle`,
        );
      }
      visiting.add(index);
      stack.push({ index, deps: dependencies(index) });
    };
    for (let root = 0; root < packages.length; root++) {
      if (!done.has(root)) enter(root);
      while (stack.length > 0) {
        const top = stack[stack.length - 1]!;
        const next = top.deps.next();
        if (!next.done) {
          if (!done.has(next.value)) enter(next.value);
          continue;
        }
        stack.pop();
        visiting.delete(top.index);
        done.add(top.index);
        order.push(top.index);
      }
    }
    for (const index of order) this.#insertPackage(packages[index]!);
    return this.#insertPackage(main);
  }

  #insertPackage(pending: PendingPackage): PackageId {
    const key = packageNameString(pending.name);
    let id = this.resolve.packageNames.get(key);
    if (id === undefined) {
      const pkg: Package = { name: pending.name, docs: undefined, interfaces: new Map(), worlds: new Map() };
      this.resolve.packages.push(pkg);
      id = this.resolve.packages.length - 1;
      this.resolve.packageNames.set(key, id);
    }
    const pkg = this.resolve.packages[id]!;
    for (const [name, iface] of pending.interfaces) {
      pkg.interfaces.set(name, iface);
      this.resolve.interfaces[iface]!.package = id;
    }
    for (const [name, worldId] of pending.worlds) {
      pkg.worlds.set(name, worldId);
      const world = this.resolve.worlds[worldId]!;
      world.package = id;
      for (const { key: k, item } of [...world.imports.values(), ...world.exports.values()]) {
        if (k.kind === 'name' && item.kind === 'interface' && this.resolve.interfaces[item.id]!.name === undefined) {
          this.resolve.interfaces[item.id]!.package = id;
        }
      }
    }
    return id;
  }
}

/** The interfaces an interface takes types from. */
function interfaceDirectDeps(resolve: Resolve, id: InterfaceId): InterfaceId[] {
  const deps: InterfaceId[] = [];
  for (const t of resolve.interfaces[id]!.types.values()) {
    const def = resolve.types[t]!;
    if (def.kind.kind !== 'type' || typeof def.kind.type !== 'number') continue;
    const other = resolve.types[def.kind.type]!;
    if (other.owner.kind === 'interface' && !(def.owner.kind === 'interface' && def.owner.id === other.owner.id)) {
      deps.push(other.owner.id);
    }
  }
  return deps;
}

function interfaceNameOf(name: string): string | undefined {
  const parsed = parseInterfaceName(name);
  if (parsed) return parsed.interface;
  if (isBareName(name)) return undefined;
  throw new WitDecodeError(`cannot extract item name from: ${name}`);
}

function packageNameOf(name: { namespace: string; package: string; version: string | undefined }, item: ComponentItem): PackageName {
  if (item.versionSuffix !== undefined && name.version === undefined) {
    throw new WitDecodeError('a version suffix requires the name to have a version');
  }
  const version = name.version === undefined ? undefined : `${name.version}${item.versionSuffix ?? ''}`;
  return { namespace: name.namespace, name: name.package, version };
}
