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
  // `weld wit … | head` closes the pipe early; that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(ExitCode.ok);
    throw error;
  });
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    debug: process.env['WELD_DEBUG'] === '1',
  };
}
