/**
 * Where a component comes from: `weld run TARGET` accepts a FILE (a
 * component binary), a LAYOUT (an OCI image layout, a directory or a `.tar`)
 * or a REF (an OCI reference such as `127.0.0.1:5000/demo/app:1.0`). This
 * module tells them apart; oci-source.ts reads the OCI ones.
 */
import { readFile, stat } from 'node:fs/promises';
import { sha256Hex } from '@weld/component';
import { looksLikeReference } from '@weld/oci';
import { isLayout } from '@weld/oci/node';
import type { Artifact } from './artifact-types.js';
import { HostError } from './errors.js';
import { fromLayout, fromRegistry, type RegistryOptions } from './oci-source.js';

/** Options of {@link resolveArtifact}. */
export interface ResolveOptions {
  /** weld's cache directory (pulled blobs live under it). */
  readonly cacheDir: string;
  /** For a REF: how to talk to its registry. */
  readonly registry?: RegistryOptions;
}

/**
 * Reads `target` as a LAYOUT, a FILE or a REF, in that order: an existing
 * path wins over a reference of the same spelling.
 */
export async function resolveArtifact(target: string, options: ResolveOptions): Promise<Artifact> {
  if (await isLayout(target)) return fromLayout(target);
  const info = await stat(target).catch(() => undefined);
  if (info?.isFile() === true) {
    const bytes = new Uint8Array(await readFile(target));
    const loaded = { bytes, digest: sha256Hex(bytes) };
    return { source: target, digest: loaded.digest, load: () => Promise.resolve(loaded) };
  }
  if (info?.isDirectory() === true) throw new HostError('artifact', `${target}: a directory, but not an OCI image layout (no oci-layout file)`);
  if (looksLikeReference(target)) return fromRegistry(target, options.cacheDir, options.registry);
  throw new HostError('artifact', `${target}: no such file, and not an OCI reference (expected host[:port]/repository[:tag])`);
}
