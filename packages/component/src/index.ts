/**
 * `@weld/component`: a decoder and an encoder for the WebAssembly component
 * binary format. `encodeComponent(decodeComponent(bytes))` gives back `bytes`.
 */
export type * from './model/index.js';
export { BinaryError } from './errors.js';
export type { BinaryErrorKind } from './errors.js';
export { BinaryReader } from './binary/reader.js';
export { BinaryWriter } from './binary/writer.js';
export { decodeComponent, isComponent } from './decode/component.js';
export { readCoreModule } from './decode/core-module.js';
export { encodeComponent } from './encode/component.js';
export type * from './types/model.js';
export { componentTypes, peelAlias, typeInfo, ComponentTypeError } from './types/index.js';
export * from './limits.js';
export type { ComponentTypeErrorKind } from './types/index.js';
export {
  componentWit, decodeWit, encodeWitPackage, externsOf, MAX_WIT_PACKAGE_DECLS, findPackageMetadata, hasComponentType, injectPackageMetadata, moduleWit, moduleWitOf,
  packageDocsSection, parsePackageMetadata, WitDecodeError, WitEncodeError, witPackageComponent,
} from './wit/index.js';
export type {
  DecodedWit, Extern, FunctionMetadata, InterfaceMetadata, PackageMetadata, TypeMetadata, WorldMetadata,
} from './wit/index.js';
export {
  inspectBinary, componentTree, moduleTree, compositionOf, compositionSectionName, compositionSource, CompositionRecordError, parseCompositionRecord,
} from './inspect/index.js';
export type {
  ComponentNode, CompositionBinding, CompositionComponent, CompositionExport, CompositionInstance, CompositionProvenance,
  CompositionRecord, CompositionSource, CustomSectionSummary, InspectReport, PackageGroup, WorldItemSummary, WorldSummary,
} from './inspect/index.js';
export { Sha256, sha256Hex } from './digest.js';
