/**
 * LAYOUT and REF targets through `@weld/oci`: find the image's wasm layer,
 * read it verified against its digest, and take the component's imports and
 * exports from the CNCF Wasm config when the image has one. Pulled blobs are
 * cached by digest under `<cache>/blobs/sha256/`, so a second run of the same
 * image fetches only its (small) manifest; a cached blob is verified again on
 * every read, for free, because its sha256 is the transpile cache key anyway.
 *
 * Manifests are cached the same way, by their own digest. A reference pinned
 * by digest (`HOST/REPO@sha256:…`) names content that cannot change, so when
 * its manifest and the blobs it needs are cached (and still hash to their
 * digests) it runs without asking the registry anything; a tag may move, so
 * its manifest is always fetched (and cached, for a later run by digest).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { sha256Hex } from '@weld/component';
import {
  locateWasm, maxJsonBlobBytes, mediaTypes, OciError, parseJsonBlob, parseManifest, parseReference, readBlob, RegistryClient, registrySource,
  type Descriptor, type Digest, type FetchedManifest, type ImageSource, type Reference, type RegistryClientOptions, type WasmConfig,
} from '@weld/oci';
import { dockerCredentials, layoutSource, pullWasm } from '@weld/oci/node';
import type { Artifact, ComponentBytes } from './artifact-types.js';
import { HostError } from './errors.js';
import type { WorldNames } from './world.js';

/** The component in the image layout at `path` (a directory or a `.tar`). */
export async function fromLayout(path: string): Promise<Artifact> {
  return fromSource(await layoutSource(path), undefined);
}

/** How `weld run REF` talks to the registry: the same limits, retries and signal as `weld pull`; plain HTTP and credentials (else Docker's) when a config says so. */
export type RegistryOptions = Pick<RegistryClientOptions, 'limits' | 'retry' | 'onRetry' | 'plainHttp' | 'credentials'>;

/** The component the reference `text` names, pulled from its registry (credentials from Docker's config). */
export async function fromRegistry(text: string, cacheDir: string, options: RegistryOptions = {}): Promise<Artifact> {
  const ref = parseReference(text);
  return fromSource(cachingManifests(registrySource(new RegistryClient({ credentials: dockerCredentials(), ...options, registry: ref.registry }), ref), ref, cacheDir), cacheDir);
}

/**
 * `remote` with its manifests read from and written to the blob cache: the
 * root by digest when `ref` pins one, child manifests (always by digest)
 * always. The registry is asked only for what the cache lacks.
 */
function cachingManifests(remote: ImageSource, ref: Reference, cacheDir: string): ImageSource {
  const read = async (digest: Digest): Promise<Uint8Array | undefined> => {
    const hex = digest.slice('sha256:'.length);
    const path = join(cacheDir, 'blobs', 'sha256', hex);
    if (!existsSync(path)) return undefined;
    const bytes = new Uint8Array(await readFile(path));
    return sha256Hex(bytes) === hex ? bytes : undefined; // corrupt: ask the registry
  };
  const write = (bytes: Uint8Array): Promise<void> => storeBlob(cacheDir, sha256Hex(bytes), bytes);
  return {
    ...remote,
    root: async () => {
      const cached = ref.digest === undefined ? undefined : await read(ref.digest);
      if (cached !== undefined && ref.digest !== undefined) {
        const parsed = parseManifest(cached, undefined, remote.name);
        const mediaType = parsed.kind === 'index' ? parsed.index.mediaType : parsed.manifest.mediaType;
        return { descriptor: { mediaType, digest: ref.digest, size: cached.length }, bytes: cached };
      }
      // A tag is always resolved by the registry (it may have moved); getManifest checks a digest it was asked for.
      let fetched: FetchedManifest;
      try {
        fetched = await remote.root();
      } catch (error) {
        if (ref.digest !== undefined || !(error instanceof OciError) || error.kind !== 'network') throw error;
        throw unreachableTag(error, remote.name, ref, await readFile(tagRecord(cacheDir, remote.name), 'utf8').catch(() => undefined));
      }
      await write(fetched.bytes);
      if (ref.digest === undefined) {
        await mkdir(dirname(tagRecord(cacheDir, remote.name)), { recursive: true });
        await writeFile(tagRecord(cacheDir, remote.name), fetched.descriptor.digest);
      }
      return fetched;
    },
    manifest: async (desc) => {
      const cached = await read(desc.digest);
      if (cached !== undefined && cached.length === desc.size) return cached;
      const bytes = await remote.manifest(desc);
      await write(bytes);
      return bytes;
    },
  };
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
      return { bytes, digest: sha256Hex(bytes) };
    }
    const bytes = await cachedBlob(source, layer, cacheDir);
    const digest = sha256Hex(bytes);
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

/** Where the digest a tag named when last resolved is kept: only for the hint of {@link unreachableTag}, never trusted. */
const tagRecord = (cacheDir: string, name: string): string => join(cacheDir, 'tags', sha256Hex(name));

/** The error for a tag whose registry cannot be reached, pointing at the digest that runs from the cache. */
function unreachableTag(error: OciError, name: string, ref: Reference, lastDigest: string | undefined): HostError {
  const why = error.message.startsWith(`${name}: `) ? error.message.slice(name.length + 2) : error.message;
  const hint =
    lastDigest === undefined
      ? `a tag can move, so weld asks the registry what it names every time; an image pulled before runs offline pinned by digest: ${ref.registry}/${ref.repository}@sha256:…`
      : `a tag can move, so weld asks the registry what it names every time; it named ${ref.registry}/${ref.repository}@${lastDigest.trim()} when last pulled here, which runs offline`;
  return new HostError('artifact', `${name}: cannot reach the registry to resolve the tag: ${why}`, [hint], { cause: error });
}

/** A blob from the cache when it is there, else read (verified) and cached. */
async function cachedBlob(source: ImageSource, desc: Descriptor, cacheDir: string | undefined): Promise<Uint8Array> {
  const hex = desc.digest.slice('sha256:'.length);
  const path = cacheDir === undefined ? undefined : join(cacheDir, 'blobs', 'sha256', hex);
  if (path !== undefined && existsSync(path)) {
    const bytes = new Uint8Array(await readFile(path));
    if (sha256Hex(bytes) === hex) return bytes;
    await rm(path, { force: true }); // corrupt: fetch again
  }
  const bytes = await readBlob(source, desc);
  if (cacheDir !== undefined) await storeBlob(cacheDir, hex, bytes);
  return bytes;
}

/** Writes verified `bytes` (sha256 `hex`) into the blob cache, renamed into place. */
async function storeBlob(cacheDir: string, hex: string, bytes: Uint8Array): Promise<void> {
  const path = join(cacheDir, 'blobs', 'sha256', hex);
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.partial`;
  await writeFile(temp, bytes);
  await rename(temp, path);
}

/** The imports and exports the image's CNCF Wasm config records, if it is one and records them. */
async function configWorld(source: ImageSource, config: Descriptor, cacheDir: string | undefined): Promise<WorldNames | undefined> {
  if (config.mediaType !== mediaTypes.wasmConfig) return undefined;
  const name = `${source.name}: config ${config.digest}`;
  if (config.size > maxJsonBlobBytes) throw new OciError('format', `${name}: ${config.size} bytes, larger than weld reads for a config (${maxJsonBlobBytes})`);
  const parsed = parseJsonBlob(await cachedBlob(source, config, cacheDir), name) as Partial<WasmConfig> | null;
  const component = parsed?.component;
  if (component === undefined || !Array.isArray(component.imports) || !Array.isArray(component.exports)) return undefined;
  return { imports: component.imports, exports: component.exports };
}
