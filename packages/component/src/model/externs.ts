/**
 * Sorts, extern names and extern types: what imports, exports, aliases and
 * instantiation arguments are made of.
 */
import type { ValType } from './val-type.js';

/**
 * The sort of a component-level item. `module` is `core module` (`0x00 0x11`);
 * the other core sorts appear only in {@link CoreSort}.
 */
export type Sort = 'module' | 'func' | 'value' | 'type' | 'component' | 'instance';

/** The options a name can carry (written in the order given by `optionOrder`). */
export type ExternNameOption = 'implements' | 'version-suffix' | 'external-id';

/** An import or export name, with its optional attributes. */
export interface ExternName {
  /** The name itself: a kebab name, `ns:pkg/iface@1.0.0`, `[method]r.f`, ... */
  readonly name: string;
  /** `(implements "ns:pkg/iface")`. */
  readonly implements: string | undefined;
  /** `(version-suffix "...")`. */
  readonly versionSuffix: string | undefined;
  /** `(external-id "...")`. */
  readonly externalId: string | undefined;
  /**
   * How the name was written when it differs from the canonical form
   * (leading byte 0x00 without options, 0x02 with options in the order
   * implements, version-suffix, external-id): the leading byte (0x01 is the
   * legacy "interface" tag) and the option order.
   */
  readonly encoding?: { readonly tag: number; readonly optionOrder: readonly ExternNameOption[] };
}

/** `(eq i)` or `(sub resource)`. */
export type TypeBounds =
  | { readonly kind: 'eq'; readonly index: number }
  | { readonly kind: 'sub-resource' };

/** The type ascribed to an import or export. */
export type ExternType =
  | { readonly kind: 'module'; readonly index: number }
  | { readonly kind: 'func'; readonly index: number }
  | { readonly kind: 'value'; readonly type: ValType }
  | { readonly kind: 'type'; readonly bounds: TypeBounds }
  | { readonly kind: 'instance'; readonly index: number }
  | { readonly kind: 'component'; readonly index: number };

/** A component import: its name and the type it must have. */
export interface Import {
  readonly name: ExternName;
  readonly type: ExternType;
}

/** A component export: a name for the item of sort `sort` at `index`. */
export interface Export {
  readonly name: ExternName;
  readonly sort: Sort;
  readonly index: number;
  /** The optional ascribed type `(export "x" (func 3) (func (type 1)))`. */
  readonly type: ExternType | undefined;
}
