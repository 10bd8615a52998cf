/** Custom sections: the ones weld understands, and the rest as bytes. */

/** One `name`/`version` pair of a producers field. */
export interface ProducerValue {
  readonly name: string;
  readonly version: string;
}

/** A field of the producers section (`language`, `processed-by`, `sdk`). */
export interface ProducerField {
  readonly name: string;
  readonly values: readonly ProducerValue[];
}

/** An index → name pair of a name map. */
export interface Naming {
  readonly index: number;
  readonly name: string;
}

/** The sorts a component-name section can name. */
export type NameSort =
  | 'core-func' | 'core-table' | 'core-memory' | 'core-global' | 'core-tag'
  | 'core-type' | 'core-module' | 'core-instance'
  | 'func' | 'value' | 'type' | 'component' | 'instance';

/** A subsection of the component-name section. */
export type NameSubsection =
  | { readonly kind: 'component'; readonly name: string }
  | { readonly kind: 'sort'; readonly sort: NameSort; readonly names: readonly Naming[] }
  /** A subsection weld does not know (or an unknown sort), kept as bytes. */
  | { readonly kind: 'unknown'; readonly id: number; readonly data: Uint8Array };

/** A custom section; `name` is the section name as written. */
export type CustomSection =
  | { readonly kind: 'producers'; readonly name: 'producers'; readonly fields: readonly ProducerField[] }
  | { readonly kind: 'name'; readonly name: 'component-name'; readonly subsections: readonly NameSubsection[] }
  /**
   * `component-type:*`: a WIT world encoded as a component, kept as bytes
   * (decode them with `decodeComponent`).
   */
  | { readonly kind: 'component-type'; readonly name: string; readonly data: Uint8Array }
  /** `wit-component-encoding`: a format version and a string encoding byte. */
  | { readonly kind: 'wit-component-encoding'; readonly name: 'wit-component-encoding'; readonly version: number; readonly encoding: number }
  /** `package-docs`: a format version and JSON text. */
  | { readonly kind: 'package-docs'; readonly name: 'package-docs'; readonly version: number; readonly json: string }
  /** Any other custom section, or a known one whose contents do not parse. */
  | { readonly kind: 'unknown'; readonly name: string; readonly data: Uint8Array };
