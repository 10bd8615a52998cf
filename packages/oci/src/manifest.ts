/** Reading manifests and indexes from bytes, and the blobs each points at. */
import { unreachable } from '@weld/wit';
import { isDigest } from './digest.js';
import { OciError } from './errors.js';
import { dockerManifest, dockerManifestList, imageIndex, imageManifest, isIndexType } from './media-types.js';
import type { Descriptor, ImageIndex, ImageManifest, Manifest } from './model.js';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses manifest bytes served as (or described as) `mediaType`. */
export function parseManifest(bytes: Uint8Array, mediaType: string | undefined, what: string): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new OciError('format', `${what}: the manifest is not JSON`);
  }
  if (!isObject(json) || json['schemaVersion'] !== 2) throw new OciError('format', `${what}: not a schema 2 manifest`);
  const declared = typeof json['mediaType'] === 'string' ? json['mediaType'] : undefined;
  const type = declared ?? mediaType ?? (Array.isArray(json['manifests']) ? imageIndex : imageManifest);
  if (isIndexType(type) || (type !== imageManifest && type !== dockerManifest && Array.isArray(json['manifests']))) {
    const manifests = json['manifests'];
    if (!Array.isArray(manifests)) throw new OciError('format', `${what}: an index without manifests`);
    return { kind: 'index', index: { ...json, mediaType: type === dockerManifestList ? type : imageIndex, manifests: manifests.map((d, i) => descriptor(d, `${what}: manifests[${i}]`)) } as unknown as ImageIndex };
  }
  const layers = json['layers'];
  if (!Array.isArray(layers)) throw new OciError('format', `${what}: an image manifest without layers`);
  return {
    kind: 'image',
    manifest: {
      ...json,
      mediaType: type,
      config: descriptor(json['config'], `${what}: config`),
      layers: layers.map((d, i) => descriptor(d, `${what}: layers[${i}]`)),
    } as unknown as ImageManifest,
  };
}

/** Checks that `value` is a descriptor weld can follow. */
export function descriptor(value: unknown, what: string): Descriptor {
  if (!isObject(value)) throw new OciError('format', `${what}: not a descriptor`);
  const { mediaType, digest, size } = value;
  if (typeof mediaType !== 'string' || typeof digest !== 'string' || typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
    throw new OciError('format', `${what}: a descriptor needs mediaType, digest and size`);
  }
  if (!isDigest(digest)) throw new OciError('format', `${what}: unsupported digest ${JSON.stringify(digest)} (weld handles sha256)`);
  return value as unknown as Descriptor;
}

/** The descriptors a manifest points at: an index's manifests, or an image's config and layers. */
export function childrenOf(manifest: Manifest): readonly Descriptor[] {
  switch (manifest.kind) {
    case 'index':
      return manifest.index.manifests;
    case 'image':
      return [manifest.manifest.config, ...manifest.manifest.layers];
    default:
      return unreachable(manifest);
  }
}
