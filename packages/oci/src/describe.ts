/** What `weld inspect REF` shows: the manifests, configs, layers and sizes of an image, and its binary. */
import { childrenOf, parseManifest } from './manifest.js';
import { isManifestType } from './media-types.js';
import type { Descriptor, ImageIndex, ImageManifest, Platform } from './model.js';
import { locateWasm } from './locate.js';
import { readBlob, type ImageSource } from './source.js';
import { OciError } from './errors.js';

/** One image manifest of the artifact. */
export interface DescribedImage {
  readonly descriptor: Descriptor;
  readonly platform?: Platform;
  readonly manifest: ImageManifest;
  /** The config, parsed when it is JSON. */
  readonly config: unknown;
  /** The manifest, its config and layers together. */
  readonly totalSize: number;
}

/** An artifact, described. */
export interface ImageDescription {
  readonly name: string;
  readonly root: Descriptor;
  /** Present when the root is an index. */
  readonly index?: ImageIndex;
  readonly images: readonly DescribedImage[];
  /** The wasm binary, when `withBinary` and the image has one. */
  readonly binary?: { readonly layer: Descriptor; readonly bytes: Uint8Array };
}

/** Reads the manifests and configs of `source`'s image (and its binary, with `withBinary`). */
export async function describeImage(source: ImageSource, withBinary: boolean): Promise<ImageDescription> {
  const root = await source.root();
  const parsed = parseManifest(root.bytes, root.descriptor.mediaType, source.name);
  const describe = async (descriptor: Descriptor, bytes: Uint8Array): Promise<DescribedImage> => {
    const manifest = parseManifest(bytes, descriptor.mediaType, `${source.name}: ${descriptor.digest}`);
    if (manifest.kind !== 'image') throw new OciError('format', `${source.name}: nested indexes are not followed`);
    const configBytes = await readBlob(source, manifest.manifest.config);
    let config: unknown;
    try {
      config = JSON.parse(new TextDecoder().decode(configBytes));
    } catch {
      config = undefined;
    }
    const totalSize = descriptor.size + childrenOf(manifest).reduce((sum, d) => sum + d.size, 0);
    return { descriptor, manifest: manifest.manifest, config, totalSize, ...(descriptor.platform && { platform: descriptor.platform }) };
  };
  const images: DescribedImage[] = [];
  if (parsed.kind === 'index') {
    for (const desc of parsed.index.manifests) {
      if (isManifestType(desc.mediaType)) images.push(await describe(desc, await source.manifest(desc)));
    }
  } else {
    images.push(await describe(root.descriptor, root.bytes));
  }
  let binary: ImageDescription['binary'];
  if (withBinary) {
    try {
      const location = await locateWasm(source);
      if (location.path === undefined) binary = { layer: location.layer, bytes: await readBlob(source, location.layer) };
      else {
        const found = location.manifest.layers.find((l) => l !== location.layer && l.mediaType.includes('wasm'));
        if (found !== undefined) binary = { layer: found, bytes: await readBlob(source, found) };
      }
    } catch (error) {
      if (!(error instanceof OciError && error.kind === 'format')) throw error;
    }
  }
  return { name: source.name, root: root.descriptor, images, ...(parsed.kind === 'index' && { index: parsed.index }), ...(binary && { binary }) };
}
