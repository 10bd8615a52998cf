/**
 * Core WebAssembly types as they appear inside a component: in core type
 * sections, in module types, and in the imports and exports of a core
 * module read by `readCoreModule`.
 *
 * Optional fields named like `explicit`/`abbreviated` record a producer's
 * choice between two valid encodings of the same thing; leave them out to
 * get the encoding `wasm-encoder` writes.
 */

/** Core number and vector types. */
export type CoreNumType = 'i32' | 'i64' | 'f32' | 'f64' | 'v128';

/** Abstract heap types (reference-types, GC, exceptions, stack switching). */
export type AbstractHeapType =
  | 'func' | 'extern' | 'any' | 'none' | 'noextern' | 'nofunc'
  | 'eq' | 'struct' | 'array' | 'i31' | 'exn' | 'noexn' | 'cont' | 'nocont';

/** The target of a reference type. */
export type HeapType =
  | { readonly kind: 'abstract'; readonly shared: boolean; readonly type: AbstractHeapType }
  /** A type index (`$t`). */
  | { readonly kind: 'concrete'; readonly index: number }
  /** `exact $t` (custom descriptors). */
  | { readonly kind: 'exact'; readonly index: number };

/** `(ref null? heap)`. */
export interface RefType {
  readonly kind: 'ref';
  readonly nullable: boolean;
  readonly heap: HeapType;
  /**
   * `false` when a nullable abstract reference was written with the `0x63`
   * prefix instead of its one-byte short form (`funcref`, ...).
   */
  readonly abbreviated?: boolean;
}

/** A core value type. */
export type CoreValType = CoreNumType | RefType;

/** A field's storage: a value type or a packed type. */
export type StorageType = 'i8' | 'i16' | CoreValType;

/** A struct field or an array element: its storage type and whether it is mutable. */
export interface FieldType {
  readonly type: StorageType;
  readonly mutable: boolean;
}

/** The body of a core type: a function, a struct, an array or a continuation (`cont $t`, stack switching). */
export type CompositeInnerType =
  | { readonly kind: 'func'; readonly params: readonly CoreValType[]; readonly results: readonly CoreValType[] }
  | { readonly kind: 'struct'; readonly fields: readonly FieldType[] }
  | { readonly kind: 'array'; readonly field: FieldType }
  | { readonly kind: 'cont'; readonly index: number };

/** A composite type with its `shared` flag and custom-descriptor links. */
export interface CompositeType {
  readonly shared: boolean;
  /** `(describes $t)` (custom descriptors). */
  readonly describes: number | undefined;
  /** `(descriptor $t)` (custom descriptors). */
  readonly descriptor: number | undefined;
  readonly inner: CompositeInnerType;
}

/** A type in a recursion group, with its supertypes and finality (GC). */
export interface SubType {
  readonly final: boolean;
  readonly supertypes: readonly number[];
  readonly composite: CompositeType;
  /**
   * `true` when a final type without supertypes was written with the
   * `sub final` prefix (`0x4f 0x00`) instead of bare.
   */
  readonly explicit?: boolean;
}

/** A recursion group; a single type is written without `rec` unless `explicit`. */
export interface RecGroup {
  readonly types: readonly SubType[];
  /** `true` when written with the `rec` prefix (`0x4e`); always so for 0 or 2+ types. */
  readonly explicit?: boolean;
}

/** The size bounds of a table or a memory, in elements or pages. */
export interface Limits {
  /** 64-bit index type (memory64 / table64). */
  readonly is64: boolean;
  readonly shared: boolean;
  readonly initial: bigint;
  readonly maximum: bigint | undefined;
}

/** A table: its limits and element reference type. */
export interface TableType extends Limits {
  readonly element: RefType;
}

/** A linear memory: its limits in pages. */
export interface MemoryType extends Limits {
  /** Custom page size as a power of two, when given. */
  readonly pageSizeLog2: number | undefined;
}

/** A global: its value type and whether it is mutable or shared. */
export interface GlobalType {
  readonly type: CoreValType;
  readonly mutable: boolean;
  readonly shared: boolean;
}

/** An exception tag: the function type of its payload. */
export interface TagType {
  /** Always 0 (exception) today. */
  readonly attribute: number;
  readonly funcTypeIndex: number;
}

/** The sort of a core item. `func-exact` appears only in imports. */
export type CoreSort = 'func' | 'table' | 'memory' | 'global' | 'tag' | 'func-exact';

/** The type of a core import (or module-type export). */
export type CoreTypeRef =
  | { readonly kind: 'func'; readonly index: number }
  | { readonly kind: 'func-exact'; readonly index: number }
  | { readonly kind: 'table'; readonly type: TableType }
  | { readonly kind: 'memory'; readonly type: MemoryType }
  | { readonly kind: 'global'; readonly type: GlobalType }
  | { readonly kind: 'tag'; readonly type: TagType };

/** A core import: `module`/`name` and the type it must have. */
export interface CoreImport {
  readonly module: string;
  readonly name: string;
  readonly type: CoreTypeRef;
}

/** A core export: a name for the item of sort `kind` at `index`. */
export interface CoreExport {
  readonly name: string;
  readonly kind: CoreSort;
  readonly index: number;
}

/** A declaration inside a core module type. */
export type ModuleTypeDecl =
  | { readonly kind: 'import'; readonly import: CoreImport }
  | { readonly kind: 'type'; readonly group: RecGroup }
  | { readonly kind: 'outer-alias'; readonly sort: 'type'; readonly count: number; readonly index: number }
  | { readonly kind: 'export'; readonly name: string; readonly type: CoreTypeRef };

/** An entry of a core type section. */
export type CoreType =
  | { readonly kind: 'rec'; readonly group: RecGroup }
  | { readonly kind: 'module'; readonly decls: readonly ModuleTypeDecl[] };
