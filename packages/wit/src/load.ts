/**
 * Loading WIT input the way `wasm-tools component wit PATH` does
 * (wit-parser's `resolve/fs.rs`), from files already read: a file is one
 * package (plus nested ones) or a WIT package encoded as a component, in
 * binary or WAT text; a folder is a package made of its `*.wit` files, with
 * every entry of its `deps/` folder a dependency. Reading the file system is
 * `@weld/wit/node`'s business (`node/read.ts`), so this module runs anywhere.
 *
 * Decoding a component is not this package's business (the codec,
 * `@weld/component`, depends on this one): callers that read encoded
 * packages pass a {@link WasmDecoder}.
 */
import type { PackageFile } from './ast.js';
import { WitError } from './errors.js';
import { mergeResolve } from './merge.js';
import type { PackageId, Resolve } from './model.js';
import { packageNameString } from './model.js';
import { parsePackageFile } from './parse.js';
import { printOrder } from './print.js';
import { resolvePackage } from './resolve-package.js';
import { pushPackages } from './resolve.js';
import { SourceMap } from './source-map.js';
import type { UnresolvedPackage } from './unresolved.js';

/**
 * One file as read: WIT text, or a WIT package encoded as a component
 * (binary, or WAT text), told apart by its bytes. `path` names it in
 * diagnostics.
 */
export interface WitFile {
  readonly kind: 'file';
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** A package folder as read: its `*.wit` files, all WIT text (a folder in `deps/` has no `deps/` of its own). */
export interface WitFolder {
  readonly kind: 'folder';
  readonly path: string;
  readonly files: readonly { readonly path: string; readonly bytes: Uint8Array }[];
}

/** An entry of a `deps/` folder, or what a {@link LoadOptions.fallback} supplies. */
export type WitEntry = WitFile | WitFolder;

/**
 * What {@link loadWitFiles} loads: one file, or a package folder with the
 * entries of its `deps/` folder, in the order they are to be read (the file
 * system loader gives them sorted by name, as the reference does). `deps`
 * is read lazily, one entry after the one before it is done with, so an
 * iterable that reads as it goes reports the first bad entry, as the
 * reference does.
 */
export type WitInput = WitFile | (WitFolder & { readonly deps?: Iterable<WitEntry> });

/** A WIT package encoded as a component, as a file holds it. */
export type EncodedPackage =
  | { readonly kind: 'binary'; readonly bytes: Uint8Array }
  | { readonly kind: 'text'; readonly text: string };

/** A WIT package decoded from a component: its own resolve, and its id there. */
export interface DecodedPackage {
  readonly resolve: Resolve;
  readonly package: PackageId;
}

/**
 * Decodes a WIT package encoded as a component (binary, or WAT text). It
 * throws a `WitError` for input it cannot read; a span on that error is an
 * offset range into the WAT text, and the loader locates it in the file.
 */
export type WasmDecoder = (encoded: EncodedPackage) => DecodedPackage | Promise<DecodedPackage>;

/** Which `@unstable` features are enabled, and how to read what WIT text cannot say. */
export interface LoadOptions {
  readonly features?: readonly string[];
  readonly allFeatures?: boolean;
  /** Reads `.wasm`/`.wat` packages (in `deps/`, or the input itself); without it they are refused. */
  readonly decodeWasm?: WasmDecoder;
  /**
   * Supplies a package that is used but defined neither by the input nor by
   * its `deps/`: a WIT file or package folder for `name` (`ns:pkg@version`,
   * exactly as used), or undefined. It is taken only if it defines exactly that
   * package, so no other version ever stands in. Asked once per name.
   */
  readonly fallback?: (name: string) => WitEntry | undefined;
}

/** A resolve with the package(s) the input itself defines (deps excluded). */
export interface LoadedWit {
  readonly resolve: Resolve;
  /** The package the input itself declares (for a folder, not one of its `deps/`). */
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

/** What one file or folder turned out to be. */
type Entry =
  | { readonly kind: 'wit'; readonly group: PackageGroup }
  | { readonly kind: 'encoded'; readonly path: string; readonly encoded: EncodedPackage };

/** An empty resolve with the given features enabled. */
export function emptyResolve(options: LoadOptions = {}): Resolve {
  return {
    worlds: [], interfaces: [], types: [], packages: [], packageNames: new Map(),
    features: new Set(options.features ?? []), allFeatures: options.allFeatures ?? false, featuresSeen: new Set(), sourceMap: new SourceMap(),
  };
}

/**
 * Loads a `.wit` file, a WIT package encoded as wasm, or a folder of `.wit`
 * files with its `deps/`, like `wasm-tools component wit PATH` given files
 * already read. Errors are `WitError`s with their location filled in.
 */
export async function loadWitFiles(input: WitInput, options: LoadOptions = {}): Promise<LoadedWit> {
  const resolve = emptyResolve(options);
  try {
    const loader = new Loader(resolve, options);
    if (input.kind === 'file') {
      const entry = loader.fileEntry(input);
      if (entry.kind === 'encoded') return loaded(resolve, await loader.merge(entry));
      return loaded(resolve, loader.push(entry.group, []));
    }
    const main = loader.folderGroup(input);
    // As the reference does: encoded packages join the resolve as they are
    // met, WIT packages all at once afterwards, in dependency order.
    const deps: PackageGroup[] = [];
    for (const dep of input.deps ?? []) {
      const entry = dep.kind === 'file' ? loader.fileEntry(dep) : { kind: 'wit' as const, group: loader.folderGroup(dep) };
      if (entry.kind === 'wit') deps.push(entry.group);
      else await loader.merge(entry);
    }
    return loaded(resolve, loader.push(main, deps));
  } catch (error) {
    throw locate(error, resolve.sourceMap);
  }
}

/** Resolves WIT given as text, as if read from a file at `path`. */
export function loadWitText(path: string, text: string, options: LoadOptions = {}): LoadedWit {
  const resolve = emptyResolve(options);
  try {
    const loader = new Loader(resolve, options);
    return loaded(resolve, loader.push(loader.parseGroup([{ path, text }]), []));
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

function decodeText(bytes: Uint8Array, path: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new WitError('io', `input file is not valid utf-8 [${path}]`);
  }
}

/** One load: the resolve being built and how to read what it meets. */
class Loader {
  readonly #resolve: Resolve;
  readonly #options: LoadOptions;

  constructor(resolve: Resolve, options: LoadOptions) {
    this.#resolve = resolve;
    this.#options = options;
  }

  /** A file: WIT text, or a WIT package encoded as a component (binary or WAT). */
  fileEntry({ path, bytes }: WitFile): Entry {
    if (bytes[0] === 0x00 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d) {
      return { kind: 'encoded', path, encoded: { kind: 'binary', bytes } };
    }
    const text = decodeText(bytes, path);
    if (looksLikeWat(text)) return { kind: 'encoded', path, encoded: { kind: 'text', text } };
    return { kind: 'wit', group: this.parseGroup([{ path, text }]) };
  }

  /** A package folder: its `*.wit` files, all WIT text. */
  folderGroup(folder: WitFolder): PackageGroup {
    return this.parseGroup(folder.files.map(({ path, bytes }) => ({ path, text: decodeText(bytes, path) })));
  }

  /** Parses files of one package (and the packages nested in them). */
  parseGroup(files: readonly { path: string; text: string }[]): PackageGroup {
    const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const nested: UnresolvedPackage[] = [];
    const mainFiles: PackageFile[] = [];
    for (const { path, text } of sorted) {
      const file = parsePackageFile(text, this.#resolve.sourceMap.push(path, text));
      for (const item of file.items) {
        if (item.kind === 'package') nested.push(resolvePackage([item.package]));
      }
      mainFiles.push({ ...file, items: file.items.filter((i) => i.kind !== 'package') });
    }
    return { nested, main: resolvePackage(mainFiles) };
  }

  /** Decodes an encoded package and merges it into the resolve; returns its id there. */
  async merge(entry: Extract<Entry, { kind: 'encoded' }>): Promise<PackageId> {
    const decode = this.#options.decodeWasm;
    if (decode === undefined) {
      throw new WitError('io', `WIT packages encoded as wasm are not read without a decoder [${entry.path}]`);
    }
    let decoded: DecodedPackage;
    try {
      decoded = await decode(entry.encoded);
    } catch (error) {
      throw this.#inFile(error, entry);
    }
    return mergeResolve(this.#resolve, decoded.resolve).packages[decoded.package]!;
  }

  /** A decoder's error, placed in the file it came from. */
  #inFile(error: unknown, entry: Extract<Entry, { kind: 'encoded' }>): unknown {
    if (!(error instanceof WitError) || error.location !== undefined) return error;
    if (error.span === undefined || entry.encoded.kind !== 'text') {
      return new WitError(error.kind, `${error.message} [${entry.path}]`);
    }
    const base = this.#resolve.sourceMap.push(entry.path, entry.encoded.text);
    return new WitError(error.kind, error.message, { start: base + error.span.start, end: base + error.span.end });
  }

  /**
   * Adds the WIT packages (the main group's, then the deps') in dependency
   * order, with whatever the fallback supplies for packages nobody defines.
   * Returns the id of the main group's main package.
   */
  push(main: PackageGroup, deps: readonly PackageGroup[]): PackageId {
    const groups = [main, ...deps];
    if (this.#options.fallback !== undefined) groups.push(...this.#fallbackGroups(groups, this.#options.fallback));
    const ids = pushPackages(this.#resolve, groups.flatMap((g) => [...g.nested, g.main]));
    return ids[main.nested.length]!;
  }

  /** The groups the fallback supplies for used packages that neither the groups nor the resolve define, transitively. */
  #fallbackGroups(groups: readonly PackageGroup[], fallback: (name: string) => WitEntry | undefined): PackageGroup[] {
    const packagesOf = (g: PackageGroup) => [...g.nested, g.main];
    const known = new Set(this.#resolve.packageNames.keys());
    for (const pkg of groups.flatMap(packagesOf)) known.add(packageNameString(pkg.name));
    const added: PackageGroup[] = [];
    const queue = groups.flatMap(packagesOf);
    for (let i = 0; i < queue.length; i++) {
      for (const name of queue[i]!.foreignDeps.keys()) {
        if (known.has(name)) continue;
        // Asked once: what it does not supply stays missing and is reported as such.
        known.add(name);
        const entry = fallback(name);
        if (entry === undefined) continue;
        const group = this.folderGroup(entry.kind === 'folder' ? entry : { kind: 'folder', path: entry.path, files: [entry] });
        if (packageNameString(group.main.name) !== name) continue;
        for (const pkg of group.nested) known.add(packageNameString(pkg.name));
        added.push(group);
        queue.push(...packagesOf(group));
      }
    }
    return added;
  }
}
