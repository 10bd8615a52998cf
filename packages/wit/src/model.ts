/**
 * The resolved WIT model: arenas of packages, interfaces, worlds and types
 * addressed by integer ids, shaped like the reference `wit-parser::Resolve`
 * so that ids, order and sharing match it exactly.
 */
import type { SourceMap, Span } from './source-map.js';

/** An index into the `types` arena of a `Resolve` or an `UnresolvedPackage`. */
export type TypeId = number;
/** An index into the `interfaces` arena of a `Resolve` or an `UnresolvedPackage`. */
export type InterfaceId = number;
/** An index into the `worlds` arena of a `Resolve` or an `UnresolvedPackage`. */
export type WorldId = number;
/** An index into `Resolve.packages`. */
export type PackageId = number;

/** The built-in types, named as in WIT. */
export type PrimitiveType =
  | 'bool' | 'u8' | 'u16' | 'u32' | 'u64' | 's8' | 's16' | 's32' | 's64'
  | 'f32' | 'f64' | 'char' | 'string' | 'error-context';

/** A primitive by name, or a defined type by its id. */
export type Type = PrimitiveType | TypeId;

/** `ns:name@version` of a resolved package. */
export interface PackageName {
  readonly namespace: string;
  readonly name: string;
  /** Canonical semver text. */
  readonly version: string | undefined;
}

/** `@since`/`@unstable` (each optionally `@deprecated`), or nothing. */
export type Stability =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'unstable'; readonly feature: string; readonly deprecated: string | undefined }
  | { readonly kind: 'stable'; readonly since: string; readonly deprecated: string | undefined };

/** Documentation text, or undefined when an item has none. */
export type Docs = string | undefined;

/** A package and the interfaces and worlds it defines, by name. */
export interface Package {
  readonly name: PackageName;
  docs: Docs;
  readonly interfaces: Map<string, InterfaceId>;
  readonly worlds: Map<string, WorldId>;
}

/** A named interface of a package, or an inline one in a world (`import x: interface { … }`). */
export interface Interface {
  /** Undefined for an inline interface in a world. */
  name: string | undefined;
  readonly types: Map<string, TypeId>;
  readonly functions: Map<string, Function>;
  docs: Docs;
  stability: Stability;
  package: PackageId | undefined;
  span: Span;
  /** The interface this one was copied from when an `include` cloned an inline interface. */
  cloneOf: InterfaceId | undefined;
}

/** The key of a world import/export: a kebab name, or an interface imported by path. */
export type WorldKey =
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'interface'; readonly id: InterfaceId };

/** What a world imports or exports: an interface, a function, or a type the world defines or `use`s. */
export type WorldItem =
  | {
      readonly kind: 'interface';
      id: InterfaceId;
      stability: Stability;
      externalId: string | undefined;
      docs: Docs;
      span: Span;
    }
  | { readonly kind: 'function'; readonly function: Function }
  | { readonly kind: 'type'; id: TypeId; span: Span };

/** A world import or export with its key. */
export interface WorldEntry {
  readonly key: WorldKey;
  item: WorldItem;
}

/** One rename from the `with { a as b }` of an include: `name` becomes `as`. */
export interface IncludeName {
  readonly name: string;
  readonly as: string;
}

/** An `include` of another world, kept until elaboration copies that world's items in. */
export interface WorldInclude {
  readonly stability: Stability;
  readonly id: WorldId;
  readonly names: readonly IncludeName[];
  readonly span: Span;
}

/** A world: what a component targeting it imports and exports. */
export interface World {
  readonly name: string;
  /** Keyed by {@link worldKeyName}. */
  readonly imports: Map<string, WorldEntry>;
  readonly exports: Map<string, WorldEntry>;
  package: PackageId | undefined;
  docs: Docs;
  stability: Stability;
  /** Pending includes; empty once the world is elaborated. */
  includes: WorldInclude[];
  span: Span;
}

/** A record field. */
export interface Field {
  readonly name: string;
  readonly type: Type;
  readonly docs: Docs;
  readonly span: Span;
}

/** A name in `flags`. */
export interface Flag {
  readonly name: string;
  readonly docs: Docs;
  readonly span: Span;
}

/** A variant case, with its payload type if it has one. */
export interface Case {
  readonly name: string;
  readonly type: Type | undefined;
  readonly docs: Docs;
  readonly span: Span;
}

/** A name in an `enum`. */
export interface EnumCase {
  readonly name: string;
  readonly docs: Docs;
  readonly span: Span;
}

/** What a defined type is; `type` is an alias (`type a = b`). */
export type TypeDefKind =
  | { readonly kind: 'record'; readonly fields: readonly Field[] }
  | { readonly kind: 'resource' }
  | { readonly kind: 'handle'; readonly handle: 'own' | 'borrow'; readonly resource: TypeId }
  | { readonly kind: 'flags'; readonly flags: readonly Flag[] }
  | { readonly kind: 'tuple'; readonly types: readonly Type[] }
  | { readonly kind: 'variant'; readonly cases: readonly Case[] }
  | { readonly kind: 'enum'; readonly cases: readonly EnumCase[] }
  | { readonly kind: 'option'; readonly type: Type }
  | { readonly kind: 'result'; readonly ok: Type | undefined; readonly err: Type | undefined }
  | { readonly kind: 'list'; readonly element: Type }
  | { readonly kind: 'map'; readonly key: Type; readonly value: Type }
  | { readonly kind: 'fixed-length-list'; readonly element: Type; readonly size: number }
  | { readonly kind: 'future'; readonly type: Type | undefined }
  | { readonly kind: 'stream'; readonly type: Type | undefined }
  | { readonly kind: 'type'; readonly type: Type }
  /** A type of a foreign interface not yet joined with its package. */
  | { readonly kind: 'unknown' };

/** Where a type is defined; `none` for anonymous types (`list<u8>`, tuples, handles…), which are interned and shared. */
export type TypeOwner =
  | { readonly kind: 'world'; readonly id: WorldId }
  | { readonly kind: 'interface'; readonly id: InterfaceId }
  | { readonly kind: 'none' };

/** A named or anonymous type in `Resolve.types`. */
export interface TypeDef {
  name: string | undefined;
  kind: TypeDefKind;
  owner: TypeOwner;
  docs: Docs;
  stability: Stability;
  span: Span;
  externalId: string | undefined;
}

/** How a function is bound: freestanding, or a method, static function or constructor of `resource`; async and accessor forms are kinds of their own. */
export type FunctionKind =
  | { readonly kind: 'freestanding' | 'async-freestanding' | 'getter' | 'setter' }
  | {
      readonly kind:
        | 'method' | 'async-method' | 'method-getter' | 'method-setter'
        | 'static' | 'async-static' | 'static-getter' | 'static-setter'
        | 'constructor';
      readonly resource: TypeId;
    };

/** A function parameter. */
export interface Param {
  readonly name: string;
  readonly type: Type;
  readonly span: Span;
}

/** A resolved function of an interface, a world or a resource. */
export interface Function {
  /** The full name, with `[method]r.` style prefixes for resource functions. */
  readonly name: string;
  readonly kind: FunctionKind;
  readonly params: readonly Param[];
  readonly result: Type | undefined;
  readonly docs: Docs;
  readonly stability: Stability;
  readonly span: Span;
  readonly externalId: string | undefined;
}

/** A set of resolved packages and everything they define. */
export interface Resolve {
  readonly worlds: World[];
  readonly interfaces: Interface[];
  readonly types: TypeDef[];
  readonly packages: Package[];
  /** Keyed by {@link packageNameString}. */
  readonly packageNames: Map<string, PackageId>;
  readonly features: Set<string>;
  allFeatures: boolean;
  /** Every feature an `@unstable` gate names, enabled or not, so a misspelt `--features` name can be told apart. */
  readonly featuresSeen: Set<string>;
  readonly sourceMap: SourceMap;
}

/** `ns:name@version` */
export function packageNameString(name: PackageName): string {
  return `${name.namespace}:${name.name}${name.version === undefined ? '' : `@${name.version}`}`;
}

/** `ns:pkg/item@version`: how an interface or a world of package `pkg` is named from outside it. */
export function qualifiedName(pkg: PackageName, item: string): string {
  return `${pkg.namespace}:${pkg.name}/${item}${pkg.version === undefined ? '' : `@${pkg.version}`}`;
}

/** The string a world key is stored and serialized under: its name, or `interface-N`. */
export function worldKeyName(key: WorldKey): string {
  return key.kind === 'name' ? key.name : `interface-${key.id}`;
}

/** The stability of an item with no gate, one value shared since `Stability` is read-only. */
export const unknownStability: Stability = { kind: 'unknown' };

/** Whether two type owners are the same world, the same interface, or both none. */
export function sameOwner(a: TypeOwner, b: TypeOwner): boolean {
  if (a.kind === 'none' || b.kind === 'none') return a.kind === b.kind;
  return a.kind === b.kind && a.id === b.id;
}
