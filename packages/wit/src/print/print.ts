/**
 * The WIT printer: packages, interfaces, resources, functions and worlds,
 * ported from `WitPrinter` in wit-component 0.263.0 (`src/printing.rs`).
 */
import type {
  Function, Interface, InterfaceId, PackageId, Resolve, Stability, Type, TypeId, TypeOwner,
  World, WorldEntry, WorldId, WorldItem,
} from '../model.js';
import {
  WitOutput, declareType, escapeName, printDocs, printExternalId, printStability, sameStability,
  typeExpr,
} from './print-types.js';
import { unreachable } from '../unreachable.js';

/**
 * Prints packages as canonical WIT text, byte-identical to `wasm-tools component wit`.
 *
 * `packages[0]` is printed as the main package (`package ns:name;` followed by
 * its items); every further id is appended as a nested `package ns:name { … }`
 * block, in the order given. Like the reference, the first nested block follows
 * the main package without a separator of its own and later ones are preceded
 * by two blank lines.
 *
 * To reproduce `wasm-tools component wit PATH` (1.263.0) pass the main
 * package — the one `PATH` declares at top level (for a directory, the package
 * of the directory itself rather than of its `deps/`) — followed by **every
 * other package of the resolve in ascending id order**: wasm-tools prints the
 * whole resolve, dependencies and nested packages included, not just the main
 * package. Documentation comments are always printed (wasm-tools' default;
 * there is no `--no-docs` equivalent here). Items behind disabled `@unstable`
 * features must already be absent from the resolve; the printer prints what it is given.
 *
 * @throws Error when the resolve is malformed (dangling ids, unnamed
 * records/resources, a `use` of an unnamed type), like the reference does.
 */
export function printWit(resolve: Resolve, packages: readonly PackageId[]): string {
  const printer = new Printer(resolve);
  packages.forEach((id, i) => {
    if (i > 1) {
      printer.out.newline();
      printer.out.newline();
    }
    printer.printPackage(id, i === 0);
  });
  return printer.out.toString();
}

/** One item {@link printWitItem} prints: a named type, an interface, a world, or a function. */
export type WitItemRef =
  | { readonly kind: 'type'; readonly id: TypeId }
  | { readonly kind: 'interface'; readonly id: InterfaceId }
  | { readonly kind: 'world'; readonly id: WorldId }
  | { readonly kind: 'function'; readonly function: Function };

/**
 * Prints one item as {@link printWit} prints it inside its package (a
 * resource with its functions, an interface or world with its body), without
 * the item's own docs, which a caller such as an editor's hover shows apart.
 */
export function printWitItem(resolve: Resolve, item: WitItemRef): string {
  const printer = new Printer(resolve);
  printer.printItem(item);
  return printer.out.toString();
}

/** The kinds of function that belong to a resource, and the resource they belong to. */
function resourceOf(func: Function): TypeId | undefined {
  return 'resource' in func.kind ? func.kind.resource : undefined;
}

/** The name a function is declared under, without `[method]r.`/`[get]` style prefixes. */
function itemName(func: Function): string {
  switch (func.kind.kind) {
    case 'freestanding':
    case 'async-freestanding':
      return func.name;
    case 'getter':
    case 'setter':
      return func.name.slice(func.name.indexOf(']') + 1);
    case 'method': case 'async-method': case 'method-getter': case 'method-setter':
    case 'static': case 'async-static': case 'static-getter': case 'static-setter':
      return func.name.slice(func.name.indexOf('.') + 1);
    case 'constructor':
      return 'constructor';
    default:
      return unreachable(func.kind);
  }
}

function sameOwner(a: TypeOwner, b: TypeOwner): boolean {
  return a.kind === b.kind && (a.kind === 'none' || (b.kind !== 'none' && a.id === b.id));
}

/** `use` statements to write: consecutive imports from one interface with equal gates share one. */
interface UseGroup {
  readonly from: InterfaceId;
  readonly stability: Stability;
  readonly externalId: string | undefined;
  readonly names: { readonly local: string; readonly remote: string }[];
}

function at<T>(arena: readonly T[], id: number, what: string): T {
  const item = arena[id];
  if (item === undefined) throw new Error(`${what} id ${id} is out of range`);
  return item;
}

class Printer {
  readonly out = new WitOutput();
  /**
   * Whether the current block already holds an item, so the next one is
   * preceded by a blank line. Saved and restored around nested blocks.
   */
  #anyItems = false;
  readonly #resolve: Resolve;

  constructor(resolve: Resolve) {
    this.#resolve = resolve;
  }

  printPackage(id: PackageId, isMain: boolean): void {
    const pkg = at(this.#resolve.packages, id, 'package');
    const { namespace, name, version } = pkg.name;
    printDocs(this.out, pkg.docs);
    this.out.str(`package ${escapeName(namespace)}:${escapeName(name)}${version === undefined ? '' : `@${version}`}`);
    if (isMain) {
      this.out.semicolon();
      this.out.newline();
    } else {
      this.out.indentStart();
    }
    for (const [ifaceName, ifaceId] of pkg.interfaces) {
      const iface = this.#interface(ifaceId);
      printDocs(this.out, iface.docs);
      printStability(this.out, iface.stability);
      this.out.str(`interface ${escapeName(ifaceName)}`);
      this.out.indentStart();
      this.#printInterfaceBody(ifaceId);
      this.out.indentEnd();
      // Only the main package separates its interfaces with blank lines; worlds never are.
      if (isMain) this.out.newline();
    }
    for (const [worldName, worldId] of pkg.worlds) {
      const world = at(this.#resolve.worlds, worldId, 'world');
      printDocs(this.out, world.docs);
      printStability(this.out, world.stability);
      this.out.str(`world ${escapeName(worldName)}`);
      this.out.indentStart();
      this.#printWorldBody(worldId, world);
      this.out.indentEnd();
    }
    if (!isMain) this.out.indentEnd();
  }

  printItem(item: WitItemRef): void {
    switch (item.kind) {
      case 'interface': {
        const iface = this.#interface(item.id);
        printStability(this.out, iface.stability);
        this.out.str(iface.name === undefined ? 'interface' : `interface ${escapeName(iface.name)}`);
        this.out.indentStart();
        this.#printInterfaceBody(item.id);
        this.out.indentEnd();
        return;
      }
      case 'world': {
        const world = at(this.#resolve.worlds, item.id, 'world');
        printStability(this.out, world.stability);
        this.out.str(`world ${escapeName(world.name)}`);
        this.out.indentStart();
        this.#printWorldBody(item.id, world);
        this.out.indentEnd();
        return;
      }
      case 'type': {
        const ty = at(this.#resolve.types, item.id, 'type');
        printStability(this.out, ty.stability);
        printExternalId(this.out, ty.externalId);
        if (ty.kind.kind === 'resource') this.#printResource(item.id, this.#resourceFunctions(ty.owner, item.id));
        else declareType(this.out, this.#resolve, item.id);
        return;
      }
      case 'function': {
        const func = item.function;
        printStability(this.out, func.stability);
        printExternalId(this.out, func.externalId);
        if (func.kind.kind !== 'constructor') this.out.str(`${escapeName(itemName(func))}: `);
        if (func.kind.kind === 'static' || func.kind.kind === 'async-static' || func.kind.kind === 'static-getter' || func.kind.kind === 'static-setter') {
          this.out.str('static ');
        }
        this.#printFunction(func);
        this.out.semicolon();
        return;
      }
      default:
        return unreachable(item);
    }
  }

  /** The functions of `resource`, from the interface or world that owns it. */
  #resourceFunctions(owner: TypeOwner, resource: TypeId): Function[] {
    const functions = owner.kind === 'interface'
      ? this.#interface(owner.id).functions.values()
      : owner.kind === 'world'
        ? [...at(this.#resolve.worlds, owner.id, 'world').imports.values()].flatMap(({ item }) => (item.kind === 'function' ? [item.function] : []))
        : [];
    const found: Function[] = [];
    for (const func of functions) if (resourceOf(func) === resource) found.push(func);
    return found;
  }

  #interface(id: InterfaceId): Interface {
    return at(this.#resolve.interfaces, id, 'interface');
  }

  #newItem(): void {
    if (this.#anyItems) this.out.newline();
    this.#anyItems = true;
  }

  /** Runs `body` as a fresh block, restoring the enclosing block's item state afterwards. */
  #block(body: () => void): void {
    const prev = this.#anyItems;
    this.#anyItems = false;
    body();
    this.#anyItems = prev;
  }

  /** Types (with `use`s first), then freestanding functions; resource functions go with their resource. */
  #printInterfaceBody(id: InterfaceId): void {
    this.#block(() => {
      const iface = this.#interface(id);
      const resourceFuncs = new Map<TypeId, Function[]>();
      const freestanding: Function[] = [];
      for (const func of iface.functions.values()) {
        const resource = resourceOf(func);
        if (resource === undefined) freestanding.push(func);
        else pushTo(resourceFuncs, resource, func);
      }
      this.#printTypes({ kind: 'interface', id }, iface.types, resourceFuncs);
      for (const func of freestanding) {
        this.#newItem();
        this.#printFunctionHeader(func);
        this.out.str(`${escapeName(itemName(func))}: `);
        this.#printFunction(func);
        this.out.semicolon();
      }
    });
  }

  /** Docs, gate and external id that precede a function. */
  #printFunctionHeader(func: Function): void {
    printDocs(this.out, func.docs);
    printStability(this.out, func.stability);
    printExternalId(this.out, func.externalId);
  }

  /**
   * Writes the types of `owner`: aliases of types owned elsewhere become
   * `use` statements (no blank lines between them), the rest are declared
   * in order, separated by blank lines.
   */
  #printTypes(
    owner: TypeOwner,
    types: Iterable<readonly [string, TypeId]>,
    resourceFuncs: ReadonlyMap<TypeId, readonly Function[]>,
  ): void {
    const resolve = this.#resolve;
    const toDeclare: TypeId[] = [];
    const uses: UseGroup[] = [];
    for (const [name, id] of types) {
      const ty = at(resolve.types, id, 'type');
      const target = ty.kind.kind === 'type' && typeof ty.kind.type === 'number'
        ? at(resolve.types, ty.kind.type, 'type')
        : undefined;
      if (target === undefined || target.owner.kind === 'none' || sameOwner(owner, target.owner)) {
        toDeclare.push(id);
        continue;
      }
      if (target.owner.kind === 'world') throw new Error('types can only be used from interfaces');
      if (target.name === undefined) throw new Error('cannot import unnamed type');
      const entry = { local: name, remote: target.name };
      const last = uses[uses.length - 1];
      if (last !== undefined && last.from === target.owner.id
        && sameStability(last.stability, ty.stability) && last.externalId === ty.externalId) {
        last.names.push(entry);
      } else {
        uses.push({ from: target.owner.id, stability: ty.stability, externalId: ty.externalId, names: [entry] });
      }
    }

    const myPkg = this.#ownerPackage(owner);
    for (const use of uses) {
      this.#anyItems = true;
      printStability(this.out, use.stability);
      printExternalId(this.out, use.externalId);
      const names = use.names.map(({ local, remote }) =>
        local === remote ? escapeName(local) : `${escapeName(remote)} as ${escapeName(local)}`);
      this.out.str(`use ${this.#pathToInterface(use.from, myPkg)}.{${names.join(', ')}}`);
      this.out.semicolon();
    }

    for (const id of toDeclare) {
      const ty = at(resolve.types, id, 'type');
      this.#newItem();
      printDocs(this.out, ty.docs);
      printStability(this.out, ty.stability);
      printExternalId(this.out, ty.externalId);
      if (ty.kind.kind === 'resource') this.#printResource(id, resourceFuncs.get(id) ?? []);
      else declareType(this.out, resolve, id);
    }
  }

  #ownerPackage(owner: TypeOwner): PackageId | undefined {
    switch (owner.kind) {
      case 'interface': return this.#interface(owner.id).package;
      case 'world': return at(this.#resolve.worlds, owner.id, 'world').package;
      case 'none': return undefined;
      default:
        return unreachable(owner);
    }
  }

  /** `resource r;`, or `resource r { … }` with its constructor, methods and statics. */
  #printResource(id: TypeId, funcs: readonly Function[]): void {
    const name = at(this.#resolve.types, id, 'type').name;
    if (name === undefined) throw new Error('resources must be named');
    this.out.str(`resource ${escapeName(name)}`);
    if (funcs.length === 0) {
      this.out.semicolon();
      return;
    }
    this.out.indentStart();
    for (const func of funcs) {
      this.#printFunctionHeader(func);
      switch (func.kind.kind) {
        case 'constructor':
          break;
        case 'method': case 'async-method': case 'method-getter': case 'method-setter':
          this.out.str(`${escapeName(itemName(func))}: `);
          break;
        case 'static': case 'async-static': case 'static-getter': case 'static-setter':
          this.out.str(`${escapeName(itemName(func))}: static `);
          break;
        case 'freestanding': case 'async-freestanding': case 'getter': case 'setter':
          throw new Error(`${func.name} is not a resource function`);
        default:
          return unreachable(func.kind);
      }
      this.#printFunction(func);
      this.out.semicolon();
    }
    this.out.indentEnd();
  }

  /** `[async] func(params) -> result`, `constructor(…)`, `get(…)` or `set(…)`; methods omit `self`. */
  #printFunction(func: Function): void {
    const kind = func.kind.kind;
    let keyword: string;
    let skipSelf = false;
    switch (kind) {
      case 'freestanding': case 'static': keyword = 'func'; break;
      case 'async-freestanding': case 'async-static': keyword = 'async func'; break;
      case 'method': keyword = 'func'; skipSelf = true; break;
      case 'async-method': keyword = 'async func'; skipSelf = true; break;
      case 'getter': case 'static-getter': keyword = 'get'; break;
      case 'method-getter': keyword = 'get'; skipSelf = true; break;
      case 'setter': case 'static-setter': keyword = 'set'; break;
      case 'method-setter': keyword = 'set'; skipSelf = true; break;
      case 'constructor': keyword = 'constructor'; break;
      default:
        return unreachable(kind);
    }
    const params = func.params.slice(skipSelf ? 1 : 0)
      .map((p) => `${escapeName(p.name)}: ${typeExpr(this.#resolve, p.type)}`);
    this.out.str(`${keyword}(${params.join(', ')})`);
    if (func.result !== undefined && !this.#isConstructorShorthand(func, func.result)) {
      this.out.str(` -> ${typeExpr(this.#resolve, func.result)}`);
    }
  }

  /** A constructor returning `own<its resource>` is written without its result. */
  #isConstructorShorthand(func: Function, result: Type): boolean {
    if (func.kind.kind !== 'constructor' || typeof result !== 'number') return false;
    const kind = at(this.#resolve.types, result, 'type').kind;
    return kind.kind === 'handle' && kind.handle === 'own' && kind.resource === func.kind.resource;
  }

  /**
   * Imported interfaces first (no blank lines between them), then types with
   * their resource functions, then imported functions, then exports — the
   * order the reference uses so that WIT round-trips through its encoding.
   */
  #printWorldBody(id: WorldId, world: World): void {
    this.#block(() => {
      const pkg = world.package;
      const types: [string, TypeId][] = [];
      const resourceFuncs = new Map<TypeId, Function[]>();
      const functionImports: WorldEntry[] = [];
      for (const entry of world.imports.values()) {
        const { key, item } = entry;
        switch (item.kind) {
          case 'type':
            if (key.kind !== 'name') throw new Error('a world type must be imported by name');
            types.push([key.name, item.id]);
            break;
          case 'function': {
            const resource = resourceOf(item.function);
            if (resource === undefined) functionImports.push(entry);
            else pushTo(resourceFuncs, resource, item.function);
            break;
          }
          case 'interface':
            this.#printWorldItem(entry, pkg, 'import');
            this.#anyItems = true;
            break;
          default:
            return unreachable(item);
        }
      }
      this.#printTypes({ kind: 'world', id }, types, resourceFuncs);
      for (const entry of functionImports) {
        this.#printWorldItem(entry, pkg, 'import');
        this.#anyItems = true;
      }
      if (world.exports.size > 0) this.#newItem();
      for (const entry of world.exports.values()) this.#printWorldItem(entry, pkg, 'export');
    });
  }

  #printWorldItem({ key, item }: WorldEntry, pkg: PackageId | undefined, direction: 'import' | 'export'): void {
    printDocs(this.out, this.#worldItemDocs(key.kind === 'name', item));
    switch (item.kind) {
      case 'interface':
        printStability(this.out, item.stability);
        printExternalId(this.out, item.externalId);
        break;
      case 'function':
        printStability(this.out, item.function.stability);
        printExternalId(this.out, item.function.externalId);
        break;
      case 'type':
        throw new Error('world types are printed with the other types');
      default:
        return unreachable(item);
    }
    this.out.str(`${direction} `);
    if (key.kind === 'interface') {
      this.out.str(this.#pathToInterface(key.id, pkg));
      this.out.semicolon();
      return;
    }
    this.out.str(`${escapeName(item.kind === 'function' ? itemName(item.function) : key.name)}: `);
    if (item.kind === 'function') {
      this.#printFunction(item.function);
      this.out.semicolon();
    } else if (this.#interface(item.id).name === undefined) {
      this.out.str('interface');
      this.out.indentStart();
      this.#printInterfaceBody(item.id);
      this.out.indentEnd();
    } else {
      this.out.str(this.#pathToInterface(item.id, pkg));
      this.out.semicolon();
    }
  }

  /**
   * The statement's own docs; for an interface imported under a name without
   * any, the interface's (an inline interface keeps its docs there).
   */
  #worldItemDocs(byName: boolean, item: WorldItem): string | undefined {
    switch (item.kind) {
      case 'function': return item.function.docs;
      case 'interface': return item.docs ?? (byName ? this.#interface(item.id).docs : undefined);
      case 'type': return undefined;
      default:
        return unreachable(item);
    }
  }

  /** `iface` within the current package, else `ns:pkg/iface@version`. */
  #pathToInterface(id: InterfaceId, curPkg: PackageId | undefined): string {
    const iface = this.#interface(id);
    if (iface.name === undefined) throw new Error('cannot refer to an inline interface by path');
    const name = escapeName(iface.name);
    if (iface.package === curPkg) return name;
    if (iface.package === undefined) throw new Error(`interface ${iface.name} has no package`);
    const { namespace, name: pkgName, version } = at(this.#resolve.packages, iface.package, 'package').name;
    return `${escapeName(namespace)}:${escapeName(pkgName)}/${name}${version === undefined ? '' : `@${version}`}`;
  }
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/**
 * `main` first, then every other package of the resolve in id order: the
 * order `wasm-tools component wit` prints a resolve in.
 */
export function printOrder(resolve: Resolve, main: PackageId): PackageId[] {
  return [main, ...resolve.packages.map((_, id) => id).filter((id) => id !== main)];
}
