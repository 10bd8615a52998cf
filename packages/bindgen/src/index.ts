/**
 * `@weld/bindgen`: TypeScript declarations from WIT, in the conventions of jco
 * and componentize-js, for a guest written in TypeScript (`mode: 'guest'`)
 * or a host of a transpiled component (`mode: 'host'`). Pure: it returns the
 * files and writes nothing.
 */
import type { PackageId, Resolve, WorldId } from '@weld/wit';
import { emitFiles, type GeneratedFile } from './emit.js';
import { guestPlans } from './guest.js';
import { hostPlans } from './host.js';
import { selectWorld } from './select-world.js';

export { BindgenError } from './errors.js';
export type { BindgenErrorKind } from './errors.js';
export type { GeneratedFile } from './emit.js';
export { selectWorld, qualifiedWorldName } from './select-world.js';
export { camelCase, pascalCase } from './naming.js';

/** What to generate from: a resolve, its main package and, for a component, its own world. */
export interface TypesInput {
  readonly resolve: Resolve;
  /** The package whose worlds `world` names are looked up in. */
  readonly package: PackageId;
  /** The world to use when none is named (a component's own world). */
  readonly world?: WorldId;
}

/** Which side the declarations are for, and which world. */
export interface TypesOptions {
  readonly mode: 'guest' | 'host';
  /** A world of the main package, or `ns:pkg/world@version`; optional when there is only one. */
  readonly world?: string;
}

/** The declaration files for one world, sorted by path; the same input gives the same bytes. */
export function generateTypes(input: TypesInput, options: TypesOptions): GeneratedFile[] {
  const world = options.world === undefined && input.world !== undefined
    ? input.world
    : selectWorld(input.resolve, input.package, options.world);
  const plans = options.mode === 'guest' ? guestPlans(input.resolve, world) : hostPlans(input.resolve, world);
  return emitFiles(plans).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
