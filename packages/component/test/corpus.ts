/**
 * Test inputs for `@weld/component`, made with wasm-tools 1.263:
 *   - `wat/*.wat` parsed with `wasm-tools parse`
 *   - the WASI 0.2.12 WIT packages bundled with jco, as `wasm-tools component wit --wasm`
 *   - `embed/` (a WIT world and a core module) through `component embed` + `component new`
 *   - real components under `test/fixtures/` (repository root or this package), when present
 * wasm-tools is required: without it the corpus fails with a clear message.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { wasmToolsPath } from '../../../test/support/wasm-tools.js';

export const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = join(here, '..', '..', '..');

/** The wasm-tools binary the tests compare against. */
export const findWasmTools = wasmToolsPath;

export interface RunResult {
  readonly status: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** Runs wasm-tools; throws a clear error when it cannot be started. */
export function wasmTools(args: readonly string[], input?: Uint8Array): RunResult {
  const bin = wasmToolsPath();
  const result = spawnSync(bin, args, { input, maxBuffer: 1 << 28 });
  if (result.error) throw new Error(`cannot run wasm-tools (${bin}): ${result.error.message}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString('utf8') };
}

/** Runs wasm-tools and returns stdout, failing with its stderr on a non-zero exit. */
export function wasmToolsOk(args: readonly string[], input?: Uint8Array): Buffer {
  const r = wasmTools(args, input);
  if (r.status !== 0) throw new Error(`wasm-tools ${args.join(' ')} failed:\n${r.stderr}`);
  return r.stdout;
}

/** `wasm-tools validate --features all` of some bytes: undefined when valid, else the message. */
export function validate(bytes: Uint8Array): string | undefined {
  const r = wasmTools(['validate', '--features', 'all', '-'], bytes);
  return r.status === 0 ? undefined : r.stderr;
}

export interface CorpusEntry {
  /** A short name for test titles. */
  readonly name: string;
  readonly bytes: Uint8Array;
  /** Whether wasm-tools must accept it (fixtures are not checked). */
  readonly valid: boolean;
}

const watDir = join(here, 'wat');
const embedDir = join(here, 'embed');
const witRoot = join(repoRoot, 'node_modules', '@bytecodealliance', 'jco', 'lib', 'wit', 'builtin', '0.2.12');

/** The WAT files, sorted. */
export function watFiles(): string[] {
  return readdirSync(watDir).filter((f) => f.endsWith('.wat')).sort().map((f) => join(watDir, f));
}

/** `wasm-tools parse` of one WAT file. */
export function parseWat(file: string): Uint8Array {
  return new Uint8Array(wasmToolsOk(['parse', file]));
}

/**
 * The WASI 0.2.12 packages as WIT-encoded components. Packages refer to each
 * other, so each is resolved in a scratch folder with the others as `deps/`.
 */
export function witPackages(): CorpusEntry[] {
  if (!existsSync(witRoot)) throw new Error(`missing ${witRoot}: run npm install`);
  const scratch = mkdtempSync(join(tmpdir(), 'weld-component-wit-'));
  const packages = readdirSync(witRoot).filter((p) => statSync(join(witRoot, p)).isDirectory()).sort();
  return packages.map((pkg) => {
    const dir = join(scratch, pkg);
    cpSync(join(witRoot, pkg), dir, { recursive: true });
    for (const dep of packages) if (dep !== pkg) cpSync(join(witRoot, dep), join(dir, 'deps', dep), { recursive: true });
    const out = join(scratch, `${pkg}.wasm`);
    wasmToolsOk(['component', 'wit', dir, '--wasm', '-o', out]);
    return { name: `wit ${pkg}`, bytes: new Uint8Array(readFileSync(out)), valid: true };
  });
}

/** The core module with the `component-type:small` section, and the component made from it. */
export function embedded(): { core: Uint8Array; component: Uint8Array } {
  const scratch = mkdtempSync(join(tmpdir(), 'weld-component-embed-'));
  const core = join(scratch, 'embedded.wasm');
  const component = join(scratch, 'component.wasm');
  wasmToolsOk(['component', 'embed', join(embedDir, 'world.wit'), '--world', 'small', join(embedDir, 'core.wat'), '-o', core]);
  wasmToolsOk(['component', 'new', core, '-o', component]);
  return { core: new Uint8Array(readFileSync(core)), component: new Uint8Array(readFileSync(component)) };
}

/** Real components built by other tools, if any: `test/fixtures/**.wasm` at the root and in this package. */
export function fixtures(): CorpusEntry[] {
  const out: CorpusEntry[] = [];
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.isFile() && e.name.endsWith('.wasm')) {
        out.push({ name: `fixture ${basename(dirname(path))}/${e.name}`, bytes: new Uint8Array(readFileSync(path)), valid: false });
      }
    }
  };
  walk(join(repoRoot, 'test', 'fixtures'));
  walk(join(here, 'fixtures'));
  return out;
}

let cached: CorpusEntry[] | undefined;

/** Every component of the corpus (WAT, WIT packages, embed + new, fixtures). */
export function corpus(): CorpusEntry[] {
  if (cached) return cached;
  const wat = watFiles().map((f) => ({ name: `wat ${basename(f)}`, bytes: parseWat(f), valid: true }));
  const { component } = embedded();
  cached = [...wat, ...witPackages(), { name: 'embed+new small', bytes: component, valid: true }, ...fixtures()];
  return cached;
}

/** Writes bytes to a scratch file (for debugging a failure). */
export function dump(name: string, bytes: Uint8Array): string {
  const dir = join(tmpdir(), 'weld-component-dump');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name.replace(/[^a-z0-9.-]+/gi, '_'));
  writeFileSync(path, bytes);
  return path;
}
