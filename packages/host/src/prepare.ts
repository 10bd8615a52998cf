/**
 * Everything before a guest starts: resolve the target, check what it
 * exports and imports against the entry point and the grants, and transpile
 * it (or reuse the cache).
 */
import { join } from 'node:path';
import { resolveArtifact } from './artifact.js';
import type { RegistryOptions } from './oci-source.js';
import { assertGranted } from './capabilities.js';
import type { Grants } from './grants.js';
import { readTranspiled, transpileCached, type Transpiled } from './transpile-cache.js';
import { assertEntry, worldNames, type EntryKind, type WorldNames } from './world.js';

/** Where weld keeps its cache: `$WELD_CACHE_DIR`, else `.weld/cache` in the working directory. */
export function defaultCacheDir(): string {
  return process.env['WELD_CACHE_DIR'] ?? join(process.cwd(), '.weld', 'cache');
}

/** Options shared by `run` and `serve`. */
export interface StartOptions {
  /** What the guest may see; see grants.ts. */
  readonly grants: Grants;
  /** weld's cache directory; {@link defaultCacheDir} by default. */
  readonly cacheDir?: string;
  /** For a REF: the transfer limits, retries and abort signal of its registry client. */
  readonly registry?: RegistryOptions;
}

/** A checked, transpiled component. */
export interface Prepared {
  readonly source: string;
  /** The component's sha256, hex. */
  readonly digest: string;
  readonly world: WorldNames;
  readonly transpiled: Transpiled;
  /** Whether the transpile cache already had it. */
  readonly cached: boolean;
}

/**
 * Resolves `target`, checks that it exports what `kind` needs and imports
 * only what the grants allow (throwing a HostError before anything runs), and
 * returns its transpiled form.
 */
export async function prepare(target: string, kind: EntryKind, options: StartOptions): Promise<Prepared> {
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const artifact = await resolveArtifact(target, { cacheDir, ...(options.registry !== undefined && { registry: options.registry }) });
  const check = (world: WorldNames): void => {
    assertEntry(artifact.source, world, kind);
    assertGranted(artifact.source, world.imports, options.grants);
  };
  // What the artifact's config says is checked before its layer is fetched.
  if (artifact.world !== undefined) check(artifact.world);
  const hit = artifact.digest === undefined ? undefined : readTranspiled(cacheDir, artifact.digest);
  if (hit !== undefined && artifact.digest !== undefined) {
    const world = artifact.world ?? hit.world ?? worldNames((await artifact.load()).bytes, artifact.source);
    if (artifact.world === undefined) check(world);
    return { source: artifact.source, digest: artifact.digest, world, transpiled: hit, cached: true };
  }
  const { bytes, digest } = await artifact.load();
  const cached = readTranspiled(cacheDir, digest);
  const world = artifact.world ?? cached?.world ?? worldNames(bytes, artifact.source);
  if (artifact.world === undefined) check(world);
  const transpiled = cached ?? (await transpileCached(cacheDir, bytes, digest, world));
  return { source: artifact.source, digest, world, transpiled, cached: cached !== undefined };
}
