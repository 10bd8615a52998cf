/**
 * WIT packages on the file system, read the way wit-parser's
 * `resolve/fs.rs` reads them: a file is WIT text or a WIT package encoded as
 * a component (binary, or WAT text); a folder is a package made of its
 * `*.wit` files; a `deps/` folder holds packages, one an entry, whatever the
 * entry's name (`deps/NAME/`, `deps/NAME-VERSION/` as wkg writes them,
 * `deps/NAME.wit`, `.wasm`, `.wat`). Reading only: parsing and decoding are
 * the loader's, and telling the bytes apart the core's (`../source.ts`).
 *
 * Files are read synchronously: WIT trees are a few small files, and one
 * blocking read each beats a round trip through the thread pool (see
 * bench/wit).
 */
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { WitError } from '../errors.js';
import type { PackageName } from '../model.js';
import { packageNameString } from '../model.js';
import type { PackageResolver, ResolvedPackage } from '../resolver.js';
import { packageSource, type FileBytes, type WitInput } from '../source.js';

/**
 * The packages of a `deps/` folder. {@link packages} lists every entry, as
 * `Resolve::push_dir` takes them all; {@link resolve} finds one by the
 * entry's name, for callers that want a single package.
 */
export class FileSystemResolver implements PackageResolver {
  readonly #dir: string;
  /** The folder's entries, sorted by name, read once: a resolver lasts one load. */
  #sorted: Dirent[] | undefined;

  /** `dir` is the `deps/` folder; a missing folder holds no packages. */
  constructor(dir: string) {
    this.#dir = dir;
  }

  /** Every entry (a folder, or a `.wit`, `.wat` or `.wasm` file), sorted by name; other files are passed over. */
  *packages(): Generator<ResolvedPackage> {
    for (const entry of this.#entries()) {
      const path = joinPath(this.#dir, entry.name);
      if (isFolder(entry, path)) yield resolved({ kind: 'folder', path, files: folderFiles(path) });
      else if (packageFile.test(entry.name)) yield resolved({ kind: 'file', path, bytes: readBytes(path) });
    }
  }

  /**
   * The entry named for `name`: `NS-NAME-VERSION` (as wkg names them),
   * `NAME-VERSION`, `NS-NAME` or `NAME`, as a folder or a `.wit`, `.wat` or
   * `.wasm` file, the first of these forms that some entry has. What the
   * entry defines is for the loader to check. Two entries of the same form
   * (`NAME/` and `NAME.wit`) are an error: neither is the one.
   */
  resolve(name: PackageName): ResolvedPackage | undefined {
    const forms = entryNames(name);
    let best: { readonly rank: number; readonly entries: Dirent[] } | undefined;
    for (const entry of this.#entries()) {
      const path = joinPath(this.#dir, entry.name);
      const folder = isFolder(entry, path);
      if (!folder && !packageFile.test(entry.name)) continue;
      const rank = forms.indexOf(folder ? entry.name : entry.name.replace(packageFile, ''));
      if (rank === -1 || (best !== undefined && rank > best.rank)) continue;
      if (best === undefined || rank < best.rank) best = { rank, entries: [entry] };
      else best.entries.push(entry);
    }
    if (best === undefined) return undefined;
    const paths = best.entries.map((e) => joinPath(this.#dir, e.name));
    if (paths.length > 1) {
      throw new WitError('resolve', `package \`${packageNameString(name)}\` has more than one entry in ${this.#dir}: ${paths.join(', ')}`);
    }
    return readPackageAt(paths[0]!);
  }

  #entries(): Dirent[] {
    if (this.#sorted === undefined) {
      try {
        this.#sorted = readdirSync(this.#dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch {
        this.#sorted = [];
      }
    }
    return this.#sorted;
  }
}

/** The entry names a package may have in a `deps/` folder, most specific first. */
function entryNames({ namespace, name, version }: PackageName): string[] {
  const versioned = version === undefined ? [] : [`${namespace}-${name}-${version}`, `${name}-${version}`];
  return [...versioned, `${namespace}-${name}`, name];
}

const packageFile = /\.(wit|wat|wasm)$/;

/**
 * The package at `path`: a folder of `*.wit` files, or a file (WIT text, or
 * a package encoded as a component, whatever its extension).
 */
export function readPackageAt(path: string): ResolvedPackage {
  return resolved(readWitInput(path));
}

/** A package as read, told apart by the core, with where it came from. */
function resolved(input: WitInput): ResolvedPackage {
  return { source: packageSource(input), origin: { kind: input.kind, path: input.path } };
}

/**
 * Joins as Rust's `Path::join` does, without normalising, so diagnostics
 * name files the way the reference names them.
 */
export function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

function isFolder(entry: Dirent, path: string): boolean {
  return entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(path));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    throw new WitError('io', `failed to read path for WIT [${path}]: no such file or directory`);
  }
}

/**
 * The file or package folder at `path`, as read (a folder's `*.wit` files
 * read one at a time as the loader takes them; its `deps/` left out).
 */
export function readWitInput(path: string): WitInput {
  return isDirectory(path) ? { kind: 'folder', path, files: folderFiles(path) } : { kind: 'file', path, bytes: readBytes(path) };
}

/** A package folder's `*.wit` files (a folder has no `deps/` of its own). */
function* folderFiles(dir: string): Generator<FileBytes> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.name.endsWith('.wit')) continue;
    const path = joinPath(dir, entry.name);
    if (isFolder(entry, path)) continue;
    yield { path, bytes: readBytes(path) };
  }
}

function readBytes(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch {
    throw new WitError('io', `failed to read path for WIT [${path}]`);
  }
}
