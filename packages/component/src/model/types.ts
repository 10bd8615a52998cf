/**
 * Component-level types: defined types, function types,
 * component and instance types, and resources.
 */
import type { CoreType, CoreValType } from './core.js';
import type { Alias } from './aliases.js';
import type { ExternName, ExternType } from './externs.js';
import type { PrimitiveValType, ValType } from './val-type.js';

/** A record field or a function parameter. */
export interface NamedValType {
  readonly name: string;
  readonly type: ValType;
}

/** A variant case, with its payload type if it has one. */
export interface VariantCase {
  readonly name: string;
  readonly type: ValType | undefined;
}

/** A defined value type (`deftype` in Binary.md). */
export type DefinedType =
  | { readonly kind: 'primitive'; readonly type: PrimitiveValType }
  | { readonly kind: 'record'; readonly fields: readonly NamedValType[] }
  | { readonly kind: 'variant'; readonly cases: readonly VariantCase[] }
  | { readonly kind: 'list'; readonly element: ValType }
  | { readonly kind: 'fixed-size-list'; readonly element: ValType; readonly length: number }
  | { readonly kind: 'map'; readonly key: ValType; readonly value: ValType }
  | { readonly kind: 'tuple'; readonly types: readonly ValType[] }
  | { readonly kind: 'flags'; readonly names: readonly string[] }
  | { readonly kind: 'enum'; readonly names: readonly string[] }
  | { readonly kind: 'option'; readonly type: ValType }
  | { readonly kind: 'result'; readonly ok: ValType | undefined; readonly err: ValType | undefined }
  /** `own` of a resource type index. */
  | { readonly kind: 'own'; readonly resource: number }
  | { readonly kind: 'borrow'; readonly resource: number }
  | { readonly kind: 'future'; readonly type: ValType | undefined }
  | { readonly kind: 'stream'; readonly type: ValType | undefined };

/** `(func async? (param ..)* (result ..)?)`. */
export interface FuncType {
  readonly kind: 'func';
  readonly async: boolean;
  readonly params: readonly NamedValType[];
  readonly result: ValType | undefined;
}

/** A declaration inside a component type. */
export type ComponentTypeDecl =
  | { readonly kind: 'core-type'; readonly type: CoreType }
  | { readonly kind: 'type'; readonly type: ComponentType }
  | { readonly kind: 'alias'; readonly alias: Alias }
  | { readonly kind: 'export'; readonly name: ExternName; readonly type: ExternType }
  | { readonly kind: 'import'; readonly name: ExternName; readonly type: ExternType };

/** A declaration inside an instance type (a component type declaration without imports). */
export type InstanceTypeDecl = Exclude<ComponentTypeDecl, { readonly kind: 'import' }>;

/** `(component decl*)`: the type of a component. */
export interface ComponentTypeType {
  readonly kind: 'component';
  readonly decls: readonly ComponentTypeDecl[];
}

/** `(instance decl*)`: the type of an instance. */
export interface InstanceType {
  readonly kind: 'instance';
  readonly decls: readonly InstanceTypeDecl[];
}

/** `(resource (rep i32) (dtor $f)?)`. */
export interface ResourceType {
  readonly kind: 'resource';
  readonly rep: CoreValType;
  /** Core function index of the destructor. */
  readonly destructor: number | undefined;
}

/** An entry of a type section (or of a `type` declaration). */
export type ComponentType = DefinedType | FuncType | ComponentTypeType | InstanceType | ResourceType;
