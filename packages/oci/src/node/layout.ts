/**
 * The OCI image layout (image-spec `image-layout.md`) on disk, as a
 * directory or a tar of one: `oci-layout`, `index.json` and
 * `blobs/sha256/<hex>`. Each root in `index.json` is named by its
 * `org.opencontainers.image.ref.name` annotation.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readSource } from '../blob-source.js';
import { jsonBytes } from '../blobs.js';
import { digestHex, verifyBytes, type ByteSource, type OnBytes } from '../digest.js';
import { OciError } from '../errors.js';
import { childrenOf, descriptor, parseManifest } from '../manifest.js';
import { annotation, imageIndex, isManifestType } from '../media-types.js';
import type { Descriptor, Digest, ImageIndex, OciImage } from '../model.js';
import { packTar, readTar } from './tar.js';
import { writeVerified } from './write-verified.js';

const layoutFile = { imageLayoutVersion: '1.0.0' };

/** The path of a blob inside a layout. */
export const blobPath = (digest: Digest): string => join('blobs', 'sha256', digestHex(digest));

/** `image` with `ref` as its ref.name annotation (or none). */
function rootEntry(root: Descriptor, ref: string | undefined): Descriptor {
  const { annotations, ...rest } = root;
  const merged = { ...annotations, ...(ref !== undefined && { [annotation.refName]: ref }) };
  return Object.keys(merged).length === 0 ? rest : { ...rest, annotations: merged };
}

/**
 * Writes `image` into the layout directory `dir` (created when missing),
 * adding it to `index.json` under `ref`; an entry with the same ref is
 * replaced, other entries stay.
 */
export async function writeLayout(dir: string, image: OciImage, ref?: string): Promise<void> {
  await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
  for (const [digest, bytes] of image.blobs) {
    const path = join(dir, blobPath(digest));
    if (!existsSync(path)) await atomicWrite(path, bytes);
  }
  // Copied as they stream, and verified on the way: a file that changed since it was hashed is caught here.
  for (const [digest, source] of image.streamed ?? []) {
    const path = join(dir, blobPath(digest));
    if (!existsSync(path)) await writeVerified(source.open(0, source.size), path, { digest, size: source.size }, `blob ${digest}`);
  }
  await addToIndex(dir, image.root, ref);
}

/** Adds `root` to the layout's `index.json` under `ref` (after its blobs are in place). */
export async function addToIndex(dir: string, root: Descriptor, ref: string | undefined): Promise<void> {
  await writeFile(join(dir, 'oci-layout'), JSON.stringify(layoutFile));
  const existing = existsSync(join(dir, 'index.json')) ? (await readLayoutIndex(dir)).manifests : [];
  const others = existing.filter((d) => (ref === undefined ? d.digest !== root.digest : d.annotations?.[annotation.refName] !== ref));
  const index: ImageIndex = { schemaVersion: 2, mediaType: imageIndex, manifests: [...others, rootEntry(root, ref)] };
  await atomicWrite(join(dir, 'index.json'), jsonBytes(index));
}

/** Streams a blob into a layout, verified (see `writeVerified`). */
export async function writeLayoutBlob(dir: string, desc: Descriptor, source: ByteSource, what: string, onBytes?: OnBytes): Promise<void> {
  await writeVerified(source, join(dir, blobPath(desc.digest)), desc, what, onBytes);
}

/** A tar of the layout of `image` (an `oci-archive`, what `skopeo copy oci-archive:` and `docker load` read). */
export async function layoutTar(image: OciImage, ref?: string): Promise<Uint8Array> {
  const mtime = new Date(0);
  const index: ImageIndex = { schemaVersion: 2, mediaType: imageIndex, manifests: [rootEntry(image.root, ref)] };
  return packTar([
    { name: 'oci-layout', data: jsonBytes(layoutFile), mtime },
    { name: 'index.json', data: jsonBytes(index), mtime },
    ...[...image.blobs].map(([digest, data]) => ({ name: blobPath(digest), data, mtime })),
    // A tar is built in memory: a streamed blob is read whole for it.
    ...(await Promise.all([...(image.streamed ?? [])].map(async ([digest, source]) => ({ name: blobPath(digest), data: await readSource(source, `blob ${digest}`), mtime })))),
  ]);
}

async function atomicWrite(path: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, bytes);
  await rename(temp, path);
}

/** A layout opened for reading: a directory or a tar. */
export interface Layout {
  /** Where it is, for messages. */
  readonly path: string;
  /** The entries of `index.json`. */
  readonly manifests: readonly Descriptor[];
  /** A blob's bytes, verified against `desc`. */
  readonly blob: (desc: Descriptor) => Promise<Uint8Array>;
}

/** Whether `path` is a layout directory or a tar (by the presence of `oci-layout`, or a `.tar` name). */
export async function isLayout(path: string): Promise<boolean> {
  try {
    const info = await stat(path);
    return info.isDirectory() ? existsSync(join(path, 'oci-layout')) : info.isFile() && path.endsWith('.tar');
  } catch {
    return false;
  }
}

async function readLayoutIndex(dir: string): Promise<ImageIndex> {
  return indexFromBytes(await readFile(join(dir, 'index.json')), join(dir, 'index.json'));
}

function indexFromBytes(bytes: Uint8Array, what: string): ImageIndex {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new OciError('format', `${what}: not JSON`);
  }
  const manifests = (json as { manifests?: unknown }).manifests;
  if (!Array.isArray(manifests)) throw new OciError('format', `${what}: no manifests`);
  return { schemaVersion: 2, mediaType: imageIndex, manifests: manifests.map((d, i) => descriptor(d, `${what}: manifests[${i}]`)) };
}

/** Opens the layout directory or layout tar at `path`. */
export async function openLayout(path: string): Promise<Layout> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) throw new OciError('format', `${path}: no such layout`);
  if (info.isDirectory()) {
    if (!existsSync(join(path, 'oci-layout'))) throw new OciError('format', `${path}: not an OCI image layout (no oci-layout file)`);
    const index = await readLayoutIndex(path);
    return {
      path,
      manifests: index.manifests,
      blob: async (desc) => {
        const file = join(path, blobPath(desc.digest));
        const bytes = await readFile(file).catch(() => {
          throw new OciError('format', `${path}: blob ${desc.digest} is missing`);
        });
        verifyBytes(bytes, desc.digest, `${path}: ${blobPath(desc.digest)}`, desc.size);
        return bytes;
      },
    };
  }
  const files = await readTar(await readFile(path), path);
  const indexBytes = files.get('index.json');
  if (!files.has('oci-layout') || indexBytes === undefined) throw new OciError('format', `${path}: not an OCI layout archive (no oci-layout or index.json)`);
  const index = indexFromBytes(indexBytes, `${path}: index.json`);
  return {
    path,
    manifests: index.manifests,
    blob: async (desc) => {
      const bytes = files.get(blobPath(desc.digest));
      if (bytes === undefined) throw new OciError('format', `${path}: blob ${desc.digest} is missing`);
      verifyBytes(bytes, desc.digest, `${path}: ${blobPath(desc.digest)}`, desc.size);
      return bytes;
    },
  };
}

/**
 * The root of `layout` named `ref`, or its only root when `ref` is not
 * given; an error lists the refs when the choice is ambiguous.
 */
export function selectRoot(layout: Layout, ref?: string): Descriptor {
  const refs = layout.manifests.map((d) => d.annotations?.[annotation.refName]).filter((r): r is string => r !== undefined);
  if (ref !== undefined) {
    const found = layout.manifests.find((d) => d.annotations?.[annotation.refName] === ref || d.digest === ref);
    if (found === undefined) throw new OciError('not-found', `${layout.path}: no image named ${ref}${refs.length > 0 ? ` (it has: ${refs.join(', ')})` : ''}`);
    return found;
  }
  const [only, ...rest] = layout.manifests;
  if (only === undefined) throw new OciError('format', `${layout.path}: the layout is empty`);
  if (rest.length > 0) throw new OciError('format', `${layout.path}: holds ${layout.manifests.length} images; name one with ${layout.path}:REF (${refs.join(', ') || 'none is named'})`);
  return only;
}

/** Reads everything `root` reaches in `layout` into memory, each blob verified. */
export async function readImage(layout: Layout, root: Descriptor): Promise<OciImage> {
  const blobs = new Map<Digest, Uint8Array>();
  const visit = async (desc: Descriptor): Promise<void> => {
    if (blobs.has(desc.digest)) return;
    const bytes = await layout.blob(desc);
    blobs.set(desc.digest, bytes);
    if (isManifestType(desc.mediaType)) {
      for (const child of childrenOf(parseManifest(bytes, desc.mediaType, `${layout.path}: ${desc.digest}`))) await visit(child);
    }
  };
  await visit(root);
  const { annotations, ...bare } = root;
  const rest = Object.fromEntries(Object.entries(annotations ?? {}).filter(([key]) => key !== annotation.refName));
  return { root: Object.keys(rest).length === 0 ? bare : { ...bare, annotations: rest }, blobs };
}
