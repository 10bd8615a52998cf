import type { PackageId, Resolve } from './model.js';

/** Which `@unstable` features are enabled. */
export interface LoadOptions {
  readonly features?: readonly string[];
  readonly allFeatures?: boolean;
}

/** A resolve with the package(s) the path itself defines (deps excluded). */
export interface LoadedWit {
  readonly resolve: Resolve;
  /** The main package of the path first, then packages nested in it. */
  readonly packages: readonly PackageId[];
}

/**
 * Loads a `.wit` file, or a folder of `.wit` files with an optional `deps/`
 * folder, like `wasm-tools component wit PATH`.
 */
export async function loadWit(path: string, options: LoadOptions = {}): Promise<LoadedWit> {
  throw new Error(`loadWit(${path}, ${JSON.stringify(options)}) is being written`);
}
