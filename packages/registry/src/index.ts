/**
 * @weld/registry: WIT packages by name (`wasi:http@0.2.3`) from registries,
 * compatible with wkg in both directions: its `config.toml`, a registry's
 * `/.well-known/wasm-pkg/registry.json`, the name-to-OCI-reference mapping,
 * `wkg.lock`, and `deps/` as `wkg wit fetch` writes it. Content is verified
 * (digest, and the package it encodes) and cached by digest. This core
 * takes text and bytes; `@weld/registry/node` reads the config file, keeps
 * the cache on disk and fills a WIT folder's `deps/`.
 */
export type * from './model.js';
export { RegistryError } from './errors.js';
export type { RegistryErrorKind } from './errors.js';
export { builtInNamespaces, chooseRegistry, configName, parseConfig } from './config.js';
export type { RegistryChoice } from './config.js';
export { discover, metadataPath, metadataUrl, parseMetadata } from './metadata.js';
export type { Discovered } from './metadata.js';
export { chooseVersion, requirementOf, requirementText, versionTags } from './versions.js';
export { lockedVersion, lockFileName, mergeLock, parseLock, printLock } from './lock.js';
export type { LockEntry } from './lock.js';
export { PackageRegistry } from './registry.js';
export { parseProjectMetadata, parsePublishedName, publishedImage } from './publish.js';
export type { ProjectMetadata, PublishedName } from './publish.js';
export type { PackageCache, PackageLocation, PackageRegistryOptions, PublishChecks, RegistryAccess, Resolution } from './registry.js';
export { asResolvedPackage, RegistryPackageResolver } from './resolver.js';
