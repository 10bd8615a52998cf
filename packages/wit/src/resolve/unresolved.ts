/**
 * One package resolved on its own: its arenas, with placeholders for every
 * interface, world and type it uses from other packages. Joining it into a
 * `Resolve` swaps the placeholders for the real items.
 */
import type {
  Docs, Interface, InterfaceId, PackageName, Stability, TypeDef, TypeId, World, WorldId,
} from '../model.js';
import type { Span } from '../source-map.js';

/** A top-level name of a package file: an interface or a world. */
export type AstItemRef =
  | { readonly kind: 'interface'; readonly id: InterfaceId }
  | { readonly kind: 'world'; readonly id: WorldId };

/** One item used from another package, with the gates of every place that uses it. */
export interface ForeignItem {
  readonly item: AstItemRef;
  readonly stabilities: Stability[];
}

/** Everything one package uses from another package. */
export interface ForeignPackage {
  readonly name: PackageName;
  /** Where the package was first named, for "not found" errors. */
  readonly span: Span;
  readonly items: Map<string, ForeignItem>;
}

/** One package's arenas before they are joined into a `Resolve`, with placeholders for what it uses from other packages. */
export interface UnresolvedPackage {
  readonly name: PackageName;
  readonly nameSpan: Span;
  readonly docs: Docs;
  /** Foreign placeholders first, then the package's own items in dependency order. */
  readonly worlds: World[];
  readonly interfaces: Interface[];
  readonly types: TypeDef[];
  /** Keyed by `packageNameString`, in order of first use. */
  readonly foreignDeps: Map<string, ForeignPackage>;
  /** Types that must turn out to be resources once their package is known. */
  readonly requiredResourceTypes: readonly (readonly [TypeId, Span])[];
}
