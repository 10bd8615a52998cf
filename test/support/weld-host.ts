/**
 * Running the built weld's `run` and `serve` as child processes, from the
 * repository root, with a small fixed environment (so a guest that sees more
 * than it was granted shows it).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './components.js';

const weldBin = join(repoRoot, 'cli', 'bin', 'weld.js');

/** How a weld child ended. */
export interface Weld {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number | null;
}

/** The environment every weld child gets: enough to run, plus a variable the guest must not see unasked. */
export const childEnv = { PATH: process.env['PATH'] ?? '', WELD_TEST_SECRET: 'hunter2' };

/** Runs `weld ARGS` from the repository root with `input` on stdin. */
export function weld(args: readonly string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<Weld> {
  const child = spawn(process.execPath, [weldBin, ...args], {
    cwd: repoRoot,
    env: { ...childEnv, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
    timeout: 60_000,
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
  child.stdin.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode) =>
      resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), exitCode }),
    );
  });
}

/** Starts `weld serve ARGS` (with `env` besides {@link childEnv}) and resolves once it prints the URL it listens on. */
export async function startServer(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<{ url: string; stop: () => Promise<Weld> }> {
  const child = spawn(process.execPath, [weldBin, 'serve', ...args], { cwd: repoRoot, env: { ...childEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`weld serve did not start in time:\n${stderr}`)), 30_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const match = /listening on (http:\/\/\S+)/.exec(stderr);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void closed.then((code) => reject(new Error(`weld serve exited with ${code}:\n${stderr}`)));
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      const exitCode = await closed;
      return { stdout, stderr, exitCode };
    },
  };
}
