/**
 * Finding the wasm binary of an image, from whichever form it has (the CNCF
 * Wasm artifact, a wasm layer, or the entrypoint in a tar layer), and reading
 * its small JSON blobs (configs).
 */
import { OciError } from './errors.js';
import { parseManifest } from './manifest.js';
import { annotation, tarGzipLayer, tarLayer, wasmBinaryLayers } from './media-types.js';
import type { Descriptor, ImageManifest, Manifest } from './model.js';
import { isWasmPlatform } from './platform.js';
import { readBlob, type ImageSource } from './source.js';

/** Where the wasm binary of an image is. */
export interface WasmLocation {
  /** The image manifest (the platform's, for an index) and its descriptor. */
  readonly manifestDescriptor: Descriptor;
  readonly manifest: ImageManifest;
  /** The layer holding the binary. */
  readonly layer: Descriptor;
  /** For a tar layer: the path of the binary inside it (the entrypoint). */
  readonly path?: string;
}

/** Finds the binary: the index's wasm platform, then a wasm layer, else the entrypoint in a tar layer. */
export async function locateWasm(source: ImageSource): Promise<WasmLocation> {
  const root = await source.root();
  let manifestDescriptor = root.descriptor;
  let parsed: Manifest = parseManifest(root.bytes, root.descriptor.mediaType, source.name);
  if (parsed.kind === 'index') {
    const manifests = parsed.index.manifests;
    const chosen = manifests.find(isWasmPlatform) ?? (manifests.length === 1 ? manifests[0] : undefined);
    if (chosen === undefined) {
      const platforms = manifests.map((d) => (d.platform ? `${d.platform.os}/${d.platform.architecture}` : d.digest)).join(', ');
      throw new OciError('format', `${source.name}: an index without a wasm platform (it has ${platforms || 'no manifests'})`);
    }
    manifestDescriptor = chosen;
    parsed = parseManifest(await source.manifest(chosen), chosen.mediaType, `${source.name}: ${chosen.digest}`);
    if (parsed.kind !== 'image') throw new OciError('format', `${source.name}: nested indexes are not followed`);
  }
  const manifest = parsed.manifest;
  for (const type of wasmBinaryLayers) {
    const layer = manifest.layers.find((l) => l.mediaType === type);
    if (layer !== undefined) return { manifestDescriptor, manifest, layer };
  }
  const tar = manifest.layers.find((l) => l.mediaType === tarLayer || l.mediaType === tarGzipLayer || l.mediaType.endsWith('.tar') || l.mediaType.endsWith('tar.gzip'));
  if (tar !== undefined) {
    const config = (await readJsonBlob(source, manifest.config, 'config')) as { config?: { Entrypoint?: string[]; Cmd?: string[] } } | null;
    const entry = config?.config?.Entrypoint?.[0] ?? config?.config?.Cmd?.[0];
    if (entry !== undefined && entry.endsWith('.wasm')) return { manifestDescriptor, manifest, layer: tar, path: normalizeTarPath(entry) };
  }
  const types = manifest.layers.map((l) => l.mediaType).join(', ');
  throw new OciError('format', `${source.name}: no wasm layer (layers: ${types || 'none'}) and no .wasm entrypoint`);
}

/** `./a/b` and `/a/b` as `a/b`: a path in a tar, as an entrypoint names it. */
export const normalizeTarPath = (path: string): string => path.replace(/^(\.\/|\/)+/, '');

/** The most a JSON blob (a config) may hold: configs are small, and one is read into memory. */
export const maxJsonBlobBytes = 4 * 1024 * 1024;

/**
 * Reads the JSON blob `desc` (a config), refusing one its descriptor says
 * is larger than {@link maxJsonBlobBytes} before reading it, and one that is
 * not JSON. `what` is what it is, for the message.
 */
export async function readJsonBlob(source: ImageSource, desc: Descriptor, what: string): Promise<unknown> {
  const name = `${source.name}: ${what} ${desc.digest}`;
  if (desc.size > maxJsonBlobBytes) throw new OciError('format', `${name}: ${desc.size} bytes, larger than weld reads for a ${what} (${maxJsonBlobBytes})`);
  return parseJsonBlob(await readBlob(source, desc), name);
}

/** `bytes` as JSON, or a `format` error naming `name`. */
export function parseJsonBlob(bytes: Uint8Array, name: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new OciError('format', `${name}: not JSON`);
  }
}

/** The title a layer carries (`org.opencontainers.image.title`), if any. */
export const layerTitle = (layer: Descriptor): string | undefined => layer.annotations?.[annotation.title];
