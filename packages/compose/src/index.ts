/**
 * `@weld/compose`: composition of WebAssembly components. The composition
 * graph is the public model; `plug`, `plugExplicit` and the explicit builder make one,
 * `encodeComposition` turns it into a component.
 */
export * from './api.js';
export { plug } from './plug.js';
export { plugExplicit } from './plug-explicit.js';
export { CompositionBuilder, bindingsOf, labelOf } from './graph/builder.js';
export type { BuildOptions, DefinitionOptions, ImportType } from './graph/builder.js';
export { interfaceByName } from './graph/wit-definition.js';
export type { WitImportType } from './graph/wit-definition.js';
export { isPackageName, packageKeyText, parsePackageKey } from './graph/package-key.js';
export type { PackageKey } from './graph/package-key.js';
export { loadDefinition } from './graph/definition.js';
export { displayName } from './graph/names.js';
export { encodeComposition } from './encode/component.js';
export type { EncodeOptions } from './encode/component.js';
export {
  compareVersions, compatibilityTrack, highestVersion, mergeKey, namesCompatible, parseVersion, semverCompatible,
  splitVersionedName, unversioned,
} from './semver.js';
export type { Version, VersionedName } from './semver.js';
export { checkPolicy, enforcePolicy, globMatches, policyError, policyPatternMatches } from './policy.js';
export type { CapabilityPolicy, PolicyViolation } from './policy.js';
export { provenanceOf, withProvenance } from './provenance.js';
export { composeConfigSchema, composeFromConfig, parseComposeConfig } from './config.js';
export type {
  ComponentLoader, ComposeConfig, ConfigArgument, ConfigComponent, ConfigExport, ConfigInstance, ConfigPosition, ConfigSource,
} from './config.js';
