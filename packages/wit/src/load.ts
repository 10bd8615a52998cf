/**
 * Loading WIT the way `wasm-tools component wit PATH` does (wit-parser's
 * `Resolve::push_path`), from files already read: a file is one package
 * (plus nested ones) or a WIT package encoded as a component, in binary or
 * WAT text; a folder is a package made of its `*.wit` files. Its
 * dependencies come from the {@link PackageResolver}s given: first what they
 * bring along unasked (a `deps/` folder), then, by name, what is used but
 * defined nowhere. Reading the file system is `@weld/wit/node`'s business
 * (its `loadWit` puts the path's `deps/` folder first), so this module runs
 * anywhere.
 *
 * Decoding a component is not this package's business (the codec,
 * `@weld/component`, depends on this one): callers that read encoded
 * packages pass a {@link WasmDecoder}.
 */
import type { PackageFile } from './parse/ast.js';
import { WitError } from './errors.js';
import { mergeResolve } from './resolve/merge.js';
import type { PackageId, PackageName, Resolve } from './model.js';
import { packageNameString } from './model.js';
import { parsePackageFile } from './parse/parse.js';
import { printOrder } from './print/print.js';
import { resolvePackage } from './resolve/resolve-package.js';
import { pushPackages } from './resolve/resolve.js';
import type { EncodedPackage, PackageResolver, PackageSource, WitFile } from './resolver.js';
import { SourceMap } from './source-map.js';
import { packageSource, type WitInput } from './source.js';
import type { UnresolvedPackage } from './resolve/unresolved.js';

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
  /** Reads `.wasm`/`.wat` packages (from a resolver, or the input itself); without it they are refused. */
  readonly decodeWasm?: WasmDecoder;
  /**
   * Where the input's dependencies come from, asked in order (see
   * {@link PackageResolver}). `@weld/wit/node`'s `loadWit` puts the path's
   * `deps/` folder first; `weld build` adds one for jco's copies of WASI.
   * `loadWitText` reads none.
   */
  readonly resolvers?: readonly PackageResolver[];
}

/** A resolve with the package(s) the input itself defines (deps excluded). */
export interface LoadedWit {
  readonly resolve: Resolve;
  /** The package the input itself declares (for a folder, not one of its dependencies). */
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

/** A package encoded as a component, as a resolver found it. */
type Encoded = Extract<PackageSource, { kind: 'encoded' }>;

/** An empty resolve with the given features enabled. */
export function emptyResolve(options: LoadOptions = {}): Resolve {
  return {
    worlds: [], interfaces: [], types: [], packages: [], packageNames: new Map(),
    features: new Set(options.features ?? []), allFeatures: options.allFeatures ?? false, featuresSeen: new Set(), sourceMap: new SourceMap(),
  };
}

/**
 * Loads a `.wit` file, a WIT package encoded as wasm, or a folder of `.wit`
 * files, given as read, like `wasm-tools component wit PATH`; its
 * dependencies are asked of `options.resolvers`, in order. Errors are
 * `WitError`s with their location filled in.
 */
export async function loadWitFiles(input: WitInput, options: LoadOptions = {}): Promise<LoadedWit> {
  return loadPackageSource(() => packageSource(input), options);
}

/**
 * {@link loadWitFiles} of an input already told apart (`packageSource`,
 * called inside so its errors are located like the others).
 */
export async function loadPackageSource(source: () => PackageSource, options: LoadOptions = {}): Promise<LoadedWit> {
  const resolve = emptyResolve(options);
  try {
    const loader = new Loader(resolve, options);
    const top = source();
    if (top.kind === 'encoded') return loaded(resolve, await loader.merge(top));
    const main = loader.parseGroup(top.files);
    const resolvers = options.resolvers ?? [];
    // As the reference does: encoded packages join the resolve as they are
    // met, WIT packages all at once afterwards, in dependency order.
    const deps: PackageGroup[] = [];
    for (const resolver of resolvers) {
      if (resolver.packages === undefined) continue;
      for await (const { source } of resolver.packages()) {
        if (source.kind === 'wit') deps.push(loader.parseGroup(source.files));
        else await loader.merge(source);
      }
    }
    const groups = [main, ...deps];
    for (const group of await loader.resolveMissing(groups, resolvers.filter((r) => r.packages === undefined))) groups.push(group);
    return loaded(resolve, loader.push(groups));
  } catch (error) {
    throw locate(error, resolve.sourceMap);
  }
}

/** Resolves WIT given as text, as if read from a file at `path`. */
export function loadWitText(path: string, text: string, options: LoadOptions = {}): LoadedWit {
  const resolve = emptyResolve(options);
  try {
    const loader = new Loader(resolve, options);
    return loaded(resolve, loader.push([loader.parseGroup([{ path, text }])]));
  } catch (error) {
    throw locate(error, resolve.sourceMap);
  }
}

/** A package's files in the order the loader parses them: by path. */
export function sortedByPath(files: readonly WitFile[]): WitFile[] {
  return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * The packages a WIT package's files (one folder, or one file) use from
 * outside themselves, in the order they are first named: the names its own
 * packages (the main one and the nested ones) do not define. What a
 * registry fetch asks for; wit-parser's `foreign_deps` of the group.
 */
export function usedPackages(files: readonly WitFile[]): PackageName[] {
  const resolve = emptyResolve();
  try {
    const group = new Loader(resolve, {}).parseGroup(files);
    const packages = [...group.nested, group.main];
    const own = new Set(packages.map((pkg) => packageNameString(pkg.name)));
    const used = new Map<string, PackageName>();
    for (const pkg of packages) {
      for (const [key, foreign] of pkg.foreignDeps) if (!own.has(key) && !used.has(key)) used.set(key, foreign.name);
    }
    return [...used.values()];
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

/** One load: the resolve being built and how to read what it meets. */
class Loader {
  readonly #resolve: Resolve;
  readonly #options: LoadOptions;

  constructor(resolve: Resolve, options: LoadOptions) {
    this.#resolve = resolve;
    this.#options = options;
  }

  /** Parses files of one package (and the packages nested in them). */
  parseGroup(files: readonly WitFile[]): PackageGroup {
    const sorted = sortedByPath(files);
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
  async merge(encoded: Encoded): Promise<PackageId> {
    const decoded = await this.#decode(encoded);
    return mergeResolve(this.#resolve, decoded.resolve).packages[decoded.package]!;
  }

  async #decode(encoded: Encoded): Promise<DecodedPackage> {
    const decode = this.#options.decodeWasm;
    if (decode === undefined) {
      throw new WitError('io', `WIT packages encoded as wasm are not read without a decoder [${encoded.path}]`);
    }
    try {
      return await decode(encoded.encoded);
    } catch (error) {
      throw this.#inFile(error, encoded);
    }
  }

  /** A decoder's error, placed in the file it came from. */
  #inFile(error: unknown, encoded: Encoded): unknown {
    if (!(error instanceof WitError) || error.location !== undefined) return error;
    if (error.span === undefined || encoded.encoded.kind !== 'text') {
      return new WitError(error.kind, `${error.message} [${encoded.path}]`, undefined, undefined, { hint: error.hint, labels: error.labels });
    }
    const base = this.#resolve.sourceMap.push(encoded.path, encoded.encoded.text);
    return new WitError(error.kind, error.message, { start: base + error.span.start, end: base + error.span.end }, undefined, { hint: error.hint, labels: error.labels });
  }

  /**
   * Adds the WIT packages of the groups (the main group first) in dependency
   * order. Returns the id of the first group's main package.
   */
  push(groups: readonly PackageGroup[]): PackageId {
    const ids = pushPackages(this.#resolve, groups.flatMap((g) => [...g.nested, g.main]));
    return ids[groups[0]!.nested.length]!;
  }

  /**
   * Asks the resolvers, in order, for the packages used that neither the
   * groups nor the resolve define, transitively. Encoded packages found join
   * the resolve at once; the WIT groups found are returned.
   */
  async resolveMissing(groups: readonly PackageGroup[], resolvers: readonly PackageResolver[]): Promise<PackageGroup[]> {
    if (resolvers.length === 0) return [];
    const packagesOf = (g: PackageGroup) => [...g.nested, g.main];
    const known = new Set(this.#resolve.packageNames.keys());
    for (const pkg of groups.flatMap(packagesOf)) known.add(packageNameString(pkg.name));
    const added: PackageGroup[] = [];
    const queue = groups.flatMap(packagesOf);
    for (let i = 0; i < queue.length; i++) {
      for (const [name, foreign] of queue[i]!.foreignDeps) {
        if (known.has(name)) continue;
        // Asked once: what no resolver supplies stays missing and is reported as such.
        known.add(name);
        const group = await this.#resolveOne(name, foreign.name, resolvers, known);
        if (group === undefined) continue;
        for (const pkg of group.nested) known.add(packageNameString(pkg.name));
        added.push(group);
        for (const pkg of packagesOf(group)) queue.push(pkg);
      }
    }
    return added;
  }

  /**
   * The first answer for `name` that defines exactly that package: a WIT
   * group, returned, or an encoded package, merged into the resolve with its
   * packages added to `known` (then the result is undefined, as it is when
   * no resolver has the package).
   */
  async #resolveOne(key: string, name: PackageName, resolvers: readonly PackageResolver[], known: Set<string>): Promise<PackageGroup | undefined> {
    for (const resolver of resolvers) {
      const found = await resolver.resolve(name);
      if (found === undefined) continue;
      const { source } = found;
      if (source.kind === 'wit') {
        const group = this.parseGroup(source.files);
        if (packageNameString(group.main.name) === key) return group;
        continue;
      }
      const decoded = await this.#decode(source);
      if (packageNameString(decoded.resolve.packages[decoded.package]!.name) !== key) continue;
      for (const id of mergeResolve(this.#resolve, decoded.resolve).packages) known.add(packageNameString(this.#resolve.packages[id]!.name));
      return undefined;
    }
    return undefined;
  }
}
