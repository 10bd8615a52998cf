import { ComposeError } from '@weld/compose';
import { HostError } from '@weld/host';
import { OciError } from '@weld/oci';
import { RegistryError } from '@weld/registry';
import { WacError } from '@weld/wac';
import { WitError } from '@weld/wit';
import { fileSystemReason } from './fs-errors.js';
import { ExitCode, Interrupted, type CliIo } from './io.js';
import { renderWasmToolsDiagnostic, renderWeldDiagnostic } from './render-diagnostic.js';

/**
 * A wrong command line that commander cannot see by itself, such as a path
 * that does not exist. Reported like a commander error: one line, exit 1.
 */
export class UsageError extends Error {
  override readonly name: string = 'UsageError';
  /** How to fix it, printed on a second line. */
  readonly hint: string | undefined;

  constructor(message: string, hint?: string) {
    super(message);
    this.hint = hint;
  }
}

/**
 * Input that weld cannot read, such as a malformed binary; the message says
 * which file and where. Reported in one line, exit 1.
 */
export class InputError extends UsageError {
  override readonly name = 'InputError';
}

/**
 * Not an error: a command that finished and wants this exit status, such as
 * `weld run` passing on its guest's exit code. Nothing is printed.
 */
export class ExitStatus extends Error {
  override readonly name = 'ExitStatus';
  readonly code: number;

  constructor(code: number) {
    super(`exit status ${code}`);
    this.code = code;
  }
}

/**
 * The one place errors become text and exit codes: user errors get a clean
 * message and exit 1, anything else is a weld bug and exits 2, with its stack
 * only when the user asked for it.
 */
export function reportError(error: unknown, io: CliIo): ExitCode {
  if (error instanceof WitError) {
    // The message is wasm-tools' own; the hint about deps/ is weld's.
    const diagnostic = error.toDiagnostic();
    const missing = diagnostic.hint?.kind === 'missing-package' ? diagnostic.hint.requested : undefined;
    const hint = missing === undefined ? '' : `  put the .wit files of ${missing} in a folder under deps/ next to the package, and give weld the package's folder\n`;
    io.err(`error: ${renderWasmToolsDiagnostic(diagnostic)}\n${hint}`);
    return ExitCode.user;
  }
  if (error instanceof WacError) {
    // A WAC file's error in the same rustc layout as WIT's: file:line:col, the line and a caret.
    io.err(`error: ${renderWasmToolsDiagnostic(error.toDiagnostic())}\n`);
    return ExitCode.user;
  }
  if (error instanceof ComposeError) {
    // A source line with a caret where the configuration is wrong, then each offending import and the like, indented.
    io.err(`error: ${renderWeldDiagnostic(error.toDiagnostic())}\n`);
    return ExitCode.user;
  }
  if (error instanceof ExitStatus) {
    // The guest's own code, passed through; it may be outside ExitCode's three values.
    return error.code as ExitCode;
  }
  if (error instanceof HostError) {
    io.err(`error: ${renderWeldDiagnostic(error.toDiagnostic())}\n`);
    return ExitCode.user;
  }
  if (error instanceof OciError) {
    // Registry, layout and digest errors: one line that names the reference or file, never a secret.
    io.err(`error: ${renderWeldDiagnostic(error.toDiagnostic())}\n`);
    return ExitCode.user;
  }
  if (error instanceof RegistryError) {
    // The package, then where weld looked for it (the registry, the config that chose it).
    io.err(`error: ${renderWeldDiagnostic(error.toDiagnostic())}\n`);
    return ExitCode.user;
  }
  if (error instanceof Interrupted) {
    // What was being written has been removed; say so in one line.
    io.err(`weld: ${error.message}\n`);
    return error.signal === 'SIGINT' ? ExitCode.interrupted : ExitCode.terminated;
  }
  if (error instanceof UsageError) {
    io.err(`error: ${error.message}\n${error.hint === undefined ? '' : `  ${error.hint}\n`}`);
    return ExitCode.user;
  }
  const reason = fileSystemReason(error);
  if (reason !== undefined) {
    // A path that cannot be read or written (missing, a folder, a full disk) is
    // the machine's state, not a weld bug; commands name the path themselves
    // where they can, this is the net under the rest.
    const path = (error as NodeJS.ErrnoException).path;
    io.err(`error: ${path === undefined ? '' : `'${path}': `}${reason}\n`);
    return ExitCode.user;
  }
  const message = error instanceof Error ? error.message : String(error);
  // Only the first line: the message of a foreign error may span many.
  io.err(`internal error: ${message.split('\n', 1)[0] ?? ''}\n`);
  if (io.debug && error instanceof Error && error.stack !== undefined) {
    io.err(`${error.stack}\n`);
  }
  return ExitCode.internal;
}
