/**
 * WIT packages on the file system, read the way wit-parser's
 * `resolve/fs.rs` reads them: a file is WIT text or a WIT package encoded as
 * a component (binary, or WAT text); a folder is a package made of its
 * `*.wit` files; a `deps/` folder holds packages, one an entry, whatever the
 * entry's name (`deps/NAME/`, `deps/NAME-VERSION/` as wkg writes them,
 * `deps/NAME.wit`, `.wasm`, `.wat`). Reading only: parsing and decoding are
 * the loader's.
 */
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { WitError } from './errors.js';
import type { PackageName } from './model.js';
import { packageNameString } from './model.js';
import type { PackageResolver, ResolvedPackage, WitFile } from './resolver.js';

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
      if (isFolder(entry, path)) yield readFolder(path);
      else if (packageFile.test(entry.name)) yield readFile(path);
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
  return isDirectory(path) ? readFolder(path) : readFile(path);
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

/** A package folder: its `*.wit` files (a folder has no `deps/` of its own). */
function readFolder(dir: string): ResolvedPackage {
  const files: WitFile[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.name.endsWith('.wit')) continue;
    const path = joinPath(dir, entry.name);
    if (isFolder(entry, path)) continue;
    files.push({ path, text: decodeText(readBytes(path), path) });
  }
  return { source: { kind: 'wit', files }, origin: { kind: 'folder', path: dir } };
}

/** A file: WIT text, or a WIT package encoded as a component (binary or WAT). */
function readFile(path: string): ResolvedPackage {
  const origin = { kind: 'file', path } as const;
  const bytes = readBytes(path);
  if (bytes[0] === 0x00 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d) {
    return { source: { kind: 'encoded', path, encoded: { kind: 'binary', bytes } }, origin };
  }
  const text = decodeText(bytes, path);
  if (looksLikeWat(text)) return { source: { kind: 'encoded', path, encoded: { kind: 'text', text } }, origin };
  return { source: { kind: 'wit', files: [{ path, text }] }, origin };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Whether text is WAT, by wat's `Detect` rule: the first token after
 * whitespace and comments (`;; …`, nestable `(; … ;)`) is `(`.
 */
function looksLikeWat(text: string): boolean {
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
    else if (text.startsWith(';;', i)) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end + 1;
    } else if (text.startsWith('(;', i)) {
      let depth = 0;
      do {
        if (text.startsWith('(;', i)) depth++, (i += 2);
        else if (text.startsWith(';)', i)) depth--, (i += 2);
        else if (i < text.length) i++;
        else return false;
      } while (depth > 0);
    } else return c === '(';
  }
  return false;
}

function readBytes(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch {
    throw new WitError('io', `failed to read path for WIT [${path}]`);
  }
}

function decodeText(bytes: Uint8Array, path: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new WitError('io', `input file is not valid utf-8 [${path}]`);
  }
}
