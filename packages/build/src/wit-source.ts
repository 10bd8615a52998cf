/**
 * A component's WIT as one source string. jco's `componentEmbed` and
 * componentize-js run wasm-tools under preview2-shim, which grants no
 * filesystem, so they take WIT as text, not as a path. The text is the WIT
 * loaded as every weld command loads it (`loadWit` of @weld/wit: the folder's
 * files and every entry of its `deps/`, whatever the entry is called, WIT
 * packages encoded as `.wasm` or `.wat` included) and
 * printed as `weld wit` prints it: the main package, then every other package
 * as a nested `package ns:name@version { … }` block.
 *
 * A WASI package that the WIT uses but does not bring along is taken from
 * jco's own copy (`lib/wit/builtin/VERSION/wasi-NAME/package.wit`), and only
 * for exactly the version used: no other version ever stands in.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printWit, WitError } from '@weld/wit';
import { loadWit } from '@weld/wit/node';
import { BuildError } from './errors.js';
import { decodeWitWasm } from './wit-wasm.js';

/** The folder of the installed `@bytecodealliance/jco` package. */
export function jcoDir(): string {
  // dist/api.js → the package folder.
  return dirname(dirname(fileURLToPath(import.meta.resolve('@bytecodealliance/jco'))));
}

/** jco's copy of the WASI package `name` (`wasi:NAME@VERSION`), if it has that exact version. */
function jcoWasi(name: string): string | undefined {
  const match = /^wasi:([a-z][a-z0-9-]*)@([0-9A-Za-z.+-]+)$/.exec(name);
  if (match === null) return undefined;
  const file = join(jcoDir(), 'lib', 'wit', 'builtin', match[2]!, `wasi-${match[1]!}`, 'package.wit');
  return existsSync(file) ? file : undefined;
}

/**
 * The WIT at `wit` (a `.wit` file, or a folder with an optional `deps/`) as
 * one source string, every package it needs included.
 */
export async function bundleWit(wit: string): Promise<string> {
  if (!existsSync(wit)) throw new BuildError('wit', `${wit}: no such file or folder`);
  try {
    const loaded = await loadWit(wit, { decodeWasm: decodeWitWasm, fallback: jcoWasi });
    return printWit(loaded.resolve, loaded.packages);
  } catch (error) {
    if (!(error instanceof WitError)) throw error;
    const at = error.location;
    const details = at === undefined ? [] : [`--> ${at.path}:${at.line}:${at.column}`, at.lineText.trim()];
    throw new BuildError('wit', `the WIT at ${wit} does not resolve: ${error.message}`, details);
  }
}
