/**
 * A component's WIT as one source string. jco's `componentEmbed` and
 * componentize-js run wasm-tools under preview2-shim, which grants no
 * filesystem, so they take WIT as text, not as a path. The text is the WIT
 * loaded as every weld command loads it (`loadWit` of @weld/wit/node: the folder's
 * files and every entry of its `deps/`, whatever the entry is called, WIT
 * packages encoded as `.wasm` or `.wat` included) and
 * printed as `weld wit` prints it: the main package, then every other package
 * as a nested `package ns:name@version { … }` block.
 *
 * A WASI package that the WIT uses but does not bring along is taken from
 * jco's own copy (`lib/wit/builtin/VERSION/wasi-NAME/package.wit`), by a
 * package resolver asked after the `deps/` folder, and only for exactly the
 * version used: no other version ever stands in.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printWit, WitError, type PackageResolver } from '@weld/wit';
import { FileSystemResolver, loadWit } from '@weld/wit/node';
import { BuildError } from './errors.js';
import { decodeWitWasm } from './wit-wasm.js';

/** The folder of the installed `@bytecodealliance/jco` package. */
export function jcoDir(): string {
  // dist/api.js → the package folder.
  return dirname(dirname(fileURLToPath(import.meta.resolve('@bytecodealliance/jco'))));
}

/**
 * jco's copies of WASI: `lib/wit/builtin/VERSION/` is laid out as a `deps/`
 * folder (`wasi-NAME/package.wit`), one for each version jco carries.
 */
const jcoWasi: PackageResolver = {
  resolve: (name) =>
    name.namespace === 'wasi' && name.version !== undefined
      ? new FileSystemResolver(join(jcoDir(), 'lib', 'wit', 'builtin', name.version)).resolve(name)
      : undefined,
};

/**
 * The WIT at `wit` (a `.wit` file, or a folder with an optional `deps/`) as
 * one source string, every package it needs included.
 */
export async function bundleWit(wit: string): Promise<string> {
  if (!existsSync(wit)) throw new BuildError('wit', `${wit}: no such file or folder`);
  try {
    const loaded = await loadWit(wit, { decodeWasm: decodeWitWasm, resolvers: [jcoWasi] });
    return printWit(loaded.resolve, loaded.packages);
  } catch (error) {
    if (!(error instanceof WitError)) throw error;
    const at = error.location;
    const details = at === undefined ? [] : [`--> ${at.path}:${at.line}:${at.column}`, at.lineText.trim()];
    throw new BuildError('wit', `the WIT at ${wit} does not resolve: ${error.message}`, details, undefined, error.toDiagnostic().location);
  }
}
