/**
 * `@weld/oci/node`: the part of @weld/oci that needs Node. The image layout
 * on disk (a directory or a tar), pulls into a layout or a `.wasm` file
 * (verified before anything is visible), tar archives (the Docker/runwasi
 * form is a rootfs tar), and credentials from Docker's `config.json` and its
 * credential helpers. The core (`@weld/oci`) is the rest and runs anywhere.
 */
export { writeVerified } from './write-verified.js';
export { fileBlob } from './file-blob.js';
export { uploadFetch } from './upload-fetch.js';
export { wasmFileArtifact } from './wasm-file.js';
export { dockerImage } from './docker-image.js';
export type { DockerLayer } from './docker-image.js';
export { writeLayout, layoutTar, openLayout, isLayout, selectRoot, readImage, addToIndex, blobPath } from './layout.js';
export type { Layout } from './layout.js';
export { layoutSource } from './layout-source.js';
export { packTar, readTar } from './tar.js';
export type { TarEntry } from './tar.js';
export { dockerCredentials, dockerConfigPath, dockerServerAddress, helperCredentials } from './docker-credentials.js';
export { storeDockerCredentials, eraseDockerCredentials } from './docker-credential-store.js';
export type { CredentialLocation, LoginCredentials } from './docker-credential-store.js';
export { pullToLayout, pullWasm } from './pull.js';
export type { PullResult } from './pull.js';
