/**
 * Resolves the files of one package on their own: names to ids, types in
 * dependency order, anonymous types interned, placeholders for everything
 * used from other packages. A port of the reference's `ast/resolve.rs`.
 */
import type * as ast from '../parse/ast.js';
import { stabilityOf, externalIdOf } from './attributes.js';
import { docsText } from './docs.js';
import { WitError } from '../errors.js';
import { unreachable } from '../unreachable.js';
import type {
  Docs, Function, FunctionKind, InterfaceId, PackageName, World, WorldId, WorldItem, WorldKey,
} from '../model.js';
import { packageNameString, unknownStability, worldKeyName } from '../model.js';
import { NameScope } from './name-scope.js';
import type { Span } from '../source-map.js';
import { toposort } from './toposort.js';
import { TypeResolver, typeItemsOf } from './resolve-type.js';
import type { AstItemRef, ForeignPackage, UnresolvedPackage } from './unresolved.js';
import { pathUses, usePathName } from './use-paths.js';


/** Resolves a group of files that form one package (or one nested `package { }` block). */
export function resolvePackage(files: readonly ast.PackageFile[]): UnresolvedPackage {
  const resolver = new PackageResolver();
  for (const file of files) resolver.push(file);
  return resolver.resolve();
}

function packageName(name: ast.PackageName): PackageName {
  return { namespace: name.namespace.name, name: name.name.name, version: name.version?.text };
}

class PackageResolver extends TypeResolver {
  #name: { name: PackageName; span: Span } | undefined;
  #docs: Docs;
  readonly #files: (readonly ast.AstItem[])[] = [];
  readonly #worlds: World[] = [];
  /** Per file: the top-level names in scope, including top-level `use`. */
  readonly #fileItems: Map<string, AstItemRef>[] = [];
  /** The interfaces and worlds the package itself defines. */
  readonly #packageItems = new Map<string, AstItemRef>();
  readonly #foreignDeps = new Map<string, ForeignPackage>();
  readonly #foreignInterfaces = new Set<InterfaceId>();
  #currentFile = 0;

  push(file: ast.PackageFile): void {
    const header = file.packageName;
    if (header) {
      const name = packageName(header);
      if (this.#name && packageNameString(this.#name.name) !== packageNameString(name)) {
        throw new WitError(
          'syntax',
          `package identifier \`${packageNameString(name)}\` does not match previous package name of \`${packageNameString(this.#name.name)}\``,
          header.span,
        );
      }
      this.#name = { name, span: header.span };
      const docs = docsText(header.docs);
      if (docs !== undefined) {
        if (this.#docs !== undefined) {
          throw new WitError('syntax', "found doc comments on multiple 'package' items", header.docs.span);
        }
        this.#docs = docs;
      }
    }
    for (const item of file.items) {
      if (item.kind === 'package') {
        throw new WitError('syntax', 'nested packages must be placed at the top-level', item.package.packageName!.span);
      }
    }
    this.#files.push(file.items);
  }

  resolve(): UnresolvedPackage {
    if (!this.#name) {
      throw new WitError('syntax', 'no `package` header was found in any WIT file for this package');
    }
    this.#populateForeignDeps();
    const { interfaceOrder, worldOrder } = this.#populateAstItems();
    this.#populateForeignTypes();

    const interfaceAsts = new Map<InterfaceId, { iface: ast.Interface; file: number }>();
    const worldAsts = new Map<WorldId, { world: ast.World; file: number }>();
    this.#files.forEach((items, file) => {
      for (const item of items) {
        if (item.kind === 'interface') {
          interfaceAsts.set(this.#fileItems[file]!.get(item.interface.name.name)!.id, { iface: item.interface, file });
        } else if (item.kind === 'world') {
          worldAsts.set(this.#fileItems[file]!.get(item.world.name.name)!.id, { world: item.world, file });
        }
      }
    });
    for (const id of interfaceOrder) {
      const { iface, file } = interfaceAsts.get(id)!;
      this.#currentFile = file;
      this.#resolveInterface(id, iface.items, iface.docs, iface.attributes);
    }
    for (const id of worldOrder) {
      const { world, file } = worldAsts.get(id)!;
      this.#currentFile = file;
      this.#resolveWorld(id, world);
    }
    return {
      name: this.#name.name,
      nameSpan: this.#name.span,
      docs: this.#docs,
      worlds: this.#worlds,
      interfaces: this.interfaces,
      types: this.types,
      foreignDeps: this.#foreignDeps,
      requiredResourceTypes: this.requiredResourceTypes,
    };
  }

  #allocWorld(span: Span, name = ''): WorldId {
    this.#worlds.push({
      name, imports: new Map(), exports: new Map(), package: undefined, docs: undefined,
      stability: unknownStability, includes: [], span,
    });
    return this.#worlds.length - 1;
  }

  /** Gives every item used from another package a placeholder, first in the arenas. */
  #populateForeignDeps(): void {
    for (const items of this.#files) {
      for (const use of pathUses(items)) {
        if (use.path.kind !== 'package') continue;
        const stability = stabilityOf(use.attributes);
        const key = packageNameString(packageName(use.path.package));
        let deps = this.#foreignDeps.get(key);
        if (!deps) {
          deps = { name: packageName(use.path.package), span: use.path.package.span, items: new Map() };
          this.#foreignDeps.set(key, deps);
        }
        const name = use.path.name;
        let dep = deps.items.get(name.name);
        if (!dep) {
          const item: AstItemRef = use.target === 'world'
            ? { kind: 'world', id: this.#allocWorld(name.span) }
            : { kind: 'interface', id: this.allocInterface(name.span) };
          dep = { item, stabilities: [] };
          deps.items.set(name.name, dep);
        }
        dep.stabilities.push(stability);
        if (dep.item.kind === 'interface') this.#foreignInterfaces.add(dep.item.id);
      }
    }
  }

  /** Allocates the package's interfaces and worlds in dependency order and builds each file's scope. */
  #populateAstItems(): { interfaceOrder: InterfaceId[]; worldOrder: WorldId[] } {
    const packageSpans = new Map<string, Span>();
    const kinds = new Map<string, 'interface' | 'world'>();
    const order = new Map<string, ast.Id[]>();
    for (const items of this.#files) {
      for (const item of items) {
        if (item.kind !== 'interface' && item.kind !== 'world') continue;
        const name = item.kind === 'interface' ? item.interface.name : item.world.name;
        if (packageSpans.has(name.name)) {
          throw new WitError('syntax', `duplicate item named \`${name.name}\``, name.span);
        }
        packageSpans.set(name.name, name.span);
        kinds.set(name.name, item.kind);
        order.set(name.name, []);
      }
    }

    for (const items of this.#files) {
      const scope = new Map<string, ast.Id | 'foreign'>();
      for (const item of items) {
        let name: ast.Id;
        let source: ast.Id | 'foreign';
        if (item.kind === 'use') {
          name = item.use.as ?? usePathName(item.use.item);
          source = item.use.item.kind === 'id' ? item.use.item.id : 'foreign';
        } else if (item.kind === 'interface') {
          name = source = item.interface.name;
        } else if (item.kind === 'world') {
          name = source = item.world.name;
        } else {
          continue;
        }
        if (scope.has(name.name)) {
          throw new WitError('syntax', `duplicate name \`${name.name}\` in this file`, name.span);
        }
        scope.set(name.name, source);
      }
      for (const use of pathUses(items)) {
        if (!use.within || use.path.kind !== 'id') continue;
        const used = use.path.id;
        const local = scope.get(used.name);
        if (local === 'foreign') continue;
        if (local !== undefined) order.get(use.within.name)!.push(local);
        else if (packageSpans.has(used.name)) order.get(use.within.name)!.push(used);
        else throw new WitError('not-found', `interface or world \`${used.name}\` does not exist`, used.span);
      }
    }

    const ids = new Map<string, AstItemRef>();
    const interfaceOrder: InterfaceId[] = [];
    const worldOrder: WorldId[] = [];
    for (const name of toposort('interface or world', order)) {
      if (kinds.get(name) === 'interface') {
        const id = this.allocInterface(packageSpans.get(name)!, name);
        ids.set(name, { kind: 'interface', id });
        interfaceOrder.push(id);
      } else {
        const id = this.#allocWorld(packageSpans.get(name)!, name);
        ids.set(name, { kind: 'world', id });
        worldOrder.push(id);
      }
    }

    for (const items of this.#files) {
      const fileItems = new Map<string, AstItemRef>();
      for (const item of items) {
        let name: string;
        let ref: AstItemRef;
        if (item.kind === 'use') {
          if (item.use.attributes.length > 0) {
            throw new WitError('syntax', 'attributes not allowed on top-level use', item.use.span);
          }
          name = (item.use.as ?? usePathName(item.use.item)).name;
          const path = item.use.item;
          if (path.kind === 'id') {
            const found = ids.get(path.id.name);
            if (!found) throw new WitError('not-found', `interface or world \`${path.id.name}\` does not exist`, path.id.span);
            ref = found;
          } else {
            ref = this.#foreignDeps.get(packageNameString(packageName(path.package)))!.items.get(path.name.name)!.item;
          }
        } else if (item.kind === 'interface' || item.kind === 'world') {
          name = item.kind === 'interface' ? item.interface.name.name : item.world.name.name;
          ref = ids.get(name)!;
          this.#packageItems.set(name, ref);
        } else {
          continue;
        }
        fileItems.set(name, ref);
      }
      this.#fileItems.push(fileItems);
    }
    return { interfaceOrder, worldOrder };
  }

  /** Adds an unknown-shaped placeholder type for every name `use`d from a foreign interface. */
  #populateForeignTypes(): void {
    this.#files.forEach((items, file) => {
      this.#currentFile = file;
      for (const use of pathUses(items)) {
        if (!use.names) continue;
        const stability = stabilityOf(use.attributes);
        const externalId = externalIdOf(use.attributes);
        const iface = this.#interfaceOfPath(use.path);
        if (!this.#foreignInterfaces.has(iface)) continue;
        const lookup = this.interfaceTypes[iface]!;
        for (const { name } of use.names) {
          if (lookup.has(name.name)) continue;
          const id = this.allocType({
            name: name.name, kind: { kind: 'unknown' }, owner: { kind: 'interface', id: iface },
            docs: undefined, stability, span: name.span, externalId,
          });
          lookup.set(name.name, { item: { kind: 'type', id }, span: name.span });
          this.interfaces[iface]!.types.set(name.name, id);
        }
      }
    });
  }

  #resolveWorld(worldId: WorldId, world: ast.World): void {
    const target = this.#worlds[worldId]!;
    target.docs = docsText(world.docs);
    target.stability = stabilityOf(world.attributes);
    const typeItems = typeItemsOf(world.items);
    this.resolveTypes({ kind: 'world', id: worldId }, typeItems, (path) => this.#interfaceOfPath(path));

    for (const item of world.items) {
      if (item.kind !== 'include') continue;
      const include = item.include;
      const stability = stabilityOf(include.attributes);
      const { ref, name, span } = this.#resolvePath(include.from);
      if (ref.kind !== 'world') {
        throw new WitError('syntax', `name \`${name}\` is defined as an interface, not a world`, span);
      }
      target.includes.push({
        stability, id: ref.id, span,
        names: include.names.map((n) => ({ name: n.name.name, as: n.as.name })),
      });
    }

    const importNames = new NameScope();
    const exportNames = new NameScope();
    for (const [name, entry] of this.typeLookup) {
      if (entry.item.kind !== 'type') throw new Error('world scope holds only types');
      importNames.define(name, entry.span);
      const key: WorldKey = { kind: 'name', name };
      if (target.imports.has(name)) {
        throw new WitError('syntax', `import \`${name}\` conflicts with prior import of same name`, entry.span);
      }
      target.imports.set(name, { key, item: { kind: 'type', id: entry.item.id, span: entry.span } });
    }

    const importedInterfaces = new Set<InterfaceId>();
    const exportedInterfaces = new Set<InterfaceId>();
    for (const item of world.items) {
      if (item.kind === 'type' && item.typeDef.type.kind === 'resource') {
        for (const func of item.typeDef.type.funcs) {
          const resolved = this.resolveResourceFunc(func, item.typeDef.name);
          importNames.define(resolved.name, func.func.name.span);
          target.imports.set(resolved.name, { key: { kind: 'name', name: resolved.name }, item: { kind: 'function', function: resolved } });
        }
        continue;
      }
      if (item.kind !== 'import' && item.kind !== 'export') continue;
      const desc = item.kind;
      const worldItem = this.#resolveWorldItem(item.docs, item.attributes, item.extern);
      const extern = item.extern;
      let key: WorldKey;
      switch (extern.kind) {
        case 'interface':
        case 'named-path':
          key = { kind: 'name', name: extern.name.name };
          break;
        case 'func':
          key = { kind: 'name', name: (worldItem as { function: Function }).function.name };
          break;
        case 'path':
          key = { kind: 'interface', id: this.#interfaceOfPath(extern.path) };
          break;
        default:
          return unreachable(extern);
      }
      const span = externSpan(extern);
      if (key.kind === 'interface') {
        const seen = desc === 'import' ? importedInterfaces : exportedInterfaces;
        if (seen.has(key.id)) throw new WitError('syntax', `interface cannot be ${desc}ed more than once`, span);
        seen.add(key.id);
      }
      const dst = desc === 'import' ? target.imports : target.exports;
      const keyName = worldKeyName(key);
      const prev = dst.get(keyName);
      if (prev) {
        const prevKind = prev.item.kind === 'interface' ? 'interface' : prev.item.kind === 'function' ? 'func' : 'type';
        throw new WitError('syntax', `${desc} \`${keyName}\` conflicts with prior ${prevKind} of same name`, span);
      }
      dst.set(keyName, { key, item: worldItem });
      if (key.kind === 'name') (desc === 'import' ? importNames : exportNames).define(key.name, span);
    }
    this.typeLookup.clear();
  }

  #resolveWorldItem(docs: ast.Docs, attrs: readonly ast.Attribute[], extern: ast.ExternKind): WorldItem {
    switch (extern.kind) {
      case 'interface': {
        const saved = this.swapTypeLookup(new Map());
        const id = this.allocInterface(extern.name.span);
        this.#resolveInterface(id, extern.items, docs, attrs);
        this.swapTypeLookup(saved);
        return {
          kind: 'interface', id, stability: this.interfaces[id]!.stability, docs: undefined,
          span: extern.name.span, externalId: externalIdOf(attrs),
        };
      }
      case 'path':
      case 'named-path': {
        const stability = stabilityOf(attrs);
        const externalId = externalIdOf(attrs);
        const itemDocs = docsText(docs);
        const { span: itemSpan } = this.#resolvePath(extern.path);
        const id = this.#interfaceOfPath(extern.path);
        return {
          kind: 'interface', id, stability, externalId, docs: itemDocs,
          span: extern.kind === 'named-path' ? extern.name.span : itemSpan,
        };
      }
      case 'func': {
        const { name, kind } = freestandingFunc(extern.name.name, extern.func);
        return { kind: 'function', function: this.resolveFunction(docs, attrs, name, extern.name.span, extern.func, kind) };
      }
      default:
        return unreachable(extern);
    }
  }

  #resolveInterface(id: InterfaceId, items: readonly ast.InterfaceItem[], docs: ast.Docs, attrs: readonly ast.Attribute[]): void {
    const iface = this.interfaces[id]!;
    iface.docs = docsText(docs);
    iface.stability = stabilityOf(attrs);
    const typeItems = typeItemsOf(items);
    this.resolveTypes({ kind: 'interface', id }, typeItems, (path) => this.#interfaceOfPath(path));

    const names = new NameScope();
    for (const [name, entry] of this.typeLookup) {
      if (entry.item.kind !== 'type') throw new Error('interface scope holds only types here');
      names.define(name, entry.span);
      iface.types.set(name, entry.item.id);
    }

    const funcs: Function[] = [];
    for (const item of items) {
      if (item.kind === 'func') {
        const f = item.func;
        if (!this.typeLookup.has(f.name.name)) {
          this.typeLookup.set(f.name.name, { item: { kind: 'item', what: 'function' }, span: f.name.span });
        }
        const { name, kind } = freestandingFunc(f.name.name, f.func);
        const func = this.resolveFunction(f.docs, f.attributes, name, f.name.span, f.func, kind);
        names.define(func.name, f.name.span);
        funcs.push(func);
      } else if (item.kind === 'type' && item.typeDef.type.kind === 'resource') {
        for (const rf of item.typeDef.type.funcs) {
          const func = this.resolveResourceFunc(rf, item.typeDef.name);
          names.define(func.name, rf.func.name.span);
          funcs.push(func);
        }
      }
    }
    names.checkSetters();
    for (const func of funcs) iface.functions.set(func.name, func);
    placeSettersAfterGetters(iface.functions, (f) => f);
    this.interfaceTypes[id] = this.swapTypeLookup(new Map());
  }

  #resolvePath(path: ast.UsePath): { ref: AstItemRef; name: string; span: Span } {
    if (path.kind === 'id') {
      const ref = this.#fileItems[this.#currentFile]!.get(path.id.name) ?? this.#packageItems.get(path.id.name);
      if (!ref) throw new WitError('not-found', `interface or world \`${path.id.name}\` does not exist`, path.id.span);
      return { ref, name: path.id.name, span: path.id.span };
    }
    const ref = this.#foreignDeps.get(packageNameString(packageName(path.package)))!.items.get(path.name.name)!.item;
    return { ref, name: path.name.name, span: path.name.span };
  }

  #interfaceOfPath(path: ast.UsePath): InterfaceId {
    const { ref, name, span } = this.#resolvePath(path);
    if (ref.kind !== 'interface') {
      throw new WitError('syntax', `name \`${name}\` is defined as a world, not an interface`, span);
    }
    return ref.id;
  }
}

function externSpan(extern: ast.ExternKind): Span {
  switch (extern.kind) {
    case 'interface':
    case 'func':
    case 'named-path':
      return extern.name.span;
    case 'path':
      return extern.path.kind === 'id' ? extern.path.id.span : extern.path.package.span;
    default:
      return unreachable(extern);
  }
}

/** The mangled name and kind of a function not attached to a resource. */
function freestandingFunc(name: string, func: ast.Func): { name: string; kind: FunctionKind } {
  switch (func.accessor) {
    case undefined:
      return { name, kind: { kind: func.async ? 'async-freestanding' : 'freestanding' } };
    case 'getter':
      return { name: `[get]${name}`, kind: { kind: 'getter' } };
    case 'setter':
      return { name: `[set]${name}`, kind: { kind: 'setter' } };
    default:
      return unreachable(func.accessor);
  }
}

/** Whether a function kind is a getter or a setter of any sort. */
export function accessorOf(kind: FunctionKind): 'getter' | 'setter' | undefined {
  switch (kind.kind) {
    case 'getter':
    case 'method-getter':
    case 'static-getter':
      return 'getter';
    case 'setter':
    case 'method-setter':
    case 'static-setter':
      return 'setter';
    default:
      return undefined;
  }
}

/**
 * Moves every setter right after its getter: WIT may declare them in any
 * order but the binary format wants the getter first.
 */
export function placeSettersAfterGetters<V>(items: Map<string, V>, func: (v: V) => Function | undefined): void {
  const entries = [...items.entries()];
  const seen = new Set<string>();
  let i = 0;
  while (i < entries.length) {
    const f = func(entries[i]![1]);
    const accessor = f && accessorOf(f.kind);
    if (f && accessor === 'getter') seen.add(f.name);
    if (f && accessor === 'setter') {
      const getter = f.name.replace('[set]', '[get]');
      if (!seen.has(getter)) {
        const g = entries.findIndex((e, j) => j > i && func(e[1])?.name === getter);
        if (g !== -1) {
          const [moved] = entries.splice(i, 1);
          entries.splice(g, 0, moved!);
          continue;
        }
      }
    }
    i++;
  }
  items.clear();
  for (const [k, v] of entries) items.set(k, v);
}

