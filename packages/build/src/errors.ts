import { diagnostic, type Diagnostic, type DiagnosticLocation, type HasDiagnostic } from '@weld/wit';

/**
 * The one error class of `@weld/build`. `kind` says what went wrong; the CLI
 * renders it (message, then `details` indented). Every kind carries the data
 * its message needs, so callers can act on it without parsing text.
 */

/** A toolchain that a component needs and that is not installed (or too old). */
export interface MissingToolchain {
  /** What is missing, for people: `go`, `Debian's rustc with the wasm32-wasi std`. */
  readonly tool: string;
  /** Why the one found does not do, when one was found (`go1.19 is older than 1.24`). */
  readonly reason?: string;
  /** The one command that installs it. */
  readonly install: string;
}

/** What {@link BuildError} reports. */
export type BuildErrorKind =
  /** The project file cannot be read or does not follow the schema. */
  | 'project'
  /** The WIT of a component cannot be gathered into one source. */
  | 'wit'
  /** A toolchain is missing; see {@link BuildError.missing}. */
  | 'missing-toolchain'
  /** A tool (rustc, go, esbuild, componentize-js, wit-component) failed. */
  | 'tool-failed';

/** Why a build, or one component of it, failed. */
export class BuildError extends Error implements HasDiagnostic {
  override readonly name = 'BuildError';
  readonly kind: BuildErrorKind;
  /** Lines that follow the message (a compiler's output, the install command). */
  readonly details: readonly string[];
  /** Set when `kind` is `missing-toolchain`. */
  readonly missing: MissingToolchain | undefined;

  /** Where in the project's sources, when one place is at fault (a line of its WIT). */
  readonly location: DiagnosticLocation | undefined;

  constructor(kind: BuildErrorKind, message: string, details: readonly string[] = [], missing?: MissingToolchain, location?: DiagnosticLocation) {
    super(message);
    this.kind = kind;
    this.details = details;
    this.missing = missing;
    this.location = location;
  }

  /** The error as a {@link Diagnostic}: the details are its notes. */
  toDiagnostic(): Diagnostic {
    return diagnostic(this.message, this.location, { notes: this.details });
  }

  /** A missing toolchain, with the command that installs it. */
  static missingToolchain(missing: MissingToolchain): BuildError {
    const reason = missing.reason === undefined ? 'not found' : missing.reason;
    return new BuildError(
      'missing-toolchain',
      `${missing.tool}: ${reason}; install it with:`,
      [missing.install],
      missing,
    );
  }
}
