/**
 * Deep copies of world items for `include`: types a world defines, and
 * inline interfaces, get fresh ids owned by the including world.
 */
import type { Function, InterfaceId, PackageId, Resolve, Type, TypeDef, TypeId, TypeOwner, WorldItem, WorldKey } from '../model.js';
import { sameOwner } from '../model.js';
import { unreachable } from '../unreachable.js';


/** Copies items from one owner to another, remembering what it copied so shared types stay shared. */
export class Cloner {
  readonly #resolve: Resolve;
  readonly #types: Map<TypeId, TypeId>;
  readonly #interfaces: Map<InterfaceId, InterfaceId>;
  readonly #prevOwner: TypeOwner;
  readonly #newOwner: TypeOwner;
  readonly #newPackage: PackageId;

  constructor(
    resolve: Resolve, prevOwner: TypeOwner, newOwner: TypeOwner, newPackage: PackageId,
    maps: { types: Map<TypeId, TypeId>; interfaces: Map<InterfaceId, InterfaceId> } = { types: new Map(), interfaces: new Map() },
  ) {
    this.#resolve = resolve;
    this.#types = maps.types;
    this.#interfaces = maps.interfaces;
    this.#prevOwner = prevOwner;
    this.#newOwner = newOwner;
    this.#newPackage = newPackage;
  }

  /** Copies a world item filed under a name; items keyed by interface are shared, not copied. */
  worldItem(key: WorldKey, item: WorldItem): WorldItem {
    if (key.kind === 'interface') return item;
    switch (item.kind) {
      case 'type':
        return { ...item, id: this.#typeId(item.id) };
      case 'function':
        return { kind: 'function', function: this.#function(item.function) };
      case 'interface':
        if (this.#resolve.interfaces[item.id]!.name !== undefined) return item;
        return { ...item, id: this.#interface(item.id) };
      default:
        return unreachable(item);
    }
  }

  #typeId(id: TypeId): TypeId {
    let copy = this.#types.get(id);
    if (copy === undefined) {
      const def = this.#typeDef(this.#resolve.types[id]!);
      this.#resolve.types.push(def);
      copy = this.#resolve.types.length - 1;
      this.#types.set(id, copy);
    }
    return copy;
  }

  #type(type: Type): Type {
    return typeof type === 'number' ? this.#typeId(type) : type;
  }

  #optional(type: Type | undefined): Type | undefined {
    return type === undefined ? undefined : this.#type(type);
  }

  #typeDef(original: TypeDef): TypeDef {
    const def: TypeDef = { ...original };
    if (def.owner.kind !== 'none') {
      if (!sameOwner(def.owner, this.#prevOwner)) throw new Error('cloned type has an unexpected owner');
      def.owner = this.#newOwner;
    }
    const kind = def.kind;
    switch (kind.kind) {
      case 'type':
        if (typeof kind.type === 'number') {
          const target = kind.type;
          if (sameOwner(this.#resolve.types[target]!.owner, this.#prevOwner)) def.kind = { kind: 'type', type: this.#typeId(target) };
          else def.kind = { kind: 'type', type: this.#types.get(target) ?? target };
        }
        break;
      case 'resource':
      case 'flags':
      case 'enum':
      case 'unknown':
        break;
      case 'handle':
        def.kind = { ...kind, resource: this.#typeId(kind.resource) };
        break;
      case 'option':
        def.kind = { kind: 'option', type: this.#type(kind.type) };
        break;
      case 'list':
        def.kind = { kind: 'list', element: this.#type(kind.element) };
        break;
      case 'fixed-length-list':
        def.kind = { ...kind, element: this.#type(kind.element) };
        break;
      case 'map':
        def.kind = { kind: 'map', key: this.#type(kind.key), value: this.#type(kind.value) };
        break;
      case 'tuple':
        def.kind = { kind: 'tuple', types: kind.types.map((t) => this.#type(t)) };
        break;
      case 'record':
        def.kind = { kind: 'record', fields: kind.fields.map((f) => ({ ...f, type: this.#type(f.type) })) };
        break;
      case 'variant':
        def.kind = { kind: 'variant', cases: kind.cases.map((c) => ({ ...c, type: this.#optional(c.type) })) };
        break;
      case 'result':
        def.kind = { kind: 'result', ok: this.#optional(kind.ok), err: this.#optional(kind.err) };
        break;
      case 'future':
      case 'stream':
        def.kind = { kind: kind.kind, type: this.#optional(kind.type) };
        break;
      default:
        unreachable(kind);
    }
    return def;
  }

  #function(func: Function): Function {
    const kind = 'resource' in func.kind ? { ...func.kind, resource: this.#typeId(func.kind.resource) } : func.kind;
    const params = func.params.map((p) => ({ ...p, type: this.#type(p.type) }));
    return { ...func, kind, params, result: this.#optional(func.result) };
  }

  #interface(id: InterfaceId): InterfaceId {
    const original = this.#resolve.interfaces[id]!;
    const next = this.#resolve.interfaces.length;
    const inner = new Cloner(
      this.#resolve, { kind: 'interface', id }, { kind: 'interface', id: next }, this.#newPackage,
      { types: this.#types, interfaces: this.#interfaces },
    );
    const types = new Map([...original.types].map(([name, t]) => [name, inner.#typeId(t)]));
    const functions = new Map([...original.functions].map(([name, f]) => [name, inner.#function(f)]));
    this.#resolve.interfaces.push({ ...original, types, functions, package: this.#newPackage, cloneOf: id });
    if (this.#interfaces.has(id)) throw new Error('interface cloned twice');
    this.#interfaces.set(id, next);
    return this.#resolve.interfaces.length - 1;
  }
}
