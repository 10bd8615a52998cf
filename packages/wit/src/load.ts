/**
 * Reading WIT from the file system the way `wasm-tools component wit PATH`
 * does: a file is one package (plus nested ones); a folder is a package made
 * of its `*.wit` files, with every entry of its `deps/` folder a dependency.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { PackageFile } from './ast.js';
import { WitError } from './errors.js';
import type { PackageId, Resolve } from './model.js';
import { parsePackageFile } from './parse.js';
import { printOrder } from './print.js';
import { resolvePackage } from './resolve-package.js';
import { pushPackages } from './resolve.js';
import { SourceMap } from './source-map.js';
import type { UnresolvedPackage } from './unresolved.js';

/** Which `@unstable` features are enabled. */
export interface LoadOptions {
  readonly features?: readonly string[];
  readonly allFeatures?: boolean;
}

/** A resolve with the package(s) the path itself defines (deps excluded). */
export interface LoadedWit {
  readonly resolve: Resolve;
  /** The package the path itself declares (for a folder, not one of its `deps/`). */
  readonly main: PackageId;
  /**
   * The main package first, then every other package of the resolve in id
   * order: what `wasm-tools component wit PATH` prints, in its order.
   */
  readonly packages: readonly PackageId[];
}

/** The packages parsed from one file or folder: nested ones first, the main one last. */
interface PackageGroup {
  readonly nested: readonly UnresolvedPackage[];
  readonly main: UnresolvedPackage;
}

/** An empty resolve with the given features enabled. */
export function emptyResolve(options: LoadOptions = {}): Resolve {
  return {
    worlds: [], interfaces: [], types: [], packages: [], packageNames: new Map(),
    features: new Set(options.features ?? []), allFeatures: options.allFeatures ?? false, featuresSeen: new Set(), sourceMap: new SourceMap(),
  };
}

/**
 * Loads a `.wit` file, or a folder of `.wit` files with an optional `deps/`
 * folder, like `wasm-tools component wit PATH`. Errors are `WitError`s with
 * their location filled in. Files are read synchronously: WIT trees are a
 * few small files, and one blocking read each beats a round trip through the
 * thread pool (see bench/wit).
 */
export async function loadWit(path: string, options: LoadOptions = {}): Promise<LoadedWit> {
  return loadWitSync(path, options);
}

/** {@link loadWit} without the promise. */
export function loadWitSync(path: string, options: LoadOptions = {}): LoadedWit {
  const resolve = emptyResolve(options);
  try {
    const isDir = isDirectory(path);
    const main = isDir ? parseDir(resolve.sourceMap, path) : parseFile(resolve.sourceMap, path);
    const deps = isDir ? parseDeps(resolve.sourceMap, joinPath(path, 'deps')) : [];
    const all = [main, ...deps].flatMap((g) => [...g.nested, g.main]);
    const ids = pushPackages(resolve, all);
    return loaded(resolve, ids[main.nested.length]!);
  } catch (error) {
    throw locate(error, resolve.sourceMap);
  }
}

/** Resolves WIT given as text, as if read from a file at `path`. */
export function loadWitText(path: string, text: string, options: LoadOptions = {}): LoadedWit {
  const resolve = emptyResolve(options);
  try {
    const group = parseGroup(resolve.sourceMap, [{ path, text }]);
    const ids = pushPackages(resolve, [...group.nested, group.main]);
    return loaded(resolve, ids[group.nested.length]!);
  } catch (error) {
    throw locate(error, resolve.sourceMap);
  }
}

function loaded(resolve: Resolve, main: PackageId): LoadedWit {
  return { resolve, main, packages: printOrder(resolve, main) };
}

function locate(error: unknown, sourceMap: SourceMap): unknown {
  if (error instanceof WitError && error.span && !error.location) error.location = sourceMap.locate(error.span);
  return error;
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

const utf8 = new TextDecoder('utf-8', { fatal: true });

function readText(path: string): string {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new WitError('io', `failed to read path for WIT [${path}]`);
  }
  if (bytes[0] === 0x00 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d) {
    throw new WitError('io', `WIT packages encoded as wasm are not read yet [${path}]`);
  }
  try {
    return utf8.decode(bytes);
  } catch {
    throw new WitError('io', `input file is not valid utf-8 [${path}]`);
  }
}

function parseGroup(sourceMap: SourceMap, files: readonly { path: string; text: string }[]): PackageGroup {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const nested: UnresolvedPackage[] = [];
  const mainFiles: PackageFile[] = [];
  for (const { path, text } of sorted) {
    const file = parsePackageFile(text, sourceMap.push(path, text));
    for (const item of file.items) {
      if (item.kind === 'package') nested.push(resolvePackage([item.package]));
    }
    mainFiles.push({ ...file, items: file.items.filter((i) => i.kind !== 'package') });
  }
  return { nested, main: resolvePackage(mainFiles) };
}

function parseFile(sourceMap: SourceMap, path: string): PackageGroup {
  return parseGroup(sourceMap, [{ path, text: readText(path) }]);
}

function parseDir(sourceMap: SourceMap, dir: string): PackageGroup {
  const entries = readdirSync(dir, { withFileTypes: true });
  const files: { path: string; text: string }[] = [];
  for (const entry of entries) {
    if (!entry.name.endsWith('.wit')) continue;
    const path = joinPath(dir, entry.name);
    if (entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(path))) continue;
    files.push({ path, text: readText(path) });
  }
  return parseGroup(sourceMap, files);
}

function parseDeps(sourceMap: SourceMap, dir: string): PackageGroup[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const groups: PackageGroup[] = [];
  for (const entry of entries) {
    const path = joinPath(dir, entry.name);
    if (entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(path))) {
      groups.push(parseDir(sourceMap, path));
    } else if (/\.(wit|wat|wasm)$/.test(entry.name)) {
      groups.push(parseFile(sourceMap, path));
    }
  }
  return groups;
}
