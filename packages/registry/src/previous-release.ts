/**
 * The release a new version must stay compatible with: what `weld publish`
 * checks a WIT package against before it pushes.
 */
import { compareSemver, semverCompatible, type Semver, type SemverCheckResult } from '@weld/wit';

/**
 * The newest release (no pre-release) older than `next` that promises
 * compatibility with it (the same major version, or minor for 0.x), or
 * undefined when `next` starts a new line.
 */
export function previousRelease(versions: readonly Semver[], next: Semver): Semver | undefined {
  let best: Semver | undefined;
  for (const version of versions) {
    if (version.pre !== '' || compareSemver(version, next) >= 0 || !semverCompatible(version, next)) continue;
    if (best === undefined || compareSemver(version, best) > 0) best = version;
  }
  return best;
}

/** The breaking differences of a check, one line each, as the refusal lists them. */
export function breakingLines(result: SemverCheckResult): string[] {
  const lines: string[] = [];
  for (const difference of result.differences) if (difference.breaking) lines.push(difference.message);
  return lines;
}

