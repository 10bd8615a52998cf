/**
 * The registry as a {@link PackageResolver} of `@weld/wit`: it answers by
 * name (the version exact, or the newest release), after the `deps/`
 * folder, and remembers what it resolved, for the lock.
 */
import type { PackageName, PackageResolver, ResolvedPackage } from '@weld/wit';
import { RegistryError } from './errors.js';
import type { PackageRegistry, Resolution } from './registry.js';

/** Answers package names from a {@link PackageRegistry}. */
export class RegistryPackageResolver implements PackageResolver {
  readonly #registry: PackageRegistry;
  readonly #resolved: Resolution[] = [];

  constructor(registry: PackageRegistry) {
    this.#registry = registry;
  }

  /** What was resolved so far, in order. */
  get resolutions(): readonly Resolution[] {
    return this.#resolved;
  }

  /**
   * The package, or undefined when no registry is configured for its
   * namespace or the registry has no such version (the loader then reports
   * it missing); any other failure (unreachable, bad content) is thrown.
   */
  async resolve(name: PackageName): Promise<ResolvedPackage | undefined> {
    let resolution: Resolution;
    try {
      resolution = await this.#registry.resolve(name);
    } catch (error) {
      if (error instanceof RegistryError && (error.kind === 'no-registry' || error.kind === 'not-found')) return undefined;
      throw error;
    }
    this.#resolved.push(resolution);
    return asResolvedPackage(resolution);
  }
}

/** A resolution as the loader takes a package: encoded, from the registry. */
export function asResolvedPackage(resolution: Resolution): ResolvedPackage {
  return {
    source: { kind: 'encoded', path: resolution.reference, encoded: { kind: 'binary', bytes: resolution.bytes } },
    origin: { kind: 'registry', path: resolution.reference, digest: resolution.locked.digest },
  };
}
