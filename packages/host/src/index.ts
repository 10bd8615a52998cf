/**
 * `@weld/host`: runs WebAssembly components on Node through jco and
 * preview2-shim, granting only the capabilities asked for.
 *
 *     const grants = grantsFromFlags({ dir: ['data::/data'], env: ['USER=ada'] });
 *     const { exitCode } = await runCommand('app.wasm', { grants, args: ['--verbose'] });
 *     const server = await serveComponent('proxy.wasm', { grants, port: 8080 });
 */
export { HostError } from './errors.js';
export type { HostErrorKind } from './errors.js';
export { denyAll, grantsFromFlags } from './grants.js';
export type { DirGrant, GrantFlags, Grants } from './grants.js';
export { assertGranted, capabilityOf, refusals } from './capabilities.js';
export type { Capability, Refusal } from './capabilities.js';
export { entryKinds, worldNames } from './world.js';
export type { EntryKind, WorldNames } from './world.js';
export { resolveArtifact } from './artifact.js';
export type { Artifact, ComponentBytes } from './artifact-types.js';
export type { ResolveOptions } from './artifact.js';
export type { RegistryOptions } from './oci-source.js';
export { readTranspiled, transpileCached } from './transpile-cache.js';
export type { Transpiled } from './transpile-cache.js';
export { GuestExit, wasiImports } from './wasi-host.js';
export type { WasiContext } from './wasi-host.js';
export { loadShim } from './shim.js';
export type { NodeShim } from './shim.js';
export { findExport, instantiate } from './instantiate.js';
export { defaultCacheDir, prepare } from './prepare.js';
export type { Prepared, StartOptions } from './prepare.js';
export { runCommand } from './run.js';
export type { RunOptions, RunResult } from './run.js';
export { serveComponent } from './serve.js';
export type { RunningServer, ServeOptions } from './serve.js';
