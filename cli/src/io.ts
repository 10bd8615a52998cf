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
   * Whether a terminal may get colours, spinners and progress bars: not with
   * `NO_COLOR` set (no-color.org) or `--no-color`. Still only on a terminal.
   */
  readonly color?: boolean;
}

/** The process exit codes weld promises. */
export const ExitCode = {
  /** Success. */
  ok: 0,
  /** The input or the arguments are wrong; the message says how. */
  user: 1,
  /** A bug in weld. */
  internal: 2,
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
    color: (process.env['NO_COLOR'] ?? '') === '',
  };
}
