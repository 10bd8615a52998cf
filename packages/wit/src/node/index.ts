/**
 * `@weld/wit/node`: WIT read from the file system, on Node. The core
 * (`@weld/wit`) takes files already read and runs anywhere.
 */
import { loadWitFiles } from '../load.js';
import type { LoadOptions, LoadedWit, WitEntry } from '../load.js';
import { readWitEntry, readWitInput } from './read.js';

export { readWitEntry, readWitInput } from './read.js';

/** {@link LoadOptions} with the fallback naming a path instead of files. */
export interface LoadPathOptions extends Omit<LoadOptions, 'fallback'> {
  /**
   * Where a package lives that is used but that neither the path nor its
   * `deps/` define: a `.wit` file or package folder for `name`
   * (`ns:pkg@version`, exactly as used), or undefined. What it points at is
   * taken only if it defines exactly that package, so no other version ever
   * stands in. `weld build` points it at jco's copies of WASI.
   */
  readonly fallback?: (name: string) => string | undefined;
}

/**
 * Loads a `.wit` file, a WIT package encoded as wasm, or a folder of `.wit`
 * files with an optional `deps/` folder, like `wasm-tools component wit
 * PATH`. Errors are `WitError`s with their location filled in.
 */
export async function loadWit(path: string, options: LoadPathOptions = {}): Promise<LoadedWit> {
  const { fallback, ...rest } = options;
  if (fallback === undefined) return loadWitFiles(readWitInput(path), rest);
  const fromPath = (name: string): WitEntry | undefined => {
    const found = fallback(name);
    return found === undefined ? undefined : readWitEntry(found);
  };
  return loadWitFiles(readWitInput(path), { ...rest, fallback: fromPath });
}
