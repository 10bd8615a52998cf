/**
 * `@weld/wit`: read WIT packages from source, resolve them into arenas shaped
 * like the reference `wit-parser`, and print them as WIT text or JSON.
 */
export type * from './model.js';
export { packageNameString, qualifiedName, worldKeyName } from './model.js';
export { unreachable } from './unreachable.js';
export { interfaceDirectDeps, interfaceIdOf } from './resolve/elaborate.js';
export { isKebab } from './resolve/component-name.js';
export { depthFirst } from './resolve/walk.js';
export type { Enter } from './resolve/walk.js';
export { SourceMap } from './source-map.js';
export type { Span, SourceLocation } from './source-map.js';
export { WitError } from './errors.js';
export type { WitErrorKind, WitErrorLabel } from './errors.js';
export { emptyResolve, loadWitFiles, loadWitText, usedPackages } from './load.js';
export { checkWitFiles, parseWitRecovering } from './check.js';
export type { RecoveredWit, WitCheck } from './check.js';
/** The syntax tree of one WIT file, as `parseWitRecovering` returns it (`WitAst.PackageFile`). */
export type * as WitAst from './parse/ast.js';
export type { DecodedPackage, LoadOptions, LoadedWit, WasmDecoder } from './load.js';
export type { EncodedPackage, MaybePromise, PackageOrigin, PackageResolver, PackageSource, ResolvedPackage, WitFile } from './resolver.js';
export { packageSource } from './source.js';
export type { FileBytes, WitInput } from './source.js';
export { printOrder, printWit, printWitItem } from './print/print.js';
export type { WitItemRef } from './print/print.js';
export { resolveToJson, stabilityJson } from './print/json.js';
export type { Json } from './print/json.js';
export { SemverError, comparePrecedence, compareSemver, parseSemver } from './semver.js';
export type { Semver } from './semver.js';
export { semverCheck, semverCompatible } from './semver-check.js';
export type { PackageVersion, SemverCheckResult, SemverDifference } from './semver-check.js';
export { mergeResolve, mergeWorlds } from './resolve/merge.js';
export type { Remap } from './resolve/merge.js';
export { diagnostic } from './diagnostic.js';
export type {
  BinaryOffset, Diagnostic, DiagnosticHint, DiagnosticLabel, DiagnosticLocation, DiagnosticSeverity, GraphLocation, HasDiagnostic, LineColumn,
  SourceSpan,
} from './diagnostic.js';
export { byteOffsetToPosition, positionToByteOffset } from './lsp-position.js';
export type { LspPosition } from './lsp-position.js';
