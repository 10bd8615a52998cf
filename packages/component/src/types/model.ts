/**
 * The type view of a component: what each import, export and index refers to,
 * as structural types in one arena with resource identities — the subset of
 * wasmparser's validator type information that tools need (WIT decoding,
 * composition, inspection).
 *
 * Ids follow wasmparser's scheme: every type has a numeric id; `withUnique`
 * makes a new id for the same type content that remembers which id it was
 * made from (`aliasOf`), so a type exported under a new name stays
 * traceable to its definition. As in wasmparser, only defined types and
 * resources get new ids that way: function, instance and component type ids
 * are kept as they are (wasmparser's ids for those carry no alias), so
 * `created === referenced` for them.
 */
import type { PrimitiveValType } from '../model/val-type.js';

/** An id in {@link TypeArena.ids}. */
export type AnyTypeId = number;

/** A resource identity; two resource types are the same resource iff their identities are equal. */
export type ResourceId = number;

/** A value type: a primitive, or the id of a defined type (kind `defined`). */
export type ValueType = PrimitiveValType | AnyTypeId;

/** A record field or a function parameter, with its type resolved. */
export interface NamedValue {
  readonly name: string;
  readonly type: ValueType;
}

/** A defined value type with its component types resolved to ids. */
export type DefinedTypeInfo =
  | { readonly kind: 'primitive'; readonly type: PrimitiveValType }
  | { readonly kind: 'record'; readonly fields: readonly NamedValue[] }
  | { readonly kind: 'variant'; readonly cases: readonly { readonly name: string; readonly type: ValueType | undefined }[] }
  | { readonly kind: 'list'; readonly element: ValueType }
  | { readonly kind: 'fixed-size-list'; readonly element: ValueType; readonly length: number }
  | { readonly kind: 'map'; readonly key: ValueType; readonly value: ValueType }
  | { readonly kind: 'tuple'; readonly types: readonly ValueType[] }
  | { readonly kind: 'flags'; readonly names: readonly string[] }
  | { readonly kind: 'enum'; readonly names: readonly string[] }
  | { readonly kind: 'option'; readonly type: ValueType }
  | { readonly kind: 'result'; readonly ok: ValueType | undefined; readonly err: ValueType | undefined }
  /** `resource` is an id whose kind is `resource`. */
  | { readonly kind: 'own'; readonly resource: AnyTypeId }
  | { readonly kind: 'borrow'; readonly resource: AnyTypeId }
  | { readonly kind: 'future'; readonly type: ValueType | undefined }
  | { readonly kind: 'stream'; readonly type: ValueType | undefined };

/** A function type with its types resolved. */
export interface FuncTypeInfo {
  readonly async: boolean;
  readonly params: readonly NamedValue[];
  readonly result: ValueType | undefined;
}

/** What an import, export or instance export is, by sort. */
export type EntityType =
  | { readonly kind: 'module' }
  | { readonly kind: 'func'; readonly id: AnyTypeId }
  | { readonly kind: 'value'; readonly type: ValueType }
  /** A type: `referenced` is what it is equal to, `created` the id it gets here (an alias of `referenced`, or a fresh resource). */
  | { readonly kind: 'type'; readonly referenced: AnyTypeId; readonly created: AnyTypeId }
  | { readonly kind: 'instance'; readonly id: AnyTypeId }
  | { readonly kind: 'component'; readonly id: AnyTypeId };

/** An import or export with the name attributes it was declared with. */
export interface ComponentItem {
  readonly type: EntityType;
  readonly implements: string | undefined;
  readonly versionSuffix: string | undefined;
  readonly externalId: string | undefined;
}

/** An instance type: its exports by name, and the resources it defines itself. */
export interface InstanceTypeInfo {
  readonly exports: ReadonlyMap<string, ComponentItem>;
  /** Resources this instance type itself defines (only for types not yet attached to an instance). */
  readonly definedResources: readonly ResourceId[];
}

/** A component type: its imports and exports by name, the resources its imports bring, and those each instantiation creates. */
export interface ComponentTypeInfo {
  readonly imports: ReadonlyMap<string, ComponentItem>;
  readonly exports: ReadonlyMap<string, ComponentItem>;
  /** Resources the imports introduce, with their path (indices into imports, then instance exports). */
  readonly importedResources: readonly (readonly [ResourceId, readonly number[]])[];
  /** Resources instantiating this component creates fresh, with their path into exports. */
  readonly definedResources: readonly (readonly [ResourceId, readonly number[]])[];
}

/** The content behind an id. */
export type TypeInfo =
  | { readonly kind: 'defined'; readonly type: DefinedTypeInfo }
  | { readonly kind: 'func'; readonly type: FuncTypeInfo }
  | { readonly kind: 'instance'; readonly type: InstanceTypeInfo }
  | { readonly kind: 'component'; readonly type: ComponentTypeInfo }
  | { readonly kind: 'resource'; readonly resource: ResourceId };

/** One id of the arena: its content, and the id it aliases when `withUnique` made it. */
export interface TypeIdEntry {
  readonly info: TypeInfo;
  /** The id this one was made from by `withUnique`, if any. */
  readonly aliasOf: AnyTypeId | undefined;
}

/** All types of one component, addressed by id. */
export interface TypeArena {
  readonly ids: readonly TypeIdEntry[];
}

/** The type view of a whole component: its imports and exports in order. */
export interface ComponentTypes {
  readonly arena: TypeArena;
  readonly imports: ReadonlyMap<string, ComponentItem>;
  readonly exports: ReadonlyMap<string, ComponentItem>;
  /** The top-level component's own type, as if it were declared as a component type. */
  readonly component: ComponentTypeInfo;
}
