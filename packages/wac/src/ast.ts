/**
 * The syntax tree of one WAC file, as wac's `ast` module has it: every node
 * that names something keeps its span (UTF-8 byte offsets into the file).
 * Unions are tagged by `kind`.
 */
import type { Span } from '@weld/wit';
import type { DocComment } from './token.js';

export type { DocComment };

/** An identifier; `name` is without a leading `%`. */
export interface Ident {
  readonly name: string;
  readonly span: Span;
}

/** A string literal; `value` is without its quotes (WAC strings have no escapes). */
export interface StringLiteral {
  readonly value: string;
  readonly span: Span;
}

/** A name written as an identifier or a string: `as "name"`, a named argument's name. */
export interface ExternName {
  readonly kind: 'ident' | 'string';
  readonly value: string;
  readonly span: Span;
}

/** `ns:pkg@1.0.0`: `name` is `ns:pkg`, `version` the text after `@`. */
export interface PackageName {
  readonly text: string;
  readonly name: string;
  readonly version: string | undefined;
  readonly span: Span;
}

/** `ns:pkg/a/b@1.0.0`: the package name, the `/` segments and the version. */
export interface PackagePath {
  readonly text: string;
  readonly name: string;
  readonly segments: readonly string[];
  readonly version: string | undefined;
  readonly span: Span;
}

/** A whole file: `package … targets …;` and its statements. */
export interface Document {
  readonly docs: readonly DocComment[];
  readonly package: PackageName;
  readonly targets: PackagePath | undefined;
  readonly statements: readonly Statement[];
}

/** A top-level statement. */
export type Statement = ImportStatement | LetStatement | ExportStatement | InterfaceDecl | WorldDecl | TypeDecl;

/** `import id (as name)? : type;` */
export interface ImportStatement {
  readonly kind: 'import';
  readonly docs: readonly DocComment[];
  readonly id: Ident;
  readonly name: ExternName | undefined;
  readonly type: ImportType;
}

/** What an import is: a package path, a function, an inline interface or a declared name. */
export type ImportType =
  | { readonly kind: 'package'; readonly path: PackagePath }
  | { readonly kind: 'func'; readonly func: FuncType }
  | { readonly kind: 'interface'; readonly items: readonly InterfaceItem[] }
  | { readonly kind: 'ident'; readonly id: Ident };

/** `let id = expr;` */
export interface LetStatement {
  readonly kind: 'let';
  readonly docs: readonly DocComment[];
  readonly id: Ident;
  readonly expr: Expr;
}

/** `export expr;`, `export expr...;` or `export expr as name;` */
export interface ExportStatement {
  readonly kind: 'export';
  readonly docs: readonly DocComment[];
  readonly expr: Expr;
  readonly options: ExportOptions;
}

/** What follows an exported expression. */
export type ExportOptions =
  | { readonly kind: 'none' }
  | { readonly kind: 'spread'; readonly span: Span }
  | { readonly kind: 'rename'; readonly name: ExternName };

/** A primary expression and its accesses, left to right. */
export interface Expr {
  readonly span: Span;
  readonly primary: PrimaryExpr;
  readonly postfix: readonly PostfixExpr[];
}

/** `new pkg { … }`, `( expr )` or a name. */
export type PrimaryExpr =
  | { readonly kind: 'new'; readonly span: Span; readonly package: PackageName; readonly arguments: readonly InstantiationArgument[] }
  | { readonly kind: 'nested'; readonly span: Span; readonly inner: Expr }
  | { readonly kind: 'ident'; readonly id: Ident };

/** One argument of `new`: `a` (inferred), `...a` (spread), `name: expr`, or a trailing `...` (fill). */
export type InstantiationArgument =
  | { readonly kind: 'inferred'; readonly id: Ident }
  | { readonly kind: 'spread'; readonly id: Ident }
  | { readonly kind: 'named'; readonly name: ExternName; readonly expr: Expr }
  | { readonly kind: 'fill'; readonly span: Span };

/** `.id` or `["name"]`. */
export type PostfixExpr =
  | { readonly kind: 'access'; readonly span: Span; readonly id: Ident }
  | { readonly kind: 'named-access'; readonly span: Span; readonly name: StringLiteral };

/** `interface id { … }` */
export interface InterfaceDecl {
  readonly kind: 'interface';
  readonly docs: readonly DocComment[];
  readonly id: Ident;
  readonly items: readonly InterfaceItem[];
}

/** An item of an interface. */
export type InterfaceItem = Use | ItemTypeDecl | InterfaceExport;

/** `id: func(…)` or `id: alias;` in an interface. */
export interface InterfaceExport {
  readonly kind: 'interface-export';
  readonly docs: readonly DocComment[];
  readonly id: Ident;
  readonly type: FuncTypeRef;
}

/** `use path.{a, b as c};` */
export interface Use {
  readonly kind: 'use';
  readonly docs: readonly DocComment[];
  readonly path: { readonly kind: 'package'; readonly path: PackagePath } | { readonly kind: 'ident'; readonly id: Ident };
  readonly items: readonly { readonly id: Ident; readonly as: Ident | undefined }[];
}

/** `world id { … }` */
export interface WorldDecl {
  readonly kind: 'world';
  readonly docs: readonly DocComment[];
  readonly id: Ident;
  readonly items: readonly WorldItem[];
}

/** An item of a world. */
export type WorldItem = Use | ItemTypeDecl | WorldImport | WorldExport | WorldInclude;

/** `import path;` in a world. */
export interface WorldImport {
  readonly kind: 'world-import';
  readonly docs: readonly DocComment[];
  readonly path: WorldItemPath;
}

/** `export path;` in a world. */
export interface WorldExport {
  readonly kind: 'world-export';
  readonly docs: readonly DocComment[];
  readonly path: WorldItemPath;
}

/** What a world imports or exports: `id: type`, a package path or a declared interface. */
export type WorldItemPath =
  | { readonly kind: 'named'; readonly id: Ident; readonly type: ExternType }
  | { readonly kind: 'package'; readonly path: PackagePath }
  | { readonly kind: 'ident'; readonly id: Ident };

/** The type of a named world item. */
export type ExternType =
  | { readonly kind: 'ident'; readonly id: Ident }
  | { readonly kind: 'func'; readonly func: FuncType }
  | { readonly kind: 'interface'; readonly items: readonly InterfaceItem[] };

/** `include world (with { a as b })?;` */
export interface WorldInclude {
  readonly kind: 'include';
  readonly docs: readonly DocComment[];
  readonly world: { readonly kind: 'package'; readonly path: PackagePath } | { readonly kind: 'ident'; readonly id: Ident };
  readonly with: readonly { readonly from: Ident; readonly to: Ident }[];
}

/** A type declaration allowed at the top level. */
export type TypeDecl = VariantDecl | RecordDecl | FlagsDecl | EnumDecl | TypeAlias;

/** A type declaration allowed in an interface or world: a resource too. */
export type ItemTypeDecl = ResourceDecl | TypeDecl;

/** `resource id;` or `resource id { … }` */
export interface ResourceDecl {
  readonly kind: 'resource';
  readonly docs: readonly DocComment[];
  readonly id: Ident;
  readonly methods: readonly ResourceMethod[];
}

/** `constructor(…);` or `id: static? func(…);` */
export type ResourceMethod =
  | { readonly kind: 'constructor'; readonly docs: readonly DocComment[]; readonly span: Span; readonly params: readonly NamedType[] }
  | { readonly kind: 'method'; readonly docs: readonly DocComment[]; readonly id: Ident; readonly isStatic: boolean; readonly func: FuncType };

/** `variant id { case, case(type) }` */
export interface VariantDecl {
  readonly kind: 'variant';
  readonly docs: readonly DocComment[];
  readonly id: Ident;
  readonly cases: readonly { readonly docs: readonly DocComment[]; readonly id: Ident; readonly type: Type | undefined }[];
}

/** `record id { a: type }` */
export interface RecordDecl {
  readonly kind: 'record';
  readonly docs: readonly DocComment[];
  readonly id: Ident;
  readonly fields: readonly { readonly docs: readonly DocComment[]; readonly id: Ident; readonly type: Type }[];
}

/** `flags id { a, b }` */
export interface FlagsDecl {
  readonly kind: 'flags';
  readonly docs: readonly DocComment[];
  readonly id: Ident;
  readonly flags: readonly { readonly docs: readonly DocComment[]; readonly id: Ident }[];
}

/** `enum id { a, b }` */
export interface EnumDecl {
  readonly kind: 'enum';
  readonly docs: readonly DocComment[];
  readonly id: Ident;
  readonly cases: readonly { readonly docs: readonly DocComment[]; readonly id: Ident }[];
}

/** `type id = type;` or `type id = func(…);` */
export interface TypeAlias {
  readonly kind: 'type-alias';
  readonly docs: readonly DocComment[];
  readonly id: Ident;
  readonly value: { readonly kind: 'func'; readonly func: FuncType } | { readonly kind: 'type'; readonly type: Type };
}

/** `async? func(a: t, …) (-> type)?` */
export interface FuncType {
  readonly isAsync: boolean;
  readonly params: readonly NamedType[];
  readonly result: Type | undefined;
}

/** A function type or the name of one. */
export type FuncTypeRef = { readonly kind: 'func'; readonly func: FuncType } | { readonly kind: 'ident'; readonly id: Ident };

/** `id: type` */
export interface NamedType {
  readonly id: Ident;
  readonly type: Type;
}

/** The primitive value types. */
export type PrimitiveType = 'u8' | 's8' | 'u16' | 's16' | 'u32' | 's32' | 'u64' | 's64' | 'f32' | 'f64' | 'char' | 'bool' | 'string' | 'error-context';

/** A value type. */
export type Type =
  | { readonly kind: 'primitive'; readonly name: PrimitiveType; readonly span: Span }
  | { readonly kind: 'tuple'; readonly types: readonly Type[]; readonly span: Span }
  | { readonly kind: 'list'; readonly type: Type; readonly span: Span }
  | { readonly kind: 'option'; readonly type: Type; readonly span: Span }
  | { readonly kind: 'result'; readonly ok: Type | undefined; readonly err: Type | undefined; readonly span: Span }
  | { readonly kind: 'borrow'; readonly id: Ident; readonly span: Span }
  | { readonly kind: 'stream' | 'future'; readonly type: Type | undefined; readonly span: Span }
  | { readonly kind: 'named'; readonly id: Ident };
