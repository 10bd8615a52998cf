/**
 * Reading WIT input from the file system the way wit-parser's
 * `resolve/fs.rs` does: a path is a file, or a package folder of `*.wit`
 * files with every entry of its `deps/` folder a dependency, whatever the
 * entry's name (`deps/NAME/`, `deps/NAME-VERSION/` as wkg writes them,
 * `deps/NAME.wit`, `.wasm`, `.wat`). What the bytes mean is the core's
 * business (`../load.ts`).
 *
 * Files are read synchronously: WIT trees are a few small files, and one
 * blocking read each beats a round trip through the thread pool (see
 * bench/wit).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { WitError } from '../errors.js';
import type { WitEntry, WitFile, WitFolder, WitInput } from '../load.js';

/** The file or package folder at `path`, with a folder's `deps/` entries read lazily. */
export function readWitInput(path: string): WitInput {
  if (!isDirectory(path)) return readFile(path);
  return { ...readFolder(path), deps: readDeps(joinPath(path, 'deps')) };
}

/** The file or package folder at `path` (a folder's `deps/` left out). */
export function readWitEntry(path: string): WitEntry {
  return isDirectory(path) ? readFolder(path) : readFile(path);
}

// Paths are joined as Rust's `Path::join` does, without normalising, so
// diagnostics name files the way the reference names them.
function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    throw new WitError('io', `failed to read path for WIT [${path}]: no such file or directory`);
  }
}

function readFile(path: string): WitFile {
  try {
    return { kind: 'file', path, bytes: readFileSync(path) };
  } catch {
    throw new WitError('io', `failed to read path for WIT [${path}]`);
  }
}

/** A package folder: its `*.wit` files (a folder has no `deps/` of its own). */
function readFolder(dir: string): WitFolder {
  const files: WitFile[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.name.endsWith('.wit')) continue;
    const path = joinPath(dir, entry.name);
    if (entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(path))) continue;
    files.push(readFile(path));
  }
  return { kind: 'folder', path: dir, files };
}

/**
 * Every entry of a `deps/` folder, sorted by name; a missing folder has
 * none. Lazily, so an entry is read only once the ones before it are done
 * with, and the first bad entry is the one reported, as by the reference.
 */
function* readDeps(dir: string): Generator<WitEntry> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = joinPath(dir, entry.name);
    if (entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(path))) yield readFolder(path);
    else if (/\.(wit|wat|wasm)$/.test(entry.name)) yield readFile(path);
  }
}
