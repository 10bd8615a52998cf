/** A component: an ordered list of sections, which may repeat. */
import type { Alias } from './aliases.js';
import type { CanonFunction } from './canon.js';
import type { CoreExport, CoreImport, CoreType } from './core.js';
import type { CustomSection } from './custom.js';
import type { Export, Import } from './externs.js';
import type { ComponentInstance, CoreInstance } from './instances.js';
import type { ComponentType } from './types.js';

/**
 * The encoding details a producer chose that the model does not otherwise
 * determine: LEB128 widths of a section's size and item count, set only when
 * they are wider than the minimal encoding.
 */
export interface SectionEncoding {
  /** Byte width of the section size. */
  readonly sizeWidth?: number;
  /** Byte width of the item count of a vector section. */
  readonly countWidth?: number;
}

/**
 * A core module: the bytes of the whole module (header included), opaque.
 * Read its imports, exports and custom sections with `readCoreModule`.
 */
export interface CoreModuleSection {
  readonly kind: 'core-module';
  readonly bytes: Uint8Array;
  /** Offset of the module's first byte in the decoded input. */
  readonly offset: number;
  readonly encoding?: SectionEncoding;
}

/** Section 2: core instances, made by instantiating a module or from inline core exports. */
export interface CoreInstanceSection {
  readonly kind: 'core-instance';
  readonly instances: readonly CoreInstance[];
  readonly encoding?: SectionEncoding;
}

/** Section 3: core types (recursion groups and module types). */
export interface CoreTypeSection {
  readonly kind: 'core-type';
  readonly types: readonly CoreType[];
  readonly encoding?: SectionEncoding;
}

/** A nested component (recursive). */
export interface ComponentSection {
  readonly kind: 'component';
  readonly component: Component;
  /** The byte size of the nested component as decoded; the encoder ignores it. */
  readonly size?: number;
  /**
   * The exact encoding of `component` (its header included), when the caller
   * has it: the encoder then copies these bytes instead of encoding the model
   * again. The decoder never sets it, so a decoded model stays editable.
   */
  readonly bytes?: Uint8Array;
  readonly encoding?: SectionEncoding;
}

/** Section 5: component instances, made by instantiating a component or from inline exports. */
export interface InstanceSection {
  readonly kind: 'instance';
  readonly instances: readonly ComponentInstance[];
  readonly encoding?: SectionEncoding;
}

/** Section 6: aliases of instance exports and of outer items. */
export interface AliasSection {
  readonly kind: 'alias';
  readonly aliases: readonly Alias[];
  readonly encoding?: SectionEncoding;
}

/** Section 7: component types (defined value types, functions, components, instances, resources). */
export interface TypeSection {
  readonly kind: 'type';
  readonly types: readonly ComponentType[];
  readonly encoding?: SectionEncoding;
}

/** Section 8: canonical functions (lift, lower and the built-ins). */
export interface CanonSection {
  readonly kind: 'canon';
  readonly functions: readonly CanonFunction[];
  readonly encoding?: SectionEncoding;
}

/** `(start $f (value $v)* (result (value $r))*)`. */
export interface StartSection {
  readonly kind: 'start';
  readonly func: number;
  readonly args: readonly number[];
  /** Number of results. */
  readonly results: number;
  readonly encoding?: SectionEncoding;
}

/** Section 10: the component's imports. */
export interface ImportSection {
  readonly kind: 'import';
  readonly imports: readonly Import[];
  readonly encoding?: SectionEncoding;
}

/** Section 11: the component's exports. */
export interface ExportSection {
  readonly kind: 'export';
  readonly exports: readonly Export[];
  readonly encoding?: SectionEncoding;
}

/** Section 0: a custom section, kept in place so re-encoding preserves the order. */
export interface CustomSectionEntry {
  readonly kind: 'custom';
  readonly custom: CustomSection;
  readonly encoding?: SectionEncoding;
}

/** One section of a component, tagged by `kind`, in the order the binary has them. */
export type Section =
  | CoreModuleSection
  | CoreInstanceSection
  | CoreTypeSection
  | ComponentSection
  | InstanceSection
  | AliasSection
  | TypeSection
  | CanonSection
  | StartSection
  | ImportSection
  | ExportSection
  | CustomSectionEntry;

/** A decoded component. */
export interface Component {
  /** The version field of the header (`0x0d` today). */
  readonly version: number;
  /** The layer field of the header (`1` for components). */
  readonly layer: number;
  readonly sections: readonly Section[];
}

/** What `readCoreModule` finds in a core module. */
export interface CoreModuleInfo {
  /** Imports in order, compact import groups flattened. */
  readonly imports: readonly CoreImport[];
  readonly exports: readonly CoreExport[];
  readonly customs: readonly CustomSection[];
}
