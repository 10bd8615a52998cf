/**
 * Whether a new version of a WIT package may be published as a
 * semver-compatible release of the previous one, and what differs: what
 * `wasm-tools component semver-check` decides for one pair of worlds,
 * applied to a whole package. As there, versions are ignored (interfaces
 * are matched by `ns:pkg/name`) and types must keep their exact structure.
 * Worlds follow wasm-tools' rule: a component built for the previous world
 * must still fit the new one, so the new world may import more and export
 * less, never the other way round. A package's interfaces are a contract
 * in both directions: nothing may be removed or changed, anything may be
 * added. Named types are compared by name (each is checked where it is
 * defined), anonymous ones by structure; a resource is its name.
 */
import type { Function, Interface, InterfaceId, PackageId, PackageName, Resolve, Type, TypeDef, TypeDefKind, World, WorldEntry } from './model.js';
import { packageNameString } from './model.js';
import { anonymousExpr, escapeName, typeExpr } from './print/print-types.js';
import { parseSemver, type Semver } from './semver.js';
import { unreachable } from './unreachable.js';

/** One version of a package: a resolve and the package's id in it. */
export interface PackageVersion {
  readonly resolve: Resolve;
  readonly package: PackageId;
}

/** One difference between two versions of a package. */
export interface SemverDifference {
  readonly kind: 'removed' | 'changed' | 'added';
  /** Whether a semver-compatible release may not make it. */
  readonly breaking: boolean;
  /** What it is about: `interface types`, `interface types: function f`, `world proxy, import x`. */
  readonly item: string;
  /** A sentence saying what changed. */
  readonly message: string;
}

/** The verdict of {@link semverCheck}. */
export interface SemverCheckResult {
  /** `ns:pkg@version` of each side. */
  readonly previous: string;
  readonly next: string;
  /**
   * Whether the versions promise compatibility: the same major version
   * (1.0 and later), the same minor version (0.x), the same version (0.0.x),
   * as wit-parser tracks them. True when either side has no version.
   */
  readonly compatibilityRequired: boolean;
  /** No breaking difference, or none required. */
  readonly compatible: boolean;
  /** Every difference found, breaking ones first, each group in package order. */
  readonly differences: readonly SemverDifference[];
}

/** Whether version `next` is semver-compatible with `previous` (wit-parser's version tracks). */
export function semverCompatible(previous: Semver, next: Semver): boolean {
  if (previous.major > 0n) return next.major === previous.major;
  if (previous.minor > 0n) return next.major === 0n && next.minor === previous.minor;
  return next.major === 0n && next.minor === 0n && next.patch === previous.patch;
}

const code = (name: string): string => `\`${escapeName(name)}\``;
const versionless = (name: PackageName): string => `${name.namespace}:${name.name}`;

/** One side of the comparison. */
class Side {
  constructor(readonly resolve: Resolve) {}

  type(id: number): TypeDef {
    return this.resolve.types[id]!;
  }

  /** The version-free name a named type or resource is matched by across the two sides. */
  identity(def: TypeDef): string {
    const owner = def.owner;
    switch (owner.kind) {
      case 'interface':
        return `${this.interfaceName(owner.id)}.${def.name ?? ''}`;
      case 'world': {
        const world = this.resolve.worlds[owner.id]!;
        return `${this.packagePrefix(world.package)}${world.name}.${def.name ?? ''}`;
      }
      case 'none':
        return def.name ?? '';
      default:
        return unreachable(owner);
    }
  }

  packagePrefix(id: PackageId | undefined): string {
    return id === undefined ? '' : `${versionless(this.resolve.packages[id]!.name)}/`;
  }

  /** `ns:pkg/name` of a named interface; an inline one is only its own types' owner. */
  interfaceName(id: InterfaceId): string {
    const iface = this.resolve.interfaces[id]!;
    return `${this.packagePrefix(iface.package)}${iface.name ?? `<inline ${id}>`}`;
  }

  /** The name a world import or export is matched by: its kebab name, or the interface's version-free name. */
  keyName(entry: WorldEntry): string {
    return entry.key.kind === 'name' ? entry.key.name : this.interfaceName(entry.key.id);
  }

  text(type: Type): string {
    return typeExpr(this.resolve, type);
  }

  signature(fn: Function): string {
    const params = fn.params.map((p) => `${escapeName(p.name)}: ${this.text(p.type)}`).join(', ');
    const prefix = fn.kind.kind.startsWith('async') ? 'async ' : '';
    return `${prefix}func(${params})${fn.result === undefined ? '' : ` -> ${this.text(fn.result)}`}`;
  }
}

/** Whether two types have the same structure, named types matched by identity. Iterative: anonymous types nest as deep as a stranger writes them. */
function sameType(a: Side, ta: Type | undefined, b: Side, tb: Type | undefined): boolean {
  const stack: [Type | undefined, Type | undefined][] = [[ta, tb]];
  for (let pair = stack.pop(); pair !== undefined; pair = stack.pop()) {
    const [x, y] = pair;
    if (x === undefined || y === undefined) {
      if (x !== y) return false;
      continue;
    }
    if (typeof x === 'string' || typeof y === 'string') {
      if (x !== y) return false;
      continue;
    }
    const dx = a.type(x);
    const dy = b.type(y);
    if (dx.name !== undefined || dy.name !== undefined) {
      if (dx.name === undefined || dy.name === undefined || a.identity(dx) !== b.identity(dy)) return false;
      continue;
    }
    const children = anonymousChildren(a, dx.kind, b, dy.kind);
    if (children === undefined) return false;
    for (const child of children) stack.push(child);
  }
  return true;
}

/** The pairs of child types two anonymous types must agree on, or undefined when their shapes differ. */
function anonymousChildren(a: Side, x: TypeDefKind, b: Side, y: TypeDefKind): [Type | undefined, Type | undefined][] | undefined {
  switch (x.kind) {
    case 'handle':
      return y.kind === 'handle' && x.handle === y.handle && a.identity(a.type(x.resource)) === b.identity(b.type(y.resource)) ? [] : undefined;
    case 'tuple':
      return y.kind === 'tuple' && x.types.length === y.types.length ? x.types.map((t, i) => [t, y.types[i]]) : undefined;
    case 'option':
      return y.kind === 'option' ? [[x.type, y.type]] : undefined;
    case 'result':
      return y.kind === 'result' ? [[x.ok, y.ok], [x.err, y.err]] : undefined;
    case 'list':
      return y.kind === 'list' ? [[x.element, y.element]] : undefined;
    case 'map':
      return y.kind === 'map' ? [[x.key, y.key], [x.value, y.value]] : undefined;
    case 'fixed-length-list':
      return y.kind === 'fixed-length-list' && x.size === y.size ? [[x.element, y.element]] : undefined;
    case 'future':
    case 'stream':
      return y.kind === x.kind ? [[x.type, y.type]] : undefined;
    case 'type':
      return y.kind === 'type' ? [[x.type, y.type]] : undefined;
    case 'record':
    case 'resource':
    case 'flags':
    case 'variant':
    case 'enum':
    case 'unknown':
      // Never anonymous in a resolve; two unknowns are as equal as can be told.
      return x.kind === y.kind && x.kind === 'unknown' ? [] : undefined;
    default:
      return unreachable(x);
  }
}

/** The kind of a type as a noun for messages. */
const kindNoun = (kind: TypeDefKind): string => (kind.kind === 'type' || kind.kind === 'handle' ? 'an alias' : `a ${kind.kind}`);

/** Members (fields, cases, flags) by position: what was removed, added, moved or retyped. */
function memberReasons<T extends { readonly name: string }>(
  noun: string, xs: readonly T[], ys: readonly T[], retyped: (x: T, y: T) => string | undefined,
): string[] {
  const reasons: string[] = [];
  const after = new Map(ys.map((y, i) => [y.name, i]));
  const before = new Set(xs.map((x) => x.name));
  for (const [i, x] of xs.entries()) {
    const j = after.get(x.name);
    if (j === undefined) {
      reasons.push(`${noun} ${code(x.name)} was removed`);
      continue;
    }
    // Members are matched by position in the binary: a move is a change.
    if (i !== j) reasons.push(`${noun} ${code(x.name)} moved from position ${i + 1} to ${j + 1}`);
    const why = retyped(x, ys[j]!);
    if (why !== undefined) reasons.push(`${noun} ${code(x.name)} ${why}`);
  }
  for (const y of ys) if (!before.has(y.name)) reasons.push(`${noun} ${code(y.name)} was added`);
  return reasons;
}

/** Why two definitions of a named type differ, or undefined when they agree. */
function definitionDifference(a: Side, x: TypeDef, b: Side, y: TypeDef): string | undefined {
  const retype = (tx: Type | undefined, ty: Type | undefined): string | undefined => {
    if (tx === undefined && ty === undefined) return undefined;
    if (tx === undefined) return `now carries \`${b.text(ty!)}\``;
    if (ty === undefined) return `no longer carries \`${a.text(tx)}\``;
    return sameType(a, tx, b, ty) ? undefined : `changed type from \`${a.text(tx)}\` to \`${b.text(ty)}\``;
  };
  const kx = x.kind;
  const ky = y.kind;
  let reasons: string[];
  switch (kx.kind) {
    case 'record':
      if (ky.kind !== 'record') break;
      reasons = memberReasons('field', kx.fields, ky.fields, (f, g) => retype(f.type, g.type));
      return reasons.length === 0 ? undefined : reasons.join('; ');
    case 'variant':
      if (ky.kind !== 'variant') break;
      reasons = memberReasons('case', kx.cases, ky.cases, (f, g) => retype(f.type, g.type));
      return reasons.length === 0 ? undefined : reasons.join('; ');
    case 'enum':
      if (ky.kind !== 'enum') break;
      reasons = memberReasons('case', kx.cases, ky.cases, () => undefined);
      return reasons.length === 0 ? undefined : reasons.join('; ');
    case 'flags':
      if (ky.kind !== 'flags') break;
      reasons = memberReasons('flag', kx.flags, ky.flags, () => undefined);
      return reasons.length === 0 ? undefined : reasons.join('; ');
    case 'resource':
      if (ky.kind !== 'resource') break;
      return undefined;
    case 'handle':
    case 'tuple':
    case 'option':
    case 'result':
    case 'list':
    case 'map':
    case 'fixed-length-list':
    case 'future':
    case 'stream':
    case 'type':
    case 'unknown': {
      // An alias or a named anonymous type (`type t = list<u8>`): compared by what its right-hand side says.
      const children = anonymousChildren(a, kx, b, ky);
      if (children !== undefined && children.every(([p, q]) => sameType(a, p, b, q))) return undefined;
      if (ky.kind === 'record' || ky.kind === 'variant' || ky.kind === 'enum' || ky.kind === 'flags' || ky.kind === 'resource') break;
      return `was \`${anonymousExpr(a.resolve, kx, true)}\`, now \`${anonymousExpr(b.resolve, ky, true)}\``;
    }
    default:
      return unreachable(kx);
  }
  return `was ${kindNoun(kx)}, now ${kindNoun(ky)}`;
}

/** Why two functions differ, or undefined when their signatures agree. */
function functionDifference(a: Side, f: Function, b: Side, g: Function): string | undefined {
  const sameKind = f.kind.kind === g.kind.kind
    && (!('resource' in f.kind) || !('resource' in g.kind) || a.identity(a.type(f.kind.resource)) === b.identity(b.type(g.kind.resource)));
  const sameParams = f.params.length === g.params.length && f.params.every((p, i) => p.name === g.params[i]!.name && sameType(a, p.type, b, g.params[i]!.type));
  const sameResult = f.result === undefined || g.result === undefined ? f.result === g.result : sameType(a, f.result, b, g.result);
  if (sameKind && sameParams && sameResult) return undefined;
  return `was \`${a.signature(f)}\`, now \`${b.signature(g)}\``;
}

/** Collects differences; breaking ones are listed before the rest. */
class Differences {
  readonly breaking: SemverDifference[] = [];
  readonly fine: SemverDifference[] = [];

  add(kind: SemverDifference['kind'], breaking: boolean, item: string, message: string): void {
    (breaking ? this.breaking : this.fine).push({ kind, breaking, item, message });
  }
}

/** How a place is named: in a sentence, and as the `item` of a difference. */
interface Where {
  readonly text: string;
  readonly item: string;
}

/** Which way an interface is used: as a package's contract, or as a world's import or export. */
type Direction = 'contract' | 'import' | 'export';

/**
 * Compares two versions of an interface. As a contract or an import,
 * removing or changing breaks and adding is fine; as a world's export, a
 * function the new version adds is one a component built for the previous
 * one does not export.
 */
function compareInterface(a: Side, x: Interface, b: Side, y: Interface, where: Where, direction: Direction, out: Differences): void {
  const { text, item } = where;
  for (const [name, id] of x.types) {
    const other = y.types.get(name);
    if (other === undefined) {
      out.add('removed', true, `${item}: type ${name}`, `type ${code(name)} of ${text} was removed`);
      continue;
    }
    const why = definitionDifference(a, a.type(id), b, b.type(other));
    if (why !== undefined) out.add('changed', true, `${item}: type ${name}`, `type ${code(name)} of ${text} changed: ${why}`);
  }
  for (const name of y.types.keys()) {
    if (!x.types.has(name)) out.add('added', direction === 'export', `${item}: type ${name}`, `type ${code(name)} was added to ${text}`);
  }
  for (const [name, fn] of x.functions) {
    const other = y.functions.get(name);
    if (other === undefined) {
      out.add('removed', direction !== 'export', `${item}: function ${name}`, `function ${code(name)} of ${text} was removed`);
      continue;
    }
    const why = functionDifference(a, fn, b, other);
    if (why !== undefined) out.add('changed', true, `${item}: function ${name}`, `function ${code(name)} of ${text} changed: ${why}`);
  }
  for (const name of y.functions.keys()) {
    if (x.functions.has(name)) continue;
    const note = direction === 'export' ? ': a component built for the previous version does not export it' : '';
    out.add('added', direction === 'export', `${item}: function ${name}`, `function ${code(name)} was added to ${text}${note}`);
  }
}

/** Compares one import or export present in both versions of a world. */
function compareWorldItem(a: Side, x: WorldEntry, b: Side, y: WorldEntry, place: Where, direction: 'import' | 'export', own: PackageId, out: Differences): void {
  const xi = x.item;
  const yi = y.item;
  if (xi.kind !== yi.kind) {
    out.add('changed', true, place.item, `${place.text} changed: was a ${xi.kind}, now a ${yi.kind}`);
    return;
  }
  switch (xi.kind) {
    case 'interface': {
      if (yi.kind !== 'interface') return;
      const ix = a.resolve.interfaces[xi.id]!;
      const iy = b.resolve.interfaces[yi.id]!;
      // The package's own named interfaces (`own` is its id on the previous side) are compared as contracts already; here only what the direction adds.
      const ownNamed = ix.name !== undefined && ix.package === own;
      const scratch = new Differences();
      compareInterface(a, ix, b, iy, place, direction, scratch);
      for (const d of [...scratch.breaking, ...scratch.fine]) {
        if (!ownNamed || (d.kind === 'added' && d.breaking)) out.add(d.kind, d.breaking, d.item, d.message);
      }
      return;
    }
    case 'function': {
      if (yi.kind !== 'function') return;
      const why = functionDifference(a, xi.function, b, yi.function);
      if (why !== undefined) out.add('changed', true, place.item, `${place.text} changed: ${why}`);
      return;
    }
    case 'type': {
      if (yi.kind !== 'type') return;
      const why = definitionDifference(a, a.type(xi.id), b, b.type(yi.id));
      if (why !== undefined) out.add('changed', true, place.item, `${place.text} changed: ${why}`);
      return;
    }
    default:
      unreachable(xi);
  }
}

/** Compares two versions of a world with wasm-tools' rule: imports may only grow, exports only shrink. */
function compareWorld(a: Side, x: World, b: Side, y: World, own: PackageId, out: Differences): void {
  const byName = (side: Side, entries: Map<string, WorldEntry>): Map<string, WorldEntry> => new Map([...entries.values()].map((e) => [side.keyName(e), e]));
  const world = `world ${code(x.name)}`;
  const place = (direction: 'import' | 'export', name: string): Where => ({ text: `${direction} ${code(name)} of ${world}`, item: `world ${x.name}, ${direction} ${name}` });
  const importsX = byName(a, x.imports);
  const importsY = byName(b, y.imports);
  for (const [name, entry] of importsX) {
    const other = importsY.get(name);
    const where = place('import', name);
    if (other === undefined) out.add('removed', true, where.item, `${where.text} was removed: a component built for the previous version imports it`);
    else compareWorldItem(a, entry, b, other, where, 'import', own, out);
  }
  for (const name of importsY.keys()) if (!importsX.has(name)) out.add('added', false, place('import', name).item, `import ${code(name)} was added to ${world}`);
  const exportsX = byName(a, x.exports);
  const exportsY = byName(b, y.exports);
  for (const [name, entry] of exportsY) {
    const other = exportsX.get(name);
    const where = place('export', name);
    if (other === undefined) out.add('added', true, where.item, `export ${code(name)} was added to ${world}: a component built for the previous version does not export it`);
    else compareWorldItem(a, other, b, entry, where, 'export', own, out);
  }
  for (const name of exportsX.keys()) if (!exportsY.has(name)) out.add('removed', false, place('export', name).item, `${place('export', name).text} was removed`);
}

/**
 * Checks whether `next` may be released as a semver-compatible version of
 * `previous`: the interfaces and worlds `previous` has are all there with
 * the same types and signatures, and every world still fits a component
 * built for its previous version. Additions are listed, not breaking
 * (except exports a world gains). A different package name is one breaking
 * difference.
 */
export function semverCheck(previous: PackageVersion, next: PackageVersion): SemverCheckResult {
  const a = new Side(previous.resolve);
  const b = new Side(next.resolve);
  const px = previous.resolve.packages[previous.package]!;
  const py = next.resolve.packages[next.package]!;
  const out = new Differences();
  const vx = px.name.version;
  const vy = py.name.version;
  const compatibilityRequired = vx === undefined || vy === undefined || semverCompatible(parseSemver(vx), parseSemver(vy));
  if (versionless(px.name) !== versionless(py.name)) {
    out.add('changed', true, 'package', `the previous package is ${versionless(px.name)}, which is not the same as the new package, ${versionless(py.name)}`);
  } else {
    for (const [name, id] of px.interfaces) {
      const other = py.interfaces.get(name);
      const where = { text: `interface ${code(name)}`, item: `interface ${name}` };
      if (other === undefined) out.add('removed', true, where.item, `${where.text} was removed`);
      else compareInterface(a, previous.resolve.interfaces[id]!, b, next.resolve.interfaces[other]!, where, 'contract', out);
    }
    for (const name of py.interfaces.keys()) if (!px.interfaces.has(name)) out.add('added', false, `interface ${name}`, `interface ${code(name)} was added`);
    for (const [name, id] of px.worlds) {
      const other = py.worlds.get(name);
      if (other === undefined) out.add('removed', true, `world ${name}`, `world ${code(name)} was removed`);
      else compareWorld(a, previous.resolve.worlds[id]!, b, next.resolve.worlds[other]!, previous.package, out);
    }
    for (const name of py.worlds.keys()) if (!px.worlds.has(name)) out.add('added', false, `world ${name}`, `world ${code(name)} was added`);
  }
  const differences = [...out.breaking, ...out.fine];
  return {
    previous: packageNameString(px.name),
    next: packageNameString(py.name),
    compatibilityRequired,
    compatible: !compatibilityRequired || out.breaking.length === 0,
    differences,
  };
}
