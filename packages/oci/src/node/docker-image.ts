/**
 * The Docker/runwasi form: a container image for the `wasi/wasm` platform
 * whose entrypoint is the binary, behind an image index that names the
 * platform. Its one layer comes in either flavour runwasi reads:
 *   - `rootfs` (default): a tar layer holding `/<title>`, what Docker's Wasm
 *     support, containerd, umoci and the rootfs path of the shims unpack;
 *   - `component`: the binary itself as a layer of type
 *     `application/vnd.bytecodealliance.wasm.component.layer.v0+wasm` (the
 *     module layer type for core modules), which runwasi loads without a
 *     rootfs, laid out as runwasi's oci-tar-builder does (the layer's digest
 *     as its diff id).
 * Not both in one image: tools that unpack a rootfs (umoci, containerd's
 * unpacker) reject a manifest with a layer that is not a tar.
 */
import { BlobSet } from '../blobs.js';
import { annotation, componentLayer, imageConfig, imageIndex, imageManifest, moduleLayer, tarLayer } from '../media-types.js';
import type { ImageConfig, ImageIndex, ImageManifest, OciImage } from '../model.js';
import { createdOf, rfc3339, type PackageOptions } from '../package-options.js';
import { dockerWasmPlatform } from '../platform.js';
import { manifestAnnotations } from '../wasm-artifact.js';
import { binaryFacts } from '../wasm-config.js';
import { packTar } from './tar.js';

/** Which layer the image carries. */
export type DockerLayer = 'rootfs' | 'component';

/** Packages `bytes` as a runwasi/Docker image. Throws `BinaryError` on malformed input. */
export async function dockerImage(bytes: Uint8Array, options: PackageOptions, layerKind: DockerLayer = 'rootfs'): Promise<OciImage> {
  const facts = binaryFacts(bytes);
  const createdDate = createdOf(options);
  const created = rfc3339(createdDate);
  const blobs = new BlobSet();
  const layer =
    layerKind === 'rootfs'
      ? blobs.add(tarLayer, await packTar([{ name: options.title, data: bytes, mode: 0o755, mtime: createdDate }]))
      : blobs.add(facts.kind === 'component' ? componentLayer : moduleLayer, bytes, { annotations: { [annotation.title]: options.title } });
  const config: ImageConfig = {
    created,
    ...(options.author !== undefined && { author: options.author }),
    architecture: 'wasm',
    os: 'wasip1',
    config: { Entrypoint: [`/${options.title}`] },
    // Uncompressed layers: the diff id is the layer's digest.
    rootfs: { type: 'layers', diff_ids: [layer.digest] },
    history: [{ created, created_by: `weld package --format docker ${options.title}` }],
  };
  const annotations = manifestAnnotations(facts.annotations, options, created);
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: imageManifest,
    config: blobs.addJson(imageConfig, config),
    layers: [layer],
    annotations,
  };
  const manifestDescriptor = blobs.addJson(imageManifest, manifest, { platform: dockerWasmPlatform });
  const index: ImageIndex = { schemaVersion: 2, mediaType: imageIndex, manifests: [manifestDescriptor], annotations };
  return blobs.image(blobs.addJson(imageIndex, index));
}
