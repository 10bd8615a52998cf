/**
 * LAYOUT and REF targets through `@weld/oci`: find the image's wasm layer,
 * read it verified against its digest, and take the component's imports and
 * exports from the CNCF Wasm config when the image has one. Pulled blobs are
 * cached by digest under `<cache>/blobs/sha256/`, so a second run of the same
 * image fetches only its (small) manifest; a cached blob is verified again on
 * every read, for free, because its sha256 is the transpile cache key anyway.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  layoutSource, locateWasm, mediaTypes, parseReference, pullWasm, readBlob, RegistryClient, registrySource,
  type Descriptor, type ImageSource, type WasmConfig,
} from '@weld/oci';
import type { Artifact, ComponentBytes } from './artifact.js';
import { HostError } from './errors.js';
import { sha256 } from './transpile-cache.js';
import type { WorldNames } from './world.js';

/** The component in the image layout at `path` (a directory or a `.tar`). */
export async function fromLayout(path: string): Promise<Artifact> {
  return fromSource(await layoutSource(path), undefined);
}

/** The component the reference `text` names, pulled from its registry (credentials from Docker's config). */
export async function fromRegistry(text: string, cacheDir: string): Promise<Artifact> {
  const ref = parseReference(text);
  return fromSource(registrySource(new RegistryClient({ registry: ref.registry }), ref), cacheDir);
}

async function fromSource(source: ImageSource, cacheDir: string | undefined): Promise<Artifact> {
  const location = await locateWasm(source);
  const world = await configWorld(source, location.manifest.config, cacheDir);
  const { layer } = location;
  const inTar = location.path !== undefined;
  const load = async (): Promise<ComponentBytes> => {
    if (inTar) {
      // A Docker/runwasi image: the binary is a file inside a tar layer (pullWasm verifies the layer).
      const file = join(tmpdir(), `weld-pull-${process.pid}-${Date.now()}.wasm`);
      await pullWasm(source, file);
      const bytes = new Uint8Array(await readFile(file));
      await rm(file, { force: true });
      return { bytes, digest: sha256(bytes) };
    }
    const bytes = await cachedBlob(source, layer, cacheDir);
    const digest = sha256(bytes);
    if (`sha256:${digest}` !== layer.digest) {
      throw new HostError('artifact', `${source.name}: the wasm layer does not match its digest ${layer.digest} (got sha256:${digest})`);
    }
    return { bytes, digest };
  };
  return {
    source: source.name,
    ...(!inTar && { digest: layer.digest.slice('sha256:'.length) }),
    ...(world && { world }),
    load,
  };
}

/** A blob from the cache when it is there, else read (verified) and cached. */
async function cachedBlob(source: ImageSource, desc: Descriptor, cacheDir: string | undefined): Promise<Uint8Array> {
  const hex = desc.digest.slice('sha256:'.length);
  const path = cacheDir === undefined ? undefined : join(cacheDir, 'blobs', 'sha256', hex);
  if (path !== undefined && existsSync(path)) {
    const bytes = new Uint8Array(await readFile(path));
    if (sha256(bytes) === hex) return bytes;
    await rm(path, { force: true }); // corrupt: fetch again
  }
  const bytes = await readBlob(source, desc);
  if (path !== undefined) {
    await mkdir(dirname(path), { recursive: true });
    const temp = `${path}.${process.pid}.partial`;
    await writeFile(temp, bytes);
    await rename(temp, path);
  }
  return bytes;
}

/** The imports and exports the image's CNCF Wasm config records, if it is one and records them. */
async function configWorld(source: ImageSource, config: Descriptor, cacheDir: string | undefined): Promise<WorldNames | undefined> {
  if (config.mediaType !== mediaTypes.wasmConfig) return undefined;
  const parsed = JSON.parse(new TextDecoder().decode(await cachedBlob(source, config, cacheDir))) as Partial<WasmConfig>;
  const component = parsed.component;
  if (component === undefined || !Array.isArray(component.imports) || !Array.isArray(component.exports)) return undefined;
  return { imports: component.imports, exports: component.exports };
}
