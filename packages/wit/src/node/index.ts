/**
 * `@weld/wit/node`: WIT read from the file system, on Node. The core
 * (`@weld/wit`) takes files already read and runs anywhere; this edge reads
 * them, and its {@link FileSystemResolver} is the one `deps/` walker.
 */
import { loadWitFiles } from '../load.js';
import type { LoadOptions, LoadedWit } from '../load.js';
import { FileSystemResolver, joinPath, readWitInput } from './fs-resolver.js';

export { FileSystemResolver, readWitInput } from './fs-resolver.js';

/**
 * Loads a `.wit` file, a WIT package encoded as wasm, or a folder of `.wit`
 * files with an optional `deps/` folder, like `wasm-tools component wit
 * PATH`: a folder's `deps/` (a {@link FileSystemResolver}) is the first
 * resolver, then `options.resolvers`, in order. Errors are `WitError`s with
 * their location filled in.
 */
export async function loadWit(path: string, options: LoadOptions = {}): Promise<LoadedWit> {
  const input = readWitInput(path);
  const deps = input.kind === 'folder' ? [new FileSystemResolver(joinPath(path, 'deps'))] : [];
  return loadWitFiles(input, { ...options, resolvers: [...deps, ...(options.resolvers ?? [])] });
}
