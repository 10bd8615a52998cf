/** Aliases: of instance exports, core instance exports, and outer items. */
import type { CoreSort } from './core.js';
import type { Sort } from './externs.js';

/** The sorts an outer alias may refer to. */
export type OuterAliasSort = 'module' | 'core-type' | 'type' | 'component';

/** An entry of an alias section. */
export type Alias =
  /** `(alias export $instance "name" (sort))`. */
  | { readonly kind: 'instance-export'; readonly sort: Sort; readonly instance: number; readonly name: string }
  /** `(alias core export $core-instance "name" (core sort))`. */
  | { readonly kind: 'core-instance-export'; readonly sort: CoreSort; readonly instance: number; readonly name: string }
  /** `(alias outer count index (sort))`. */
  | { readonly kind: 'outer'; readonly sort: OuterAliasSort; readonly count: number; readonly index: number };
