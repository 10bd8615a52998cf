/**
 * Where the packages a WIT tree uses come from. The loader asks a chain of
 * {@link PackageResolver}s: first every package they bring along unasked (a
 * `deps/` folder, as wit-parser's `Resolve::push_dir` reads it), then, by
 * name, each package still used but defined nowhere. The file-system
 * resolver is `@weld/wit/node`'s `FileSystemResolver` (node/fs-resolver.ts);
 * in a browser, a resolver over files in memory takes its place; a registry
 * resolver answers by name only, and may answer asynchronously.
 */
import type { PackageName } from './model.js';

/** A WIT package encoded as a component, as a file holds it. */
export type EncodedPackage =
  | { readonly kind: 'binary'; readonly bytes: Uint8Array }
  | { readonly kind: 'text'; readonly text: string };

/** One WIT source file: the name diagnostics give it, and its text. */
export interface WitFile {
  readonly path: string;
  readonly text: string;
}

/**
 * What a package is made of: WIT source files (one package, plus the
 * packages nested in them), or a package encoded as a component.
 */
export type PackageSource =
  | { readonly kind: 'wit'; readonly files: readonly WitFile[] }
  | {
      readonly kind: 'encoded';
      /** The name diagnostics give it (a file's path). */
      readonly path: string;
      readonly encoded: EncodedPackage;
    };

/**
 * Where a package came from, for diagnostics and lockfiles: a `.wit`,
 * `.wasm` or `.wat` file, a folder of `.wit` files, or a registry.
 */
export type PackageOrigin =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'folder'; readonly path: string }
  /** A registry package: `path` is the OCI reference it was read from, `digest` its content's. */
  | { readonly kind: 'registry'; readonly path: string; readonly digest: string };

/** A package a resolver found: what it is made of and where it came from. */
export interface ResolvedPackage {
  readonly source: PackageSource;
  readonly origin: PackageOrigin;
}

/** A value, or a promise of it: resolvers may answer synchronously or not. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * A source of WIT packages by name.
 *
 * The loader takes what a resolver finds by name only if it defines exactly
 * the package asked for (WIT text whose main package has that name, or an
 * encoded package of that name), so no other version ever stands in; what
 * does not fit is passed over and the next resolver of the chain is asked.
 */
export interface PackageResolver {
  /**
   * Every package this resolver brings along whether it is used or not, in
   * the order they join the resolve (a `deps/` folder: all its entries, by
   * name). Read lazily: an entry is read only once the loader is done with
   * the ones before it, so the first bad one is the one reported. A resolver
   * that lists its packages has given all it has and is not asked by name;
   * one without this method (a registry) brings nothing unasked.
   */
  packages?(): Iterable<ResolvedPackage> | AsyncIterable<ResolvedPackage>;
  /**
   * The package `name` (its `version` exact, or none), or undefined when this
   * resolver has no such package. Throws a `WitError` for a package it
   * finds but cannot read.
   */
  resolve(name: PackageName): MaybePromise<ResolvedPackage | undefined>;
}
