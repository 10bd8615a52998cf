/**
 * `weld wit fetch` and `weld wit update`: every package a WIT folder uses
 * and does not define, resolved by name (the lock's versions first, unless
 * updating), merged into one resolve with the folder, and written into
 * `deps/` as wkg writes it: one folder per package of the resolve but the
 * folder's own (`ns-pkg-1.2.3/package.wit`, the package printed as WIT),
 * the whole `deps/` replaced at once; then wkg.lock.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { loadWitFiles, packageNameString, packageSource, printWit, usedPackages, type PackageResolver, type WasmDecoder } from '@weld/wit';
import { dockerCredentials } from '@weld/oci/node';
import { readWitInput } from '@weld/wit/node';
import { RegistryError } from '../errors.js';
import { lockFileName, mergeLock, parseLock, printLock, type LockEntry } from '../lock.js';
import type { LockFile } from '../model.js';
import { parseProjectMetadata, type ProjectMetadata } from '../publish.js';
import { PackageRegistry, type PackageRegistryOptions, type Resolution } from '../registry.js';
import { asResolvedPackage } from '../resolver.js';

/** What a fetch needs: the registry options (without the lock, which it reads), the folder and the lock's path. */
export interface WitFetchOptions extends Omit<PackageRegistryOptions, 'lock'> {
  readonly witDir: string;
  readonly lockPath: string;
  /** Ignore the versions locked: take the newest that fits, and write a lock of only what was resolved. */
  readonly update?: boolean;
}

/** What a fetch did. */
export interface WitFetchResult {
  /** The packages the folder uses, as resolved, in the order they are named (their `decoded` resolves are merged away). */
  readonly resolutions: readonly Resolution[];
  /** The `deps/` folders written (`wasi-io-0.2.0`), sorted. */
  readonly folders: readonly string[];
  readonly lockPath: string;
}

/** The nearest `wkg.toml` (wkg's project file) in `cwd` or above it. */
export function findProjectFile(cwd: string): string | undefined {
  for (let dir = cwd; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'wkg.toml'))) return join(dir, 'wkg.toml');
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Where wkg keeps the lock for work in `cwd`: next to the nearest `wkg.toml`
 * in it or above it, else in `cwd` itself.
 */
export function findLockPath(cwd: string): string {
  const project = findProjectFile(cwd);
  return join(project === undefined ? cwd : dirname(project), lockFileName);
}

/** The `[metadata]` of the project file at `path`. */
export async function readProjectMetadata(path: string): Promise<ProjectMetadata> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new RegistryError('config', `${path}: cannot read the project file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return parseProjectMetadata(text, path);
}

/** The lock at `path`, or an empty one when there is none. */
export async function readLock(path: string): Promise<LockFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { packages: [] };
    throw new RegistryError('config', `${path}: cannot read the lock file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return parseLock(text, path);
}

/** The name of a package's `deps/` folder, as wkg names it: `ns:pkg@1.2.3` → `ns-pkg-1.2.3`. */
export const depsFolderName = (name: string): string => name.replace(/[:@]/g, '-');

/** Fetches the packages `options.witDir` uses into its `deps/`, and writes the lock (Docker's credentials unless `options.credentials`). Nothing is written unless all of it resolves. */
export async function fetchWitDependencies(options: WitFetchOptions): Promise<WitFetchResult> {
  const existing = await readLock(options.lockPath);
  const registry = new PackageRegistry({ credentials: dockerCredentials(), ...options, ...(options.update !== true && { lock: existing }) });
  // Read once: the used packages come from these files, and the load below takes the same ones.
  const input = witInputFiles(options.witDir);
  const files = witFiles(options.witDir, input);
  // Each package is a few round trips (tags, manifest, blob): a few at a time overlap them with each other's decoding.
  const resolutions = await inOrder(usedPackages(files), resolveWidth, (name) => registry.resolve(name));

  const fromRegistry = new Set<string>();
  for (const { decoded } of resolutions) for (const pkg of decoded.resolve.packages) fromRegistry.add(packageNameString(pkg.name));
  const ordered = mergeOrder(resolutions);
  // Each package was decoded when it was checked: the loader takes that decoding (and merges it away) instead of decoding again.
  const decodedOf = new Map(ordered.map((r) => [r.bytes, r.decoded]));
  const decodeWasm: WasmDecoder = (encoded) => {
    const done = encoded.kind === 'binary' ? decodedOf.get(encoded.bytes) : undefined;
    if (done === undefined || encoded.kind !== 'binary') return options.decodeWasm(encoded);
    decodedOf.delete(encoded.bytes);
    return done;
  };
  const preloaded: PackageResolver = { packages: () => ordered.map(asResolvedPackage), resolve: () => undefined };
  const loaded = await loadWitFiles({ kind: 'folder', path: options.witDir, files: input }, { decodeWasm, allFeatures: true, resolvers: [preloaded] });
  const deps = new Map<string, string>();
  loaded.resolve.packages.forEach((pkg, id) => {
    const name = packageNameString(pkg.name);
    if (fromRegistry.has(name)) deps.set(depsFolderName(name), printWit(loaded.resolve, [id]));
  });
  await replaceDeps(options.witDir, deps);

  const entries: LockEntry[] = resolutions.map((r) => ({ name: r.package, registry: r.registry, locked: r.locked }));
  const lock = mergeLock(options.update === true ? { packages: [] } : existing, entries);
  await writeAtomically(options.lockPath, printLock(lock));
  return { resolutions, folders: [...deps.keys()].sort(), lockPath: options.lockPath };
}

/** How many packages are resolved at once. */
const resolveWidth = 4;

/**
 * `work` over `items`, at most `width` at a time, the results in the items'
 * order. After a failure no more are started, and the failure of the first
 * item that failed is thrown: the error one at a time would have given.
 */
async function inOrder<T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  const failures: { index: number; error: unknown }[] = [];
  let next = 0;
  const lane = async () => {
    while (next < items.length && failures.length === 0) {
      const index = next++;
      try {
        results[index] = await work(items[index]!);
      } catch (error) {
        failures.push({ index, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  if (failures.length > 0) throw failures.reduce((a, b) => (b.index < a.index ? b : a)).error;
  return results;
}

/** The folder's `.wit` files among `input` (its `deps/` left out). */
function witFiles(dir: string, input: ReturnType<typeof witInputFiles>) {
  const source = packageSource({ kind: 'folder', path: dir, files: input });
  if (source.kind !== 'wit') throw new RegistryError('config', `${dir}: not a folder of .wit files`);
  return source.files;
}

function witInputFiles(dir: string) {
  const input = readWitInput(dir);
  if (input.kind !== 'folder') throw new RegistryError('config', `${dir}: not a folder (weld wit fetch takes the WIT folder, whose deps/ it fills)`);
  return [...input.files];
}

/**
 * The order packages join the resolve: one that another embeds (a package
 * encoded as wasm carries the parts of its dependencies it uses) before the
 * one that embeds it, so the whole package is merged first, as wkg orders
 * them; otherwise by name.
 */
function mergeOrder(resolutions: readonly Resolution[]): Resolution[] {
  const nameOf = (r: Resolution) => packageNameString(r.decoded.resolve.packages[r.decoded.package]!.name);
  const sorted = [...resolutions].sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0));
  const byName = new Map(sorted.map((r) => [nameOf(r), r]));
  const waiting = new Map<Resolution, number>();
  const dependents = new Map<string, Resolution[]>();
  for (const r of sorted) {
    let count = 0;
    r.decoded.resolve.packages.forEach((pkg, id) => {
      const name = packageNameString(pkg.name);
      if (id === r.decoded.package || !byName.has(name)) return;
      count++;
      const list = dependents.get(name) ?? [];
      list.push(r);
      dependents.set(name, list);
    });
    waiting.set(r, count);
  }
  const order: Resolution[] = [];
  const placed = new Set<Resolution>();
  for (let progress = true; progress; ) {
    progress = false;
    for (const r of sorted) {
      if (placed.has(r) || waiting.get(r)! > 0) continue;
      placed.add(r);
      order.push(r);
      progress = true;
      for (const d of dependents.get(nameOf(r)) ?? []) waiting.set(d, waiting.get(d)! - 1);
    }
  }
  for (const r of sorted) if (!placed.has(r)) order.push(r);
  return order;
}

/** Replaces `dir/deps` with the given folders: staged beside it, then swapped in by renames. */
async function replaceDeps(dir: string, folders: ReadonlyMap<string, string>): Promise<void> {
  const tag = randomBytes(6).toString('hex');
  const deps = join(dir, 'deps');
  const staged = join(dir, `.deps.${tag}.partial`);
  const old = join(dir, `.deps.${tag}.old`);
  try {
    await mkdir(staged);
    // Each folder on its own: one round trip through the thread pool after another would add up.
    await Promise.all(
      Array.from(folders, async ([folder, text]) => {
        await mkdir(join(staged, folder));
        await writeFile(join(staged, folder, 'package.wit'), text);
      }),
    );
    let moved = false;
    try {
      await rename(deps, old);
      moved = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    try {
      await rename(staged, deps);
    } catch (error) {
      if (moved) await rename(old, deps);
      throw error;
    }
    if (moved) await rm(old, { recursive: true, force: true });
  } finally {
    await rm(staged, { recursive: true, force: true });
  }
}

/** Writes `text` to `path` through a temporary sibling and a rename. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.partial`;
  try {
    await writeFile(temp, text);
    await rename(temp, path);
  } finally {
    await rm(temp, { force: true });
  }
}
