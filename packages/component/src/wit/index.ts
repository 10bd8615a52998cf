export { componentWit, externsOf } from './from-binary.js';
export { decodeWit } from './decode-wit.js';
export type { DecodedWit, Extern } from './decode-wit.js';
export { WitDecodeError, WitEncodeError } from './errors.js';
export { hasComponentType, moduleWit, moduleWitOf } from './module-wit.js';
export { findPackageMetadata, injectPackageMetadata, parsePackageMetadata } from './package-docs.js';
export type {
  FunctionMetadata, InterfaceMetadata, PackageMetadata, TypeMetadata, WorldMetadata,
} from './package-docs.js';
export { encodeWitPackage, MAX_WIT_PACKAGE_DECLS, witPackageComponent } from './encode-wit.js';
export { packageDocsSection } from './package-docs.js';
