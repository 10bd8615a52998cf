/**
 * The data of wkg's formats, as weld reads and writes them: `config.toml`
 * (wasm-pkg-common's `Config`), a registry's `registry.json`
 * (`RegistryMetadata`) and `wkg.lock` (wasm-pkg-core's `LockFile`).
 */

/** How a registry is reached over OCI: wkg's `oci` protocol config. */
export interface OciMetadata {
  /** The OCI registry host (`ghcr.io`); the wkg registry name itself when unset. */
  readonly registry?: string;
  /** Put before `ns/pkg` in the repository (`webassembly/`), as written (no `/` is added). */
  readonly namespacePrefix?: string;
}

/** A registry's metadata (`/.well-known/wasm-pkg/registry.json`, or inline in config). */
export interface RegistryMetadata {
  readonly preferredProtocol?: string;
  /** The `oci` block, with the deprecated `ociRegistry`/`ociNamespacePrefix` folded in. */
  readonly oci?: OciMetadata;
  /** Protocols the metadata configures, besides `oci` (weld speaks only OCI). */
  readonly otherProtocols: readonly string[];
}

/** A `namespace_registries` or `package_registry_overrides` value. */
export interface RegistryMapping {
  /** The wkg registry name (a URL authority: `wasi.dev`, `localhost:5000`). */
  readonly registry: string;
  /** Inline metadata: used instead of the registry's `.well-known` file. */
  readonly metadata?: RegistryMetadata;
}

/** `[registry."name".oci]`. */
export interface OciRegistryConfig {
  readonly auth?: { readonly username: string; readonly password: string };
  /** `http` or `https` (the default). */
  readonly protocol?: 'http' | 'https';
}

/** `[registry."name"]`. */
export interface RegistryConfig {
  /** `default` (or `type`): the backend; one backend configured is the default. */
  readonly backend?: string;
  readonly oci?: OciRegistryConfig;
  /** Backends configured besides `oci` (`local`, …). */
  readonly otherBackends: readonly string[];
}

/** wkg's configuration, merged from its sources. */
export interface WkgConfig {
  /** The file read, or undefined when none was (built-in defaults only). */
  readonly path: string | undefined;
  /** Where a file was looked for when there was none. */
  readonly searched?: string;
  readonly defaultRegistry?: string;
  readonly namespaceRegistries: ReadonlyMap<string, RegistryMapping>;
  readonly packageRegistryOverrides: ReadonlyMap<string, RegistryMapping>;
  /** wkg's hard-coded namespaces (`wasi` → `wasi.dev`), used last; empty when a file was named explicitly. */
  readonly fallbackNamespaceRegistries: ReadonlyMap<string, string>;
  readonly registries: ReadonlyMap<string, RegistryConfig>;
}

/** A version requirement as wkg derives it from a WIT reference: `=1.2.3` (a version written) or `*` (none). */
export type Requirement =
  | { readonly kind: 'exact'; readonly version: string }
  | { readonly kind: 'any' };

/** A `[[packages.versions]]` entry of wkg.lock. */
export interface LockedVersion {
  /** The requirement text (`=0.2.0`, `*`, or whatever wkg wrote). */
  readonly requirement: string;
  readonly version: string;
  /** The digest of the package's content (the layer), `sha256:…`. */
  readonly digest: string;
}

/** A `[[packages]]` entry of wkg.lock. */
export interface LockedPackage {
  /** `ns:pkg`. */
  readonly name: string;
  /** The wkg registry name it was resolved from, when one was. */
  readonly registry?: string;
  readonly versions: readonly LockedVersion[];
}

/** wkg.lock (version 1). */
export interface LockFile {
  readonly packages: readonly LockedPackage[];
}
