/**
 * @weld/oci: WebAssembly components as OCI artifacts. Two forms (the CNCF
 * Wasm artifact and a Docker/runwasi image), the OCI image layout on disk,
 * and a registry client (distribution spec 1.1) to push and pull them.
 */
export * as mediaTypes from './media-types.js';
export type * from './model.js';
export { OciError } from './errors.js';
export type { OciErrorKind } from './errors.js';
export { sha256, isDigest, parseDigest, verifyBytes, writeVerified, readVerified } from './digest.js';
export type { OnBytes } from './digest.js';
export { binaryFacts } from './wasm-config.js';
export type { BinaryFacts } from './wasm-config.js';
export { createdOf } from './package-options.js';
export type { PackageOptions } from './package-options.js';
export { wasmArtifact, manifestAnnotations } from './wasm-artifact.js';
export { dockerImage, dockerWasmPlatform } from './docker-image.js';
export type { DockerLayer } from './docker-image.js';
export { parseManifest, childrenOf } from './manifest.js';
export { writeLayout, layoutTar, openLayout, isLayout, selectRoot, readImage, addToIndex, blobPath } from './layout.js';
export type { Layout } from './layout.js';
export { packTar, readTar } from './tar.js';
export { parseReference, looksLikeReference, formatReference, manifestReference, isLoopback } from './reference.js';
export type { Reference } from './reference.js';
export { parseChallenges } from './auth/challenge.js';
export type { Challenge } from './auth/challenge.js';
export { anonymous, staticCredentials, dockerCredentials, dockerConfigPath, helperCredentials } from './auth/credentials.js';
export type { Credentials, CredentialSource } from './auth/credentials.js';
export { RegistryClient, fallbackTag, pullScope, pushScope } from './registry-client.js';
export type { RegistryClientOptions, BlobOutcome, FetchedManifest } from './registry-client.js';
export { defaultRetryPolicy, defaultLimits } from './http.js';
export type { RetryPolicy, TransferLimits } from './http.js';
export { fileArtifact, withSubject, defaultFileLayer } from './attach.js';
export type { ArtifactFile, FileArtifactOptions } from './attach.js';
export { pushImage } from './push.js';
export type { PushOptions, PushResult } from './push.js';
export { pullToLayout, pullWasm, locateWasm, layerTitle, readJsonBlob, parseJsonBlob, maxJsonBlobBytes } from './pull.js';
export type { PullResult, WasmLocation } from './pull.js';
export { registrySource, layoutSource, readBlob } from './source.js';
export type { ImageSource } from './source.js';
export { describeImage } from './describe.js';
export type { DescribedImage, ImageDescription } from './describe.js';
export type { TransferEvent, OnTransfer } from './progress.js';
