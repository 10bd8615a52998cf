/**
 * Runs components on Node through jco: `transpile` (instantiation mode) into
 * `.weld/cache/transpile/` by `@weld/host`'s cache, keyed by the component's
 * sha256, then instantiate
 * with WASI from @bytecodealliance/preview2-shim and the test's own imports.
 *
 *     const { exports } = await runComponent<Calc>(wasm, { imports: { 'weld:calc/log': log } });
 *     const { stdout, exitCode } = await runCli(wasm, ['--flag'], { env: { USER: 'ada' } });
 *
 * `runComponent` instantiates in the test process; `runCli` calls
 * `wasi:cli/run` in a child process (test/support/cli-child.mjs), so the
 * guest's stdout, stderr and exit code are a real process's. Both grant
 * nothing by default: no environment, no arguments, no preopened directory,
 * no network (see jco-host.d.mts).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256Hex as sha256 } from '@weld/component';
import { transpileCached as hostTranspileCached } from '@weld/host';
import {
  ComponentExit,
  instantiate,
  resolveImports,
  wasiImports,
  type CliChildConfig,
  type Transpiled,
  type WasiOptions,
} from './jco-host.mjs';

export { ComponentExit, type Transpiled };

const root = fileURLToPath(new URL('../..', import.meta.url));
const cacheDir = join(root, '.weld', 'cache');
const childScript = fileURLToPath(new URL('./cli-child.mjs', import.meta.url));

/**
 * Transpiles the component at `wasmPath` with jco, or reuses the entry in
 * `.weld/cache/transpile/`: `@weld/host`'s transpile cache, the one
 * `weld run` uses, keyed by the component's sha256 and jco's version.
 */
export async function transpileCached(wasmPath: string): Promise<Transpiled> {
  const bytes = readFileSync(wasmPath);
  const { dir, js, imports, exports } = await hostTranspileCached(cacheDir, bytes, sha256(bytes));
  return { source: relative(root, wasmPath), dir, js, imports, exports };
}

/** Options of `runComponent`. */
export interface RunOptions extends Omit<WasiOptions, 'onExit'> {
  /**
   * The host's implementations of imported interfaces, keyed by interface
   * name with or without version (`weld:calc/log` or `weld:calc/log@1.0.0`),
   * each an object of camelCase functions and resource classes as jco expects.
   * They may also replace WASI interfaces. Every non-WASI import needs one.
   */
  readonly imports?: Readonly<Record<string, object>>;
}

/** A running instance. */
export interface RunningComponent<T> {
  /**
   * The component's exports as jco presents them: each exported interface
   * under its full name and under its short name (`calc`), functions in
   * camelCase, resources as classes. `T` is the caller's description of
   * them; it is not checked.
   */
  readonly exports: T;
  /** What was instantiated. */
  readonly transpiled: Transpiled;
}

/**
 * Instantiates the component at `wasmPath` in this process. A guest's call to
 * `wasi:cli/exit` throws `ComponentExit` in the host; its stdout and stderr
 * go to this process's.
 */
export async function runComponent<T = Record<string, unknown>>(
  wasmPath: string,
  options: RunOptions = {},
): Promise<RunningComponent<T>> {
  const transpiled = await transpileCached(wasmPath);
  const { imports, ...wasi } = options;
  const exports = await instantiate(transpiled, resolveImports(transpiled, imports, wasiImports(wasi)));
  return { exports: exports as T, transpiled };
}

/** Options of `runCli`. */
export interface CliOptions extends Omit<WasiOptions, 'onExit' | 'args'> {
  /**
   * The path (absolute, or relative to the repository root) of an ES module
   * whose default export is the host's imports (or a function returning
   * them), for components that import more than WASI: the child process
   * cannot receive functions.
   */
  readonly hostModule?: string;
  /** Written to the guest's stdin, which is then closed. */
  readonly stdin?: string;
  /** Kill the child after this long; default 30 s. */
  readonly timeoutMs?: number;
}

/** How a `wasi:cli/run` call ended. */
export interface CliResult {
  readonly stdout: string;
  readonly stderr: string;
  /**
   * The guest's exit code (`wasi:cli/exit`), else 0 when `run` returned ok
   * and 1 when it returned err; 2 when it trapped or could not be
   * instantiated (stderr says why); null if the child was killed.
   */
  readonly exitCode: number | null;
}

/**
 * Calls the `wasi:cli/run` export of the component at `wasmPath` in a child
 * process, with `args` after the program name (the file's base name).
 */
export async function runCli(wasmPath: string, args: readonly string[] = [], options: CliOptions = {}): Promise<CliResult> {
  const transpiled = await transpileCached(wasmPath);
  const { hostModule, stdin, timeoutMs = 30_000, ...wasi } = options;
  const config: CliChildConfig = {
    ...wasi,
    transpiled,
    args: [basename(wasmPath), ...args],
    ...(hostModule === undefined ? {} : { hostModule }),
  };
  const child = spawn(process.execPath, [childScript, JSON.stringify(config)], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
    timeout: timeoutMs,
  });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  child.stdin.end(stdin ?? '');
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  return {
    stdout: Buffer.concat(stdout).toString('utf8'),
    stderr: Buffer.concat(stderr).toString('utf8'),
    exitCode,
  };
}
