/**
 * @weld/oci: WebAssembly components as OCI artifacts. The CNCF Wasm
 * artifact, manifests, references, and a registry client (distribution spec
 * 1.1) over `fetch` to push and pull them: all of it runs in a page as on
 * Node. `@weld/oci/node` adds what needs Node: the image layout on disk,
 * pulls into files, tar (the Docker/runwasi form) and Docker's credentials.
 */
export * as mediaTypes from './media-types.js';
export type * from './model.js';
export { OciError } from './errors.js';
export type { OciErrorKind } from './errors.js';
export { sha256, isDigest, parseDigest, verifyBytes, readVerified } from './digest.js';
export type { ByteSource, OnBytes } from './digest.js';
export { binaryFacts } from './wasm-config.js';
export type { BinaryFacts } from './wasm-config.js';
export { createdOf } from './package-options.js';
export type { PackageOptions } from './package-options.js';
export type { Environment } from './runtime.js';
export { wasmArtifact, streamedWasmArtifact, manifestAnnotations } from './wasm-artifact.js';
export { bytesSource, readSource } from './blob-source.js';
export type { StreamedBlob } from './blobs.js';
export { dockerWasmPlatform } from './platform.js';
export { parseManifest, childrenOf } from './manifest.js';
export { parseReference, looksLikeReference, formatReference, manifestReference, isLoopback } from './reference.js';
export type { Reference } from './reference.js';
export { parseChallenges } from './auth/challenge.js';
export type { Challenge } from './auth/challenge.js';
export { anonymous, staticCredentials } from './auth/credentials.js';
export type { Credentials, CredentialSource } from './auth/credentials.js';
export { trustedRealmHosts } from './auth/realm.js';
export { RegistryClient, fallbackTag, pullScope, pushScope, defaultChunkSize, defaultChunkThreshold } from './registry-client.js';
export type { RegistryClientOptions, BlobOutcome, FetchedManifest } from './registry-client.js';
export { defaultRetryPolicy, defaultLimits } from './http.js';
export type { BodySource, Fetch, FetchInit, RetryPolicy, TransferLimits } from './http.js';
export { fileArtifact, withSubject, defaultFileLayer } from './attach.js';
export type { ArtifactFile, FileArtifactOptions } from './attach.js';
export { pushImage } from './push.js';
export type { PushOptions, PushResult } from './push.js';
export { locateWasm, layerTitle, readJsonBlob, parseJsonBlob, maxJsonBlobBytes } from './locate.js';
export type { WasmLocation } from './locate.js';
export { registrySource, readBlob } from './source.js';
export type { ImageSource } from './source.js';
export { describeImage } from './describe.js';
export type { DescribedImage, ImageDescription } from './describe.js';
export type { TransferEvent, OnTransfer } from './progress.js';
