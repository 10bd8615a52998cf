/**
 * Versions of a package as a registry lists them (its tags: those that are
 * not semver are ignored, as wkg ignores them) and the choice of one for a
 * requirement: the exact version written in WIT, or the newest release.
 */
import { compareSemver, parseSemver, SemverError, type PackageName, type Semver } from '@weld/wit';
import type { Requirement } from './model.js';

/** The requirement wkg derives from a reference to `name`: `=VERSION`, or `*` without one. */
export const requirementOf = (name: PackageName): Requirement => (name.version === undefined ? { kind: 'any' } : { kind: 'exact', version: name.version });

/** The requirement as wkg writes it in wkg.lock (`semver::VersionReq`'s Display). */
export const requirementText = (requirement: Requirement): string => (requirement.kind === 'any' ? '*' : `=${requirement.version}`);

/** The tags that are versions, parsed; the rest (`latest`, `sha256-…` signature tags) are left out. */
export function versionTags(tags: readonly string[]): Semver[] {
  const versions: Semver[] = [];
  for (const tag of tags) {
    try {
      versions.push(parseSemver(tag));
    } catch (error) {
      if (!(error instanceof SemverError)) throw error;
    }
  }
  return versions;
}

/**
 * The version `requirement` picks among `versions`: the exact one, or the
 * newest that is not a pre-release (a `*` of Rust's `semver` matches no
 * pre-release); undefined when none fits.
 */
export function chooseVersion(versions: readonly Semver[], requirement: Requirement): Semver | undefined {
  if (requirement.kind === 'exact') {
    const wanted = parseSemver(requirement.version);
    return versions.find((v) => compareSemver(v, wanted) === 0 && v.build === wanted.build);
  }
  let best: Semver | undefined;
  for (const version of versions) {
    if (version.pre !== '') continue;
    if (best === undefined || compareSemver(version, best) > 0) best = version;
  }
  return best;
}
