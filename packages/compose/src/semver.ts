/**
 * Versions in interface names (`ns:pkg/iface@1.2.3`) and Cargo's
 * compatibility rule: two versions are compatible when they agree on the
 * left-most non-zero component (`1.2.0` ~ `1.9.4`, `0.2.3` ~ `0.2.12`);
 * `0.0.x` and pre-releases are compatible only with themselves.
 */
import { SemverError, comparePrecedence, parseSemver } from '@weld/wit';

/** A parsed `MAJOR.MINOR.PATCH[-PRE][+BUILD]`. */
export interface Version {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** The pre-release part, without `-`; undefined for a release. */
  readonly pre: string | undefined;
  readonly text: string;
}

/** Parses a semantic version (strictly, as Rust's `semver` crate reads it); undefined when `text` is not one. */
export function parseVersion(text: string): Version | undefined {
  let v;
  try {
    v = parseSemver(text);
  } catch (error) {
    if (error instanceof SemverError) return undefined;
    throw error;
  }
  return { major: Number(v.major), minor: Number(v.minor), patch: Number(v.patch), pre: v.pre === '' ? undefined : v.pre, text };
}

/**
 * The compatibility track of a version: `1` for `1.x.y`, `0.2` for `0.2.x`;
 * undefined for `0.0.x` and pre-releases, which share no track.
 */
export function compatibilityTrack(version: Version): string | undefined {
  if (version.pre !== undefined) return undefined;
  if (version.major > 0) return `${version.major}`;
  if (version.minor > 0) return `0.${version.minor}`;
  return undefined;
}

/** Whether two version strings are the same or on the same Cargo compatibility track. */
export function semverCompatible(a: string, b: string): boolean {
  if (a === b) return true;
  const va = parseVersion(a);
  const vb = parseVersion(b);
  if (!va || !vb) return false;
  const track = compatibilityTrack(va);
  return track !== undefined && track === compatibilityTrack(vb);
}

/** Orders versions by semver precedence (a release after its pre-releases, numeric identifiers numerically). */
export function compareVersions(a: Version, b: Version): number {
  return comparePrecedence(parseSemver(a.text), parseSemver(b.text));
}

/** An import or export name split at its version: `ns:pkg/iface` and `1.2.3`. */
export interface VersionedName {
  readonly base: string;
  readonly version: Version | undefined;
}

/** Splits `ns:pkg/iface@1.2.3`; plain names and names without a version have no version. */
export function splitVersionedName(name: string): VersionedName {
  const at = name.lastIndexOf('@');
  if (at <= 0 || !name.slice(0, at).includes(':')) return { base: name, version: undefined };
  const version = parseVersion(name.slice(at + 1));
  return version ? { base: name.slice(0, at), version } : { base: name, version: undefined };
}

/** Whether an export named `offered` can satisfy an import named `wanted`: the same name, or the same interface on one compatibility track. */
export function namesCompatible(wanted: string, offered: string): boolean {
  if (wanted === offered) return true;
  const a = splitVersionedName(wanted);
  const b = splitVersionedName(offered);
  return a.version !== undefined && b.version !== undefined && a.base === b.base && semverCompatible(a.version.text, b.version.text);
}

/**
 * The key under which imports merge: names with the same key become one
 * import. `wasi:io/streams@0.2.3` and `@0.2.12` share `wasi:io/streams@0.2`;
 * a name without a compatibility track is its own key.
 */
export function mergeKey(name: string): string {
  const { base, version } = splitVersionedName(name);
  const track = version === undefined ? undefined : compatibilityTrack(version);
  return track === undefined ? name : `${base}@${track}`;
}

/** Of several names with one merge key, the one with the highest version (the first on a tie). */
export function highestVersion(names: readonly string[]): string {
  let best: string | undefined;
  let bestVersion: Version | undefined;
  for (const name of names) {
    const { version } = splitVersionedName(name);
    if (best === undefined || (version && bestVersion && compareVersions(version, bestVersion) > 0)) {
      best = name;
      bestVersion = version;
    }
  }
  if (best === undefined) throw new RangeError('highestVersion of no names');
  return best;
}

/** The name without its version: `example:math/ops` for `example:math/ops@1.0.0`. */
export function unversioned(name: string): string {
  return splitVersionedName(name).base;
}
