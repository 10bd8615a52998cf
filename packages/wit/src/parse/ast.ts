/**
 * The syntax tree of WIT source, one node per grammar rule, with spans.
 * Mirrors the reference parser's `ast.rs` so the resolver can follow it.
 */
import type { Span } from '../source-map.js';

/** An identifier with its `%` escape removed. */
export interface Id {
  readonly name: string;
  readonly span: Span;
}

/**
 * The raw text of each comment token before an item, in order. The reference keeps every comment
 * (line comments with their newline, `///` lines, and block comments, doc or not); the resolver
 * strips the markers.
 */
export interface Docs {
  readonly lines: readonly string[];
  /** From the first comment to the end of the last one (trailing whitespace excluded); `{ start: -1, end: -1 }` (unknown) when there are none. */
  readonly span: Span;
}

/** A gate or tag before an item: `@since(version = …)`, `@unstable(feature = …)`, `@deprecated(version = …)` or `@external-id("…")`. */
export type Attribute =
  | { readonly kind: 'since'; readonly span: Span; readonly version: string }
  | { readonly kind: 'unstable'; readonly span: Span; readonly feature: Id }
  | { readonly kind: 'deprecated'; readonly span: Span; readonly version: string }
  | { readonly kind: 'external-id'; readonly span: Span; readonly id: string };

/** `ns:name@version` as written, in a `package` statement or a `use` path. */
export interface PackageName {
  readonly docs: Docs;
  readonly span: Span;
  readonly namespace: Id;
  readonly name: Id;
  /** Canonical semver text, with the span of the version. */
  readonly version: { readonly span: Span; readonly text: string } | undefined;
}

/** One `.wit` file, or one nested `package a:b { … }` block. */
export interface PackageFile {
  readonly packageName: PackageName | undefined;
  readonly items: readonly AstItem[];
}

/** A top-level item of a package file. */
export type AstItem =
  | { readonly kind: 'interface'; readonly interface: Interface }
  | { readonly kind: 'world'; readonly world: World }
  | { readonly kind: 'use'; readonly use: ToplevelUse }
  | { readonly kind: 'package'; readonly package: PackageFile };

/** `use a:b/c@1.0.0 as d;` at the top of a file. */
export interface ToplevelUse {
  readonly span: Span;
  readonly attributes: readonly Attribute[];
  readonly item: UsePath;
  readonly as: Id | undefined;
}

/** `iface` or `ns:pkg/iface@version`. */
export type UsePath =
  | { readonly kind: 'id'; readonly id: Id }
  | { readonly kind: 'package'; readonly package: PackageName; readonly name: Id };

/** `world name { … }`. */
export interface World {
  readonly docs: Docs;
  readonly attributes: readonly Attribute[];
  readonly name: Id;
  readonly items: readonly WorldItem[];
}

/** An item in a world body. */
export type WorldItem =
  | { readonly kind: 'import'; readonly docs: Docs; readonly attributes: readonly Attribute[]; readonly extern: ExternKind }
  | { readonly kind: 'export'; readonly docs: Docs; readonly attributes: readonly Attribute[]; readonly extern: ExternKind }
  | { readonly kind: 'use'; readonly use: Use }
  | { readonly kind: 'type'; readonly typeDef: TypeDef }
  | { readonly kind: 'include'; readonly include: Include };

/** What an `import`/`export` names. */
export type ExternKind =
  /** `import foo: interface { … }` */
  | { readonly kind: 'interface'; readonly name: Id; readonly items: readonly InterfaceItem[] }
  /** `import foo;`, `import a:b/c;` */
  | { readonly kind: 'path'; readonly path: UsePath }
  /** `import foo: func(…);` */
  | { readonly kind: 'func'; readonly name: Id; readonly func: Func }
  /** `import label: a:b/c;` — a named import of an interface. */
  | { readonly kind: 'named-path'; readonly name: Id; readonly path: UsePath };

/** `interface name { … }`. */
export interface Interface {
  readonly docs: Docs;
  readonly attributes: readonly Attribute[];
  readonly name: Id;
  readonly items: readonly InterfaceItem[];
}

/** An item in an interface body. */
export type InterfaceItem =
  | { readonly kind: 'type'; readonly typeDef: TypeDef }
  | { readonly kind: 'func'; readonly func: NamedFunc }
  | { readonly kind: 'use'; readonly use: Use };

/** `use path.{a, b as c};` inside an interface or world. */
export interface Use {
  readonly attributes: readonly Attribute[];
  readonly from: UsePath;
  readonly names: readonly UseName[];
}

/** `a` or `a as b` in a `use` list. */
export interface UseName {
  readonly name: Id;
  readonly as: Id | undefined;
}

/** `include path with { a as b };` in a world. */
export interface Include {
  readonly attributes: readonly Attribute[];
  readonly from: UsePath;
  readonly names: readonly IncludeName[];
}

/** `a as b` in the `with { … }` of an `include`. */
export interface IncludeName {
  readonly name: Id;
  readonly as: Id;
}

/** A named type declaration: `type`, `record`, `resource`, `flags`, `variant` or `enum`. */
export interface TypeDef {
  readonly docs: Docs;
  readonly attributes: readonly Attribute[];
  readonly name: Id;
  readonly type: Type;
}

/** The built-in type keywords. */
export type PrimitiveName =
  | 'bool' | 'u8' | 'u16' | 'u32' | 'u64' | 's8' | 's16' | 's32' | 's64'
  | 'f32' | 'f64' | 'char' | 'string' | 'error-context';

/** A type as written; a `name` stays unresolved until the resolver looks it up in scope. */
export type Type =
  | { readonly kind: 'primitive'; readonly name: PrimitiveName; readonly span: Span }
  | { readonly kind: 'name'; readonly id: Id }
  | { readonly kind: 'list'; readonly span: Span; readonly element: Type }
  | { readonly kind: 'fixed-length-list'; readonly span: Span; readonly element: Type; readonly size: number }
  | { readonly kind: 'map'; readonly span: Span; readonly key: Type; readonly value: Type }
  | { readonly kind: 'handle'; readonly handle: 'own' | 'borrow'; readonly resource: Id }
  | { readonly kind: 'resource'; readonly span: Span; readonly funcs: readonly ResourceFunc[] }
  | { readonly kind: 'record'; readonly span: Span; readonly fields: readonly Field[] }
  | { readonly kind: 'flags'; readonly span: Span; readonly flags: readonly Flag[] }
  | { readonly kind: 'variant'; readonly span: Span; readonly cases: readonly Case[] }
  | { readonly kind: 'tuple'; readonly span: Span; readonly types: readonly Type[] }
  | { readonly kind: 'enum'; readonly span: Span; readonly cases: readonly EnumCase[] }
  | { readonly kind: 'option'; readonly span: Span; readonly type: Type }
  | { readonly kind: 'result'; readonly span: Span; readonly ok: Type | undefined; readonly err: Type | undefined }
  | { readonly kind: 'future'; readonly span: Span; readonly type: Type | undefined }
  | { readonly kind: 'stream'; readonly span: Span; readonly type: Type | undefined };

/** A function in a `resource r { … }` block: a method, a static function or the constructor. */
export interface ResourceFunc {
  readonly kind: 'method' | 'static' | 'constructor';
  readonly func: NamedFunc;
}

/** `name: type` in a record. */
export interface Field {
  readonly docs: Docs;
  readonly name: Id;
  readonly type: Type;
}

/** A name in `flags`. */
export interface Flag {
  readonly docs: Docs;
  readonly name: Id;
}

/** A variant case, with its payload type if it has one. */
export interface Case {
  readonly docs: Docs;
  readonly name: Id;
  readonly type: Type | undefined;
}

/** A name in an `enum`. */
export interface EnumCase {
  readonly docs: Docs;
  readonly name: Id;
}

/** `name: func(…)` in an interface or a resource. */
export interface NamedFunc {
  readonly docs: Docs;
  readonly attributes: readonly Attribute[];
  readonly name: Id;
  readonly func: Func;
}

/** `name: type` in a parameter list. */
export interface Param {
  readonly name: Id;
  readonly type: Type;
}

/** A function signature, `[async] func(params) -> result`. */
export interface Func {
  readonly span: Span;
  readonly async: boolean;
  /** `get(…)`/`set(…)` accessors instead of `func(…)`. */
  readonly accessor: 'getter' | 'setter' | undefined;
  readonly params: readonly Param[];
  readonly result: Type | undefined;
}

/** Returns the span of a type node, for diagnostics. */
export function typeSpan(type: Type): Span {
  switch (type.kind) {
    case 'name':
      return type.id.span;
    case 'handle':
      return type.resource.span;
    default:
      return type.span;
  }
}
