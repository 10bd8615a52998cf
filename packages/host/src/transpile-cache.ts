/**
 * jco's transpile output, cached on disk by the component's sha256:
 * `<cache>/transpile/<sha256>-<hash of jco's version and options>/`. A second
 * start of the same component reads the entry and skips transpiling (and
 * loading jco at all). Entries are written to a temporary directory and
 * renamed into place, so concurrent starts never see half an entry.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256Hex } from '@weld/component';
import type { WorldNames } from './world.js';

/** A component transpiled by jco in instantiation mode, on disk. */
export interface Transpiled {
  /** The directory holding the generated files. */
  readonly dir: string;
  /** The generated ES module, relative to `dir`; it exports `instantiate`. */
  readonly js: string;
  /** Imported interfaces as keys of the import object (jco drops versions: `wasi:cli/stdout`). */
  readonly imports: readonly string[];
  /** Exported names as keys of the exports object (`run`, `wasi:cli/run@0.2.12`, …). */
  readonly exports: readonly string[];
  /** The component's own import and export names, when the entry recorded them. */
  readonly world?: WorldNames;
}

/**
 * jco's options. A fixed `name` keeps the output independent of the file
 * name, so one entry serves every copy of a component.
 */
const transpileOptions = { name: 'component', instantiation: 'async', noTypescript: true, quiet: true } as const;


let toolHashMemo: string | undefined;

/** A short hash of jco's version and our options: a new jco never reads an old entry. */
function toolHash(): string {
  if (toolHashMemo === undefined) {
    const entry = fileURLToPath(import.meta.resolve('@bytecodealliance/jco'));
    const pkg = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version?: unknown };
    toolHashMemo = sha256Hex(JSON.stringify({ jco: String(pkg.version), options: transpileOptions })).slice(0, 12);
  }
  return toolHashMemo;
}

/** The entry directory for a component with this sha256 (hex). */
export function transpileEntry(cacheDir: string, digestHex: string): string {
  return join(cacheDir, 'transpile', `${digestHex}-${toolHash()}`);
}

interface Manifest {
  readonly js: string;
  readonly imports: readonly string[];
  readonly exports: readonly string[];
  readonly world?: WorldNames;
}

/** The cached entry for `digestHex`, if there is one. */
export function readTranspiled(cacheDir: string, digestHex: string): Transpiled | undefined {
  const dir = transpileEntry(cacheDir, digestHex);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
  return { dir, ...manifest };
}

/** Transpilations under way in this process, by entry directory. */
const pending = new Map<string, Promise<Transpiled>>();

/**
 * The cached entry for `bytes` (whose sha256 is `digestHex`), transpiling
 * with jco first when there is none. `world` is recorded in the entry so that
 * a warm start need not decode the component.
 */
export function transpileCached(cacheDir: string, bytes: Uint8Array, digestHex: string, world?: WorldNames): Promise<Transpiled> {
  const cached = readTranspiled(cacheDir, digestHex);
  if (cached !== undefined) return Promise.resolve(cached);
  const dir = transpileEntry(cacheDir, digestHex);
  let result = pending.get(dir);
  if (result === undefined) {
    result = transpileInto(dir, bytes, world);
    pending.set(dir, result);
    void result.finally(() => pending.delete(dir)).catch(() => {});
  }
  return result;
}

async function transpileInto(dir: string, bytes: Uint8Array, world: WorldNames | undefined): Promise<Transpiled> {
  // jco is large: load it only when there is something to transpile.
  const { transpile } = await import('@bytecodealliance/jco');
  const out = await transpile(bytes, { ...transpileOptions });
  const staging = `${dir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  for (const [file, data] of Object.entries(out.files)) {
    mkdirSync(dirname(join(staging, file)), { recursive: true });
    writeFileSync(join(staging, file), data);
  }
  const manifest: Manifest = {
    js: `${transpileOptions.name}.js`,
    imports: out.imports,
    exports: out.exports.map(([name]) => name),
    ...(world === undefined ? {} : { world }),
  };
  writeFileSync(join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  mkdirSync(dirname(dir), { recursive: true });
  try {
    renameSync(staging, dir);
  } catch (error) {
    // Another process got there first; its entry is as good as ours.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(join(dir, 'manifest.json'))) throw error;
  }
  return { dir, ...manifest };
}
