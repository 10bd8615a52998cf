/**
 * Pulling: an image into a layout (every blob and manifest verified while it
 * streams, each written to its final path only when it matches), or just the
 * wasm binary into a file, from whichever form the image has.
 */
import { existsSync } from 'node:fs';
import { writeFile, rename, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { OciError } from '../errors.js';
import { locateWasm, type WasmLocation } from '../locate.js';
import { childrenOf, parseManifest } from '../manifest.js';
import { isManifestType } from '../media-types.js';
import type { Descriptor, Digest } from '../model.js';
import type { OnTransfer } from '../progress.js';
import { readBlob, type ImageSource } from '../source.js';
import { addToIndex, blobPath, writeLayoutBlob } from './layout.js';
import { readTar } from './tar.js';
import { writeVerified } from './write-verified.js';

/** What a pull did. */
export interface PullResult {
  /** The root manifest's digest. */
  readonly digest: Digest;
  readonly mediaType: string;
  /** Blobs downloaded, and skipped because the layout had them. */
  readonly downloaded: number;
  readonly cached: number;
  readonly bytes: number;
}

/**
 * Pulls everything the image reaches into the layout `dir`, naming it
 * `refName` in index.json. When it fails (or is aborted), a `dir` it created
 * is removed again; in a layout that was there before, only verified blobs
 * stay (index.json is written last, so it never names what is missing).
 */
export async function pullToLayout(source: ImageSource, dir: string, refName: string | undefined, onTransfer?: OnTransfer): Promise<PullResult> {
  const created = !existsSync(dir);
  try {
    return await pullInto(source, dir, refName, onTransfer);
  } catch (error) {
    if (created) await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function pullInto(source: ImageSource, dir: string, refName: string | undefined, onTransfer?: OnTransfer): Promise<PullResult> {
  const root = await source.root();
  const counts = { downloaded: 0, cached: 0, bytes: 0 };
  const seen = new Set<Digest>();
  const visit = async (desc: Descriptor, bytes?: Uint8Array): Promise<void> => {
    if (seen.has(desc.digest)) return;
    seen.add(desc.digest);
    const path = join(dir, blobPath(desc.digest));
    if (isManifestType(desc.mediaType)) {
      const manifestBytes = bytes ?? (await source.manifest(desc));
      for (const child of childrenOf(parseManifest(manifestBytes, desc.mediaType, `${source.name}: ${desc.digest}`))) await visit(child);
      // A manifest goes in after its children, so the layout never names what it lacks.
      if (!existsSync(path)) await writeLayoutBlob(dir, desc, [manifestBytes], `${source.name}: manifest ${desc.digest}`);
      return;
    }
    if (existsSync(path)) {
      counts.cached++;
      onTransfer?.({ kind: 'done', digest: desc.digest, outcome: 'cached' });
      return;
    }
    onTransfer?.({ kind: 'start', digest: desc.digest, size: desc.size, mediaType: desc.mediaType });
    await writeLayoutBlob(dir, desc, await source.blob(desc), `${source.name}: blob ${desc.digest}`, (n) => {
      counts.bytes += n;
      onTransfer?.({ kind: 'bytes', digest: desc.digest, bytes: n });
    });
    counts.downloaded++;
    onTransfer?.({ kind: 'done', digest: desc.digest, outcome: 'downloaded' });
  };
  await mkdir(dir, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    throw new OciError('format', `${dir}: cannot be made a layout directory (${error.code === 'EEXIST' || error.code === 'ENOTDIR' ? 'a file is in the way' : error.code ?? error.message})`);
  });
  await visit(root.descriptor, root.bytes);
  await addToIndex(dir, root.descriptor, refName);
  return { digest: root.descriptor.digest, mediaType: root.descriptor.mediaType, ...counts };
}

/**
 * Pulls the image's wasm binary into `file`, verified; nothing is written at
 * `file` unless it matches, and folders made for it are removed again when
 * the pull fails (or is aborted).
 */
export async function pullWasm(source: ImageSource, file: string, onTransfer?: OnTransfer): Promise<WasmLocation & { readonly size: number }> {
  const made = await mkdir(dirname(file), { recursive: true });
  try {
    return await pullWasmInto(source, file, onTransfer);
  } catch (error) {
    if (made !== undefined) await rm(made, { recursive: true, force: true });
    throw error;
  }
}

async function pullWasmInto(source: ImageSource, file: string, onTransfer?: OnTransfer): Promise<WasmLocation & { readonly size: number }> {
  const location = await locateWasm(source);
  const { layer } = location;
  onTransfer?.({ kind: 'start', digest: layer.digest, size: layer.size, mediaType: layer.mediaType });
  const onBytes = (n: number) => onTransfer?.({ kind: 'bytes', digest: layer.digest, bytes: n });
  let size = layer.size;
  if (location.path === undefined) {
    await writeVerified(await source.blob(layer), file, layer, `${source.name}: layer ${layer.digest}`, onBytes);
  } else {
    let tar = await readBlob(source, layer, onBytes);
    if (layer.mediaType.endsWith('gzip')) tar = gunzip(tar, `${source.name}: layer ${layer.digest}`);
    const files = await readTar(tar, `${source.name}: layer ${layer.digest}`);
    const bytes = files.get(location.path);
    if (bytes === undefined) throw new OciError('format', `${source.name}: the rootfs has no ${location.path} (the entrypoint)`);
    size = bytes.length;
    const temp = `${file}.${process.pid}.partial`;
    await writeFile(temp, bytes);
    await rename(temp, file);
  }
  onTransfer?.({ kind: 'done', digest: layer.digest, outcome: 'downloaded' });
  return { ...location, size };
}

/** The most a gzip layer may inflate to in memory. */
const maxInflatedBytes = 1024 * 1024 * 1024;

function gunzip(bytes: Uint8Array, what: string): Uint8Array {
  try {
    return gunzipSync(bytes, { maxOutputLength: maxInflatedBytes });
  } catch (error) {
    const tooLarge = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
    throw new OciError('format', tooLarge ? `${what}: inflates to more than ${maxInflatedBytes} bytes` : `${what}: its media type says gzip, but it is not gzip data (${(error as Error).message})`);
  }
}
