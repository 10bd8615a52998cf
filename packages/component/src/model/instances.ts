/** Core instances and component instances. */
import type { CoreExport } from './core.js';
import type { Export, Sort } from './externs.js';

/** An argument of a core instantiation: a core instance by name. */
export interface CoreInstantiationArg {
  readonly name: string;
  /** Always `instance` today (`0x12`). */
  readonly kind: 'instance';
  readonly index: number;
}

/** An entry of a core instance section. */
export type CoreInstance =
  | { readonly kind: 'instantiate'; readonly module: number; readonly args: readonly CoreInstantiationArg[] }
  /** An instance made of core exports inline. */
  | { readonly kind: 'from-exports'; readonly exports: readonly CoreExport[] };

/** An argument of a component instantiation: the item of sort `sort` at `index`, given for the import `name`. */
export interface InstantiationArg {
  readonly name: string;
  readonly sort: Sort;
  readonly index: number;
}

/** An entry of a component instance section. */
export type ComponentInstance =
  | { readonly kind: 'instantiate'; readonly component: number; readonly args: readonly InstantiationArg[] }
  /** An instance made of exports inline (their `type` is always undefined). */
  | { readonly kind: 'from-exports'; readonly exports: readonly Export[] };
