/**
 * Everything before a guest starts: resolve the target, check what it
 * exports and imports against the entry point and the grants, and transpile
 * it (or reuse the cache).
 */
import { join } from 'node:path';
import { resolveArtifact } from './artifact.js';
import type { ComponentBytes } from './artifact-types.js';
import type { RegistryOptions } from './oci-source.js';
import { assertGranted, refusals } from './capabilities.js';
import type { Grants } from './grants.js';
import { readTranspiled, transpileCached, type Transpiled } from './transpile-cache.js';
import { assertEntry, providedImports, worldNames, type EntryKind, type WorldNames } from './world.js';

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
  let loaded: Promise<ComponentBytes> | undefined;
  const load = (): Promise<ComponentBytes> => (loaded ??= artifact.load());
  /**
   * Checks `world` and returns it. Names read elsewhere than the binary (an
   * image config, an older cache entry) do not say which imports carry only
   * types; when they would refuse something, the binary decides.
   */
  const check = async (world: WorldNames): Promise<WorldNames> => {
    assertEntry(artifact.source, world, kind);
    if (world.typeOnly === undefined && refusals(world.imports, options.grants).length > 0) {
      world = worldNames((await load()).bytes, artifact.source);
    }
    assertGranted(artifact.source, providedImports(world), options.grants);
    return world;
  };
  // What the artifact's config says is checked before its layer is fetched.
  const configWorld = artifact.world === undefined ? undefined : await check(artifact.world);
  const hit = artifact.digest === undefined ? undefined : readTranspiled(cacheDir, artifact.digest);
  if (hit !== undefined && artifact.digest !== undefined) {
    const world = configWorld ?? (await check(hit.world ?? worldNames((await load()).bytes, artifact.source)));
    return { source: artifact.source, digest: artifact.digest, world, transpiled: hit, cached: true };
  }
  const { bytes, digest } = await load();
  const cached = readTranspiled(cacheDir, digest);
  const world = configWorld ?? (await check(cached?.world ?? worldNames(bytes, artifact.source)));
  const transpiled = cached ?? (await transpileCached(cacheDir, bytes, digest, world));
  return { source: artifact.source, digest, world, transpiled, cached: cached !== undefined };
}
