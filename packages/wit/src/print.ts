import type { PackageId, Resolve } from './model.js';

/** Prints packages as canonical WIT text, the way `wasm-tools component wit` does. */
export function printWit(resolve: Resolve, packages: readonly PackageId[]): string {
  throw new Error(`printWit(${resolve.packages.length}, ${packages.join()}) is being written`);
}
