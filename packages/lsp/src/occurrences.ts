/**
 * Every name in one file's syntax tree that points at an item: type names,
 * `use` paths and names, imported, exported and included paths, and the
 * names items are declared under. What the name means is told by
 * `targets.ts` against the resolve; this walk needs only the tree, so it
 * works on a file with syntax errors too.
 */
import { unreachable, type Span, type WitAst } from '@weld/wit';

/** Where a name is looked up: an interface or a world of the file's package, or an interface a world imports or exports inline, by name. */
export type Scope =
  | { readonly kind: 'interface'; readonly name: string }
  | { readonly kind: 'world'; readonly name: string }
  | { readonly kind: 'inline'; readonly world: string; readonly direction: 'import' | 'export'; readonly name: string };

/** What a name refers to, as written. */
export type Reference =
  /** A type name, looked up in its interface or world (a declaration's own name, too). */
  | { readonly kind: 'type'; readonly scope: Scope; readonly name: string }
  /** A name in `use path.{name}`: a type of the interface at `path`. */
  | { readonly kind: 'used'; readonly path: WitAst.UsePath; readonly name: string }
  /** An interface or world by path (`use`, `import`, `export`, `include`, a declaration's own name). */
  | { readonly kind: 'path'; readonly path: WitAst.UsePath }
  /** A function's own name, found by where it is declared. */
  | { readonly kind: 'function' };

/** A name of the file and what it refers to; `span` counts UTF-16 units of the file. */
export interface Occurrence {
  readonly span: Span;
  readonly reference: Reference;
}

/** The occurrences of a file's top-level package (nested `package … { }` blocks are left out), in tree order. */
export function occurrences(file: WitAst.PackageFile): Occurrence[] {
  const found: Occurrence[] = [];
  for (const item of file.items) {
    switch (item.kind) {
      case 'interface': {
        const { name, items } = item.interface;
        found.push({ span: name.span, reference: { kind: 'path', path: { kind: 'id', id: name } } });
        interfaceItems({ kind: 'interface', name: name.name }, items, found);
        break;
      }
      case 'world':
        worldItems(item.world, found);
        break;
      case 'use':
        pathOccurrences(item.use.item, found);
        break;
      case 'package':
        break;
      default:
        unreachable(item);
    }
  }
  return found;
}

function worldItems(world: WitAst.World, found: Occurrence[]): void {
  const scope = { kind: 'world', name: world.name.name } as const;
  found.push({ span: world.name.span, reference: { kind: 'path', path: { kind: 'id', id: world.name } } });
  for (const item of world.items) {
    switch (item.kind) {
      case 'import':
      case 'export': {
        const { extern } = item;
        switch (extern.kind) {
          case 'interface':
            interfaceItems({ kind: 'inline', world: scope.name, direction: item.kind, name: extern.name.name }, extern.items, found);
            break;
          case 'path':
          case 'named-path':
            pathOccurrences(extern.path, found);
            break;
          case 'func':
            found.push({ span: extern.name.span, reference: { kind: 'function' } });
            funcTypes(scope, extern.func, found);
            break;
          default:
            unreachable(extern);
        }
        break;
      }
      case 'use':
        useOccurrences(item.use, found);
        break;
      case 'type':
        typeDef(scope, item.typeDef, found);
        break;
      case 'include':
        pathOccurrences(item.include.from, found);
        break;
      default:
        unreachable(item);
    }
  }
}

function interfaceItems(scope: Scope, items: readonly WitAst.InterfaceItem[], found: Occurrence[]): void {
  for (const item of items) {
    switch (item.kind) {
      case 'type':
        typeDef(scope, item.typeDef, found);
        break;
      case 'func':
        found.push({ span: item.func.name.span, reference: { kind: 'function' } });
        funcTypes(scope, item.func.func, found);
        break;
      case 'use':
        useOccurrences(item.use, found);
        break;
      default:
        unreachable(item);
    }
  }
}

function useOccurrences(use: WitAst.Use, found: Occurrence[]): void {
  pathOccurrences(use.from, found);
  for (const { name, as } of use.names) {
    found.push({ span: name.span, reference: { kind: 'used', path: use.from, name: name.name } });
    if (as !== undefined) found.push({ span: as.span, reference: { kind: 'used', path: use.from, name: name.name } });
  }
}

function pathOccurrences(path: WitAst.UsePath, found: Occurrence[]): void {
  const span = path.kind === 'id' ? path.id.span : path.name.span;
  found.push({ span, reference: { kind: 'path', path } });
}

function typeDef(scope: Scope, def: WitAst.TypeDef, found: Occurrence[]): void {
  found.push({ span: def.name.span, reference: { kind: 'type', scope, name: def.name.name } });
  typeNames(scope, def.type, found);
}

function funcTypes(scope: Scope, func: WitAst.Func, found: Occurrence[]): void {
  for (const param of func.params) typeNames(scope, param.type, found);
  if (func.result !== undefined) typeNames(scope, func.result, found);
}

/** The type names inside a type expression, walked with an explicit stack (types nest as deep as a stranger writes them). */
function typeNames(scope: Scope, root: WitAst.Type, found: Occurrence[]): void {
  const stack: WitAst.Type[] = [root];
  for (let type = stack.pop(); type !== undefined; type = stack.pop()) {
    switch (type.kind) {
      case 'name':
        found.push({ span: type.id.span, reference: { kind: 'type', scope, name: type.id.name } });
        break;
      case 'handle':
        found.push({ span: type.resource.span, reference: { kind: 'type', scope, name: type.resource.name } });
        break;
      case 'primitive':
      case 'flags':
      case 'enum':
        break;
      case 'list':
      case 'fixed-length-list':
        stack.push(type.element);
        break;
      case 'map':
        stack.push(type.value, type.key);
        break;
      case 'resource':
        for (const { func } of type.funcs) {
          found.push({ span: func.name.span, reference: { kind: 'function' } });
          funcTypes(scope, func.func, found);
        }
        break;
      case 'record':
        for (let i = type.fields.length - 1; i >= 0; i--) stack.push(type.fields[i]!.type);
        break;
      case 'variant':
        for (let i = type.cases.length - 1; i >= 0; i--) {
          const payload = type.cases[i]!.type;
          if (payload !== undefined) stack.push(payload);
        }
        break;
      case 'tuple':
        for (let i = type.types.length - 1; i >= 0; i--) stack.push(type.types[i]!);
        break;
      case 'option':
        stack.push(type.type);
        break;
      case 'result':
        if (type.err !== undefined) stack.push(type.err);
        if (type.ok !== undefined) stack.push(type.ok);
        break;
      case 'future':
      case 'stream':
        if (type.type !== undefined) stack.push(type.type);
        break;
      default:
        unreachable(type);
    }
  }
}

/** The occurrence whose span holds UTF-16 offset `offset` (its end included, where an editor's cursor sits after a name). */
export function occurrenceAt(found: readonly Occurrence[], offset: number): Occurrence | undefined {
  for (const occurrence of found) {
    if (occurrence.span.start <= offset && offset <= occurrence.span.end) return occurrence;
  }
  return undefined;
}
