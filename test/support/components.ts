/**
 * Small components for tests, made with wasm-tools from WIT: `component embed`
 * (of a dummy core module, or of core WAT given inline) then `component new`,
 * cached by content under the system temp directory; and the wasm-tools
 * checks run on composed output (`validate`, `component wit`). Shared by the
 * `@weld/compose` tests and the end-to-end `weld compose` tests.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { wasmToolsPath } from './wasm-tools.js';

/** A component's display name and bytes (the shape of `@weld/compose`'s `ComposeInput`). */
export interface NamedComponent {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** The repository root. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The WIT directory of the rust-calc fixture (package weld:calc@1.0.0), for components that import or export its interfaces. */
export const rustCalcWitDir = join(repoRoot, 'test', 'fixtures', 'src', 'rust-calc', 'wit');

/**
 * A WASI package directory of the trees jco ships (`version` 0.2.10 has only
 * wasi-io, wasi-clocks and wasi-sockets; 0.2.12 has them all), for
 * {@link InlineWit}'s `deps`.
 */
export function jcoWasiWit(version: string, pkg: string): string {
  return join(repoRoot, 'node_modules', '@bytecodealliance', 'jco', 'lib', 'wit', 'builtin', version, pkg);
}

/**
 * Core WAT for a module's `cabi_realloc` export: a bump allocator that never
 * frees, from `(global $heap)` at 1024 up (the module must export a memory).
 */
export const watBumpAllocator = `
  (global $heap (mut i32) (i32.const 1024))
  (func (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $ptr) (local.get $size)))
    (local.get $ptr))`;

/** The wasm-tools binary the tests compare against. */
export const wasmToolsBin = wasmToolsPath;

function run(args: readonly string[], input?: Uint8Array): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(wasmToolsBin(), args, { input, maxBuffer: 1 << 28 });
  if (r.error) throw new Error(`cannot run wasm-tools: ${r.error.message}`);
  return { status: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

function ok(args: readonly string[]): void {
  const r = run(args);
  if (r.status !== 0) throw new Error(`wasm-tools ${args.join(' ')} failed:\n${r.stderr}`);
}

const cacheRoot = join(tmpdir(), 'weld-compose-tests');

/** WIT given inline: the main file's text and dependency package directories (copied to `deps/`). */
export interface InlineWit {
  readonly text: string;
  readonly deps?: readonly string[];
  /**
   * The core module as WAT, embedded instead of a dummy one (its imports and
   * exports must follow wit-component's naming for the world).
   */
  readonly core?: string;
}

/**
 * A component for world `world` of the WIT at `wit` (a directory, or a file's
 * text given inline), named `name` (e.g. `app.wasm`).
 */
export function componentFromWit(name: string, wit: string | InlineWit, world: string): NamedComponent {
  return { name, bytes: readFileSync(componentFileFromWit(wit, world)) };
}

/**
 * The path of a component of world `name` of test/fixtures/host/world.wit
 * (cat, env, http-echo, http-faults), its core from NAME.wat: small
 * commands and handlers for `weld run` and `weld serve`.
 */
export function hostComponent(name: string): string {
  const hostSrc = join(repoRoot, 'test', 'fixtures', 'host');
  const wasiWit = join(repoRoot, 'node_modules', '@bytecodealliance', 'jco', 'lib', 'wit', 'builtin', '0.2.12');
  return componentFileFromWit(
    {
      text: readFileSync(join(hostSrc, 'world.wit'), 'utf8'),
      deps: ['cli', 'clocks', 'filesystem', 'http', 'io', 'random', 'sockets'].map((p) => join(wasiWit, `wasi-${p}`)),
      core: readFileSync(join(hostSrc, `${name}.wat`), 'utf8'),
    },
    name,
  );
}

/** Like {@link componentFromWit}, but the path of the cached component file. */
export function componentFileFromWit(wit: string | InlineWit, world: string): string {
  const hash = createHash('sha256');
  if (typeof wit === 'string') hash.update(`dir:${wit}`);
  else {
    hash.update(`text:${wit.text}\0${(wit.deps ?? []).join('\0')}`);
    if (wit.core !== undefined) hash.update(`\0core:${wit.core}`);
  }
  const key = hash.update(`\0${world}`).digest('hex').slice(0, 24);
  const dir = join(cacheRoot, key);
  const out = join(dir, 'component.wasm');
  if (!existsSync(out)) {
    mkdirSync(dir, { recursive: true });
    let witPath = wit as string;
    const embed = ['component', 'embed'];
    if (typeof wit !== 'string') {
      witPath = join(dir, 'wit');
      mkdirSync(witPath, { recursive: true });
      writeFileSync(join(witPath, 'world.wit'), wit.text);
      for (const dep of wit.deps ?? []) cpSync(dep, join(witPath, 'deps', basename(dep)), { recursive: true });
    }
    const core = join(dir, 'core.wasm');
    if (typeof wit !== 'string' && wit.core !== undefined) {
      const wat = join(dir, 'core.wat');
      writeFileSync(wat, wit.core);
      ok([...embed, witPath, wat, '--world', world, '-o', core]);
    } else {
      ok([...embed, '--dummy', witPath, '--world', world, '-o', core]);
    }
    // Written aside and renamed, so parallel test workers never read half a file.
    const tmp = `${out}.${process.pid}.tmp`;
    ok(['component', 'new', core, '-o', tmp]);
    renameSync(tmp, out);
  }
  return out;
}

/** `wasm-tools validate`: undefined when valid, else the message. */
export function validate(bytes: Uint8Array): string | undefined {
  const r = run(['validate', '--features', 'all', '-'], bytes);
  return r.status === 0 ? undefined : r.stderr;
}

/** `wasm-tools component wit` of some bytes. */
export function witOf(bytes: Uint8Array): string {
  const dir = join(cacheRoot, 'out');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${createHash('sha256').update(bytes).digest('hex').slice(0, 24)}.wasm`);
  writeFileSync(file, bytes);
  const r = run(['component', 'wit', file]);
  if (r.status !== 0) throw new Error(`wasm-tools component wit failed:\n${r.stderr}`);
  return r.stdout;
}
