import { unreachable } from '../unreachable.js';
import type * as ast from '../parse/ast.js';

/** Whether a path names an interface, a world, or (top-level `use`) either. */
export type PathTarget = 'interface' | 'world' | 'unknown';

/** One place a file refers to an interface or world by path. */
export interface PathUse {
  /** The interface (or, for `include`, the world) the reference sits in; undefined in worlds' own items. */
  readonly within: ast.Id | undefined;
  readonly attributes: readonly ast.Attribute[];
  readonly path: ast.UsePath;
  /** The names a `use` imports; undefined for other references. */
  readonly names: readonly ast.UseName[] | undefined;
  readonly target: PathTarget;
}

/**
 * Every path reference in a file, in the reference's visiting order: a
 * world's `use` and `include` first as they come, then its imports, then its
 * exports (so printing and re-reading keep the same order).
 */
export function* pathUses(items: readonly ast.AstItem[]): Generator<PathUse> {
  for (const item of items) {
    switch (item.kind) {
      case 'world':
        yield* worldPathUses(item.world);
        break;
      case 'interface':
        for (const inner of item.interface.items) {
          if (inner.kind === 'use') yield useReference(item.interface.name, inner.use);
        }
        break;
      case 'use':
        yield { within: undefined, attributes: item.use.attributes, path: item.use.item, names: undefined, target: 'unknown' };
        break;
      case 'package':
        yield* pathUses(item.package.items);
        break;
      default:
        unreachable(item);
    }
  }
}

function useReference(within: ast.Id | undefined, use: ast.Use): PathUse {
  return { within, attributes: use.attributes, path: use.from, names: use.names, target: 'interface' };
}

function* worldPathUses(world: ast.World): Generator<PathUse> {
  const imports: { extern: ast.ExternKind; attributes: readonly ast.Attribute[] }[] = [];
  const exports: typeof imports = [];
  for (const item of world.items) {
    switch (item.kind) {
      case 'use':
        yield useReference(undefined, item.use);
        break;
      case 'include':
        yield { within: world.name, attributes: item.include.attributes, path: item.include.from, names: undefined, target: 'world' };
        break;
      case 'type':
        break;
      case 'import':
        imports.push(item);
        break;
      case 'export':
        exports.push(item);
        break;
      default:
        unreachable(item);
    }
  }
  for (const { extern, attributes } of [...imports, ...exports]) {
    switch (extern.kind) {
      case 'interface':
        for (const inner of extern.items) if (inner.kind === 'use') yield useReference(undefined, inner.use);
        break;
      case 'path':
      case 'named-path':
        yield { within: undefined, attributes, path: extern.path, names: undefined, target: 'interface' };
        break;
      case 'func':
        break;
      default:
        unreachable(extern);
    }
  }
}

/** The names a type refers to, for ordering type definitions. */
export function typeDependencies(type: ast.Type, out: ast.Id[] = []): ast.Id[] {
  switch (type.kind) {
    case 'primitive':
    case 'flags':
    case 'enum':
    case 'resource':
      break;
    case 'name':
      out.push(type.id);
      break;
    case 'handle':
      out.push(type.resource);
      break;
    case 'record':
      for (const field of type.fields) typeDependencies(field.type, out);
      break;
    case 'tuple':
      for (const t of type.types) typeDependencies(t, out);
      break;
    case 'variant':
      for (const c of type.cases) if (c.type) typeDependencies(c.type, out);
      break;
    case 'option':
      typeDependencies(type.type, out);
      break;
    case 'list':
    case 'fixed-length-list':
      typeDependencies(type.element, out);
      break;
    case 'map':
      typeDependencies(type.key, out);
      typeDependencies(type.value, out);
      break;
    case 'result':
      if (type.ok) typeDependencies(type.ok, out);
      if (type.err) typeDependencies(type.err, out);
      break;
    case 'future':
    case 'stream':
      if (type.type) typeDependencies(type.type, out);
      break;
    default:
      unreachable(type);
  }
  return out;
}

/** The identifier a path ends in. */
export function usePathName(path: ast.UsePath): ast.Id {
  return path.kind === 'id' ? path.id : path.name;
}
