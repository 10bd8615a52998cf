/**
 * The CNCF Wasm OCI artifact (TAG Runtime's wasm-oci spec, what wkg, wash
 * and the wasmCloud host read): an image manifest whose config is
 * `application/vnd.wasm.config.v0+json` and whose one layer is the binary
 * as `application/wasm`.
 */
import { BlobSet, type StreamedBlob } from './blobs.js';
import { annotation, imageManifest, wasmConfig, wasmLayer } from './media-types.js';
import type { ImageManifest, OciImage, WasmConfig } from './model.js';
import { createdOf, rfc3339, type PackageOptions } from './package-options.js';
import { binaryFacts, type BinaryFacts } from './wasm-config.js';

/** Packages component or core module `bytes` as the CNCF Wasm artifact. Throws `BinaryError` on malformed input. */
export function wasmArtifact(bytes: Uint8Array, options: PackageOptions): OciImage {
  return streamedWasmArtifact(bytes, binaryFacts(bytes), options);
}

/**
 * Packages a binary as the CNCF Wasm artifact from what is known about it:
 * the layer as bytes or as a streamed blob (a big file never read whole),
 * and its `facts` (see `binaryFacts`).
 */
export function streamedWasmArtifact(binary: Uint8Array | StreamedBlob, facts: BinaryFacts, options: PackageOptions): OciImage {
  const created = rfc3339(createdOf(options));
  const blobs = new BlobSet();
  const layer = blobs.add(wasmLayer, binary, { annotations: { [annotation.title]: options.title } });
  const config: WasmConfig = {
    created,
    ...(options.author !== undefined && { author: options.author }),
    architecture: 'wasm',
    os: facts.kind === 'component' ? 'wasip2' : 'wasip1',
    layerDigests: [layer.digest],
    ...(facts.component && { component: facts.component }),
  };
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: imageManifest,
    config: blobs.addJson(wasmConfig, config),
    layers: [layer],
    annotations: manifestAnnotations(facts.annotations, options, created),
  };
  return blobs.image(blobs.addJson(imageManifest, manifest));
}

/** The manifest's `org.opencontainers.image.*` annotations: the binary's metadata, then the flags. */
export function manifestAnnotations(fromBinary: Readonly<Record<string, string>>, options: PackageOptions, created: string): Record<string, string> {
  const flags: Record<string, string | undefined> = {
    [annotation.version]: options.version,
    [annotation.source]: options.source,
    [annotation.revision]: options.revision,
    [annotation.description]: options.description,
    [annotation.licenses]: options.licenses,
    [annotation.authors]: options.author,
  };
  const out: Record<string, string> = { [annotation.created]: created, ...fromBinary };
  for (const [key, value] of Object.entries(flags)) if (value !== undefined) out[key] = value;
  return { ...out, ...options.annotations };
}
