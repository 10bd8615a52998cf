/**
 * `run`: calls the `wasi:cli/run` export of a component in this process, with
 * the process's own stdin, stdout and stderr, and reports the guest's exit
 * code.
 */
import { HostError } from './errors.js';
import { findExport, instantiate } from './instantiate.js';
import { prepare, type StartOptions } from './prepare.js';
import { loadShim } from './shim.js';
import { GuestExit, wasiImports } from './wasi-host.js';

/** Options of {@link runCommand}. */
export interface RunOptions extends StartOptions {
  /** Arguments after the program name. */
  readonly args?: readonly string[];
  /** The program name the guest sees first in its arguments; the target by default. */
  readonly programName?: string;
  /**
   * Called once the component is resolved, pulled and transpiled, just
   * before the guest starts (the CLI stops catching interrupts there: a
   * running guest is stopped by the signal's default action).
   */
  readonly onPrepared?: () => void;
}

/** How a run ended. */
export interface RunResult {
  /**
   * The guest's exit code: its own (`wasi:cli/exit`), else 0 when `run`
   * returned ok and 1 when it returned err.
   */
  readonly exitCode: number;
  /** Hints for a failed run about capabilities the guest asked for and did not get. */
  readonly notes: readonly string[];
}

/**
 * Runs `target` (FILE, LAYOUT or REF) as a command. Throws a HostError when
 * it is refused up front, is not a command, or traps.
 */
export async function runCommand(target: string, options: RunOptions): Promise<RunResult> {
  const prepared = await prepare(target, 'run', options);
  options.onPrepared?.();
  const observed = { preopens: false };
  const wasi = wasiImports(await loadShim(), options.grants, {
    args: [options.programName ?? target, ...(options.args ?? [])],
    onPreopens: () => void (observed.preopens = true),
  });
  const exports = await instantiate(prepared.source, prepared.transpiled, wasi);
  const run = findExport(exports, prepared.transpiled, 'wasi:cli/run') as { run(): void } | undefined;
  if (run === undefined) throw new HostError('not-runnable', `${prepared.source} does not export wasi:cli/run`);
  const exitCode = callRun(prepared.source, run);
  const notes: string[] = [];
  if (exitCode !== 0 && observed.preopens && options.grants.dirs.length === 0) {
    notes.push('the component looked for preopened directories and none was granted; grant one with --dir HOST[::GUEST]');
  }
  return { exitCode, notes };
}

function callRun(source: string, run: { run(): void }): number {
  try {
    run.run();
    return 0;
  } catch (error) {
    if (error instanceof GuestExit) return error.code;
    // jco throws a ComponentError for `run` returning err.
    if (error instanceof Error && error.constructor.name === 'ComponentError') return 1;
    const message = error instanceof Error ? error.message : String(error);
    throw new HostError('guest', `${source} trapped: ${message}`, [], { cause: error });
  }
}
