/**
 * Running the built weld for the OCI tests: a fixed creation time (stable
 * digests), an empty Docker config unless the test gives one, and stdin.
 * weld runs asynchronously, so servers in the test process (the token
 * server) keep answering while it runs.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';
import { bin, root, type Run } from '../support.js';
import { findTool } from './registry.js';

/** A weld process and how it ended. */
export interface RunningWeld {
  readonly child: ChildProcess;
  readonly done: Promise<Run>;
}

/** A starter of weld whose default `DOCKER_CONFIG` is an empty directory under `scratch`; the child is there to signal. */
export function weldStarter(scratch: string): (args: readonly string[], options?: { env?: NodeJS.ProcessEnv; input?: string }) => RunningWeld {
  return (args, options = {}) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: root,
      env: { ...process.env, WELD_DEBUG: '', SOURCE_DATE_EPOCH: '1767225600', DOCKER_CONFIG: join(scratch, 'no-docker-config'), ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const done = new Promise<Run>((resolve, reject) => {
      let stdout = '';
      let stderr = '';
      child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('close', (status, signal) => resolve({ status: status ?? (signal === null ? null : -1), stdout, stderr }));
    });
    child.stdin!.end(options.input ?? '');
    return { child, done };
  };
}

/** A runner of weld whose default `DOCKER_CONFIG` is an empty directory under `scratch`. */
export function weldRunner(scratch: string): (args: readonly string[], options?: { env?: NodeJS.ProcessEnv; input?: string }) => Promise<Run> {
  const start = weldStarter(scratch);
  return (args, options) => start(args, options).done;
}

/** The stdout of a run that must succeed silently on stderr. */
export function ok(run: Run): string {
  expect(run.stderr, run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.stdout;
}

/** The stdout of a successful `--json` run, parsed. */
export const json = (run: Run): Record<string, unknown> => JSON.parse(ok(run)) as Record<string, unknown>;

/** Runs another tool (found by {@link findTool}). */
export function tool(name: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Run {
  const path = findTool(name);
  if (path === undefined) throw new Error(`${name} not found`);
  const result = spawnSync(path, args, { encoding: 'utf8', env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024, ...(options.cwd !== undefined && { cwd: options.cwd }) });
  if (result.error !== undefined) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
