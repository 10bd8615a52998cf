/** The process streams and exit codes, behind an interface tests can replace. */
import { errnoCode, fileSystemReason } from './fs-errors.js';

/**
 * Where a command writes. Commands never touch `process` directly, so the
 * whole CLI can run in-process in tests and every byte it prints is visible.
 */
export interface CliIo {
  /** Writes to standard output, exactly as given. */
  readonly out: (text: string) => void;
  /** Writes to standard error, exactly as given. */
  readonly err: (text: string) => void;
  /** Print stacks for internal errors (`WELD_DEBUG=1`). */
  readonly debug: boolean;
  /**
   * Runs `work` with a signal that aborts on SIGINT or SIGTERM, so that it
   * can stop and clean up; `release` (also called when `work` settles)
   * gives the signals back to their default action. Rejects with
   * {@link Interrupted} when a signal came. Without it (in-process tests)
   * nothing interrupts.
   */
  readonly interruptible?: <T>(work: (signal: AbortSignal, release: () => void) => Promise<T>) => Promise<T>;
  /** The environment, for defaults of flags (`WELD_REGISTRY_TIMEOUT`, …). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Whether a terminal may get colours, spinners and progress bars: not with
   * `NO_COLOR` set (no-color.org) or `--no-color`. Still only on a terminal.
   */
  readonly color?: boolean;
}

/** A SIGINT or SIGTERM that stopped a command; the process exits 128 + the signal's number. */
export class Interrupted extends Error {
  override readonly name = 'Interrupted';
  readonly signal: 'SIGINT' | 'SIGTERM';

  constructor(signal: 'SIGINT' | 'SIGTERM') {
    super(`interrupted by ${signal}`);
    this.signal = signal;
  }
}

/** Runs `work` under `io`'s interrupt handling, or with a signal that never fires when `io` has none. */
export function interruptible<T>(io: CliIo, work: (signal: AbortSignal, release: () => void) => Promise<T>): Promise<T> {
  return io.interruptible !== undefined ? io.interruptible(work) : work(new AbortController().signal, () => {});
}

/** The process exit codes weld promises. */
export const ExitCode = {
  /** Success. */
  ok: 0,
  /** The input or the arguments are wrong; the message says how. */
  user: 1,
  /** A bug in weld. */
  internal: 2,
  /** Stopped by SIGINT (128 + 2). */
  interrupted: 130,
  /** Stopped by SIGTERM (128 + 15). */
  terminated: 143,
} as const;

/** One of {@link ExitCode}'s values. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The real process streams and environment. */
export function processIo(): CliIo {
  // `weld wit … | head` closes the pipe early; that is not an error. Any other
  // failure (`> /dev/full`) is the user's output, not a weld bug. A pipe
  // reports it as an event, a file or device by throwing from write().
  const failed = (error: unknown): never => {
    if (errnoCode(error) === 'EPIPE') process.exit(ExitCode.ok);
    process.stderr.write(`error: cannot write to standard output: ${fileSystemReason(error) ?? String(error)}\n`);
    process.exit(ExitCode.user);
  };
  process.stdout.on('error', failed);
  return {
    out: (text) => {
      try {
        process.stdout.write(text);
      } catch (error) {
        failed(error);
      }
    },
    err: (text) => void process.stderr.write(text),
    debug: process.env['WELD_DEBUG'] === '1',
    interruptible: catchSignals,
    env: process.env,
    color: (process.env['NO_COLOR'] ?? '') === '',
  };
}

/** {@link CliIo.interruptible} for the real process: a second signal exits at once, without waiting for the cleanup. */
async function catchSignals<T>(work: (signal: AbortSignal, release: () => void) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let caught: Interrupted | undefined;
  const codes = { SIGINT: ExitCode.interrupted, SIGTERM: ExitCode.terminated } as const;
  const on = (signal: 'SIGINT' | 'SIGTERM') => {
    if (caught !== undefined) process.exit(codes[signal]);
    caught = new Interrupted(signal);
    controller.abort(caught);
  };
  const release = () => {
    process.off('SIGINT', on).off('SIGTERM', on);
  };
  process.on('SIGINT', on).on('SIGTERM', on);
  try {
    const result = await work(controller.signal, release);
    if (caught !== undefined) throw caught;
    return result;
  } catch (error) {
    throw caught ?? error;
  } finally {
    release();
  }
}
