/**
 * What the end-to-end tests share: the repository root, a way to spawn the
 * built `weld` binary, and the wasm-tools it is compared against.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { wasmToolsPath } from './support/wasm-tools.js';

/** The repository root. */
export const root = fileURLToPath(new URL('..', import.meta.url));

/** The bin script of the built CLI (`npm test` builds it first). */
export const bin = join(root, 'cli', 'bin', 'weld.js');

/** What a finished process left behind. */
export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `command` in the repository root, with `WELD_DEBUG` off unless `env` sets it. */
export function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Run {
  const result = spawnSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, WELD_DEBUG: '', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error !== undefined) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs `command` in `cwd` without blocking this process: for tests whose
 * peers (a registry, a server) are children of the test process itself.
 */
export function runAsync(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Runs the built `weld` binary the way a user would. */
export const weld = (...args: string[]): Run => run(process.execPath, [bin, ...args]);

/** wasm-tools 1.263.0 is the reference weld must match; the tests need it. */
export const wasmTools = wasmToolsPath;
