/**
 * Which world to generate for: the one named on the command line (plain in
 * the main package, or fully qualified as `ns:pkg/world@1.0.0`), else the
 * main package's only world, as `wit-bindgen`'s `select_world` does.
 */
import { interfaceIdOf, packageNameString, qualifiedName, type PackageId, type Resolve, type WorldId } from '@weld/wit';
import { BindgenError } from './errors.js';

/** The world `name` of `resolve`, looked up the way `jco types --world-name` does. */
export function selectWorld(resolve: Resolve, main: PackageId, name: string | undefined): WorldId {
  const pkg = resolve.packages[main]!;
  const known = (): string[] => resolve.worlds.map((w) => qualifiedWorldName(resolve, w.package, w.name));
  if (name === undefined) {
    const worlds = [...pkg.worlds.values()];
    if (worlds.length === 1) return worlds[0]!;
    if (worlds.length === 0) throw new BindgenError({ kind: 'no-world', package: packageNameString(pkg.name) });
    throw new BindgenError({ kind: 'world-ambiguous', known: [...pkg.worlds.keys()] });
  }
  const slash = name.lastIndexOf('/');
  if (slash === -1) {
    const id = pkg.worlds.get(name);
    if (id === undefined) throw new BindgenError({ kind: 'world-not-found', requested: name, known: known() });
    return id;
  }
  const at = name.indexOf('@', slash);
  const pkgName = name.slice(0, slash) + (at === -1 ? '' : name.slice(at));
  const worldName = at === -1 ? name.slice(slash + 1) : name.slice(slash + 1, at);
  const candidates = [...resolve.packageNames.entries()]
    .filter(([key]) => key === pkgName || (at === -1 && key.startsWith(`${pkgName}@`)))
    .map(([, id]) => resolve.packages[id]!.worlds.get(worldName))
    .filter((id): id is WorldId => id !== undefined);
  if (candidates.length === 1) return candidates[0]!;
  throw new BindgenError(candidates.length === 0
    ? { kind: 'world-not-found', requested: name, known: known() }
    : { kind: 'world-ambiguous', known: known() });
}

/** `ns:pkg/world@version`, or the bare name of a world outside any package. */
export function qualifiedWorldName(resolve: Resolve, pkg: PackageId | undefined, name: string): string {
  if (pkg === undefined) return name;
  return qualifiedName(resolve.packages[pkg]!.name, name);
}

/** `ns:pkg/iface@version` of a named interface, or undefined for an inline one. */
export function qualifiedInterfaceName(resolve: Resolve, id: number): string | undefined {
  return interfaceIdOf(resolve, id);
}
