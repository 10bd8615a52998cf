import semver from 'semver';

/** Orders two semver texts by semver precedence, as Rust's `semver::Version` does. */
export function compareVersions(a: string, b: string): number {
  const order = semver.compare(a, b);
  // Rust also orders by build metadata when everything else is equal.
  if (order !== 0) return order;
  const buildA = a.split('+')[1] ?? '';
  const buildB = b.split('+')[1] ?? '';
  return buildA < buildB ? -1 : buildA > buildB ? 1 : 0;
}

/** Whether version `a` is newer than `b`. */
export function versionGreater(a: string, b: string): boolean {
  return compareVersions(a, b) > 0;
}
