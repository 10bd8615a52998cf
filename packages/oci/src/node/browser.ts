/**
 * `@weld/oci/node` where there is no Node (the `default` export condition,
 * which browser bundlers pick): a bundle that imports the subpath still
 * builds, and a call fails with an `OciError` naming the way out instead of
 * a bundler error about `node:fs`.
 */
import { OciError } from '../errors.js';
import type * as node from './index.js';

function unavailable(): never {
  throw new OciError(
    'format',
    "image layouts, files, tar and Docker's credentials need Node; in a page, read images with registrySource or your own ImageSource, and pass credentials with staticCredentials (all from @weld/oci)",
  );
}

/** Fails: writing a file needs Node (see above). */
export const writeVerified: typeof node.writeVerified = async () => unavailable();
/** In a page, the page's own `fetch`. */
export const uploadFetch: typeof node.uploadFetch = (url, init) => globalThis.fetch(url, init);
/** Fails: a file is read with Node (see above). */
export const fileBlob: typeof node.fileBlob = async () => unavailable();
/** Fails: a file is read with Node (see above). */
export const wasmFileArtifact: typeof node.wasmFileArtifact = async () => unavailable();
/** Fails: a rootfs layer is a tar, which needs Node (see above). */
export const dockerImage: typeof node.dockerImage = async () => unavailable();
/** Fails: a layout is a folder (see above). */
export const writeLayout: typeof node.writeLayout = async () => unavailable();
/** Fails: a layout tar needs Node (see above). */
export const layoutTar: typeof node.layoutTar = async () => unavailable();
/** Fails: a layout is a folder (see above). */
export const openLayout: typeof node.openLayout = async () => unavailable();
/** Fails: a layout is a folder (see above). */
export const isLayout: typeof node.isLayout = async () => unavailable();
/** Fails: a layout is a folder (see above). */
export const selectRoot: typeof node.selectRoot = () => unavailable();
/** Fails: a layout is a folder (see above). */
export const readImage: typeof node.readImage = async () => unavailable();
/** Fails: a layout is a folder (see above). */
export const addToIndex: typeof node.addToIndex = async () => unavailable();
/** Fails: a layout is a folder (see above). */
export const blobPath: typeof node.blobPath = () => unavailable();
/** Fails: a layout is a folder (see above). */
export const layoutSource: typeof node.layoutSource = async () => unavailable();
/** Fails: tar needs Node (see above). */
export const packTar: typeof node.packTar = async () => unavailable();
/** Fails: tar needs Node (see above). */
export const readTar: typeof node.readTar = async () => unavailable();
/** Fails: Docker's config is a file (see above). */
export const dockerCredentials: typeof node.dockerCredentials = () => unavailable();
/** Fails: Docker's config is a file (see above). */
export const dockerConfigPath: typeof node.dockerConfigPath = () => unavailable();
/** Fails: the key is one of Docker's config (see above). */
export const dockerServerAddress: typeof node.dockerServerAddress = () => unavailable();
/** Fails: Docker's config is a file (see above). */
export const storeDockerCredentials: typeof node.storeDockerCredentials = async () => unavailable();
/** Fails: Docker's config is a file (see above). */
export const eraseDockerCredentials: typeof node.eraseDockerCredentials = async () => unavailable();
/** Fails: a credential helper is a program (see above). */
export const helperCredentials: typeof node.helperCredentials = async () => unavailable();
/** Fails: a layout is a folder (see above). */
export const pullToLayout: typeof node.pullToLayout = async () => unavailable();
/** Fails: writing a file needs Node (see above). */
export const pullWasm: typeof node.pullWasm = async () => unavailable();
