import { diagnostic, type Diagnostic, type HasDiagnostic } from '@weld/wit';

/** What went wrong before or around a guest, by cause. */
export type HostErrorKind =
  /** A `--dir`, `--env` or other grant flag is malformed or names nothing. */
  | 'bad-grant'
  /** The component imports a capability that was not granted, or that weld cannot provide. */
  | 'refused'
  /** The component exports neither what `run` nor what `serve` needs. */
  | 'not-runnable'
  /** FILE, LAYOUT or REF cannot be read, pulled or verified. */
  | 'artifact'
  /** The guest trapped or could not be instantiated. */
  | 'guest'
  /** The server could not listen. */
  | 'listen';

/** The one error class of `@weld/host`. */
export class HostError extends Error implements HasDiagnostic {
  override readonly name = 'HostError';
  readonly kind: HostErrorKind;
  /** Extra lines for the user, e.g. each refused import and the flag that grants it. */
  readonly details: readonly string[];

  constructor(kind: HostErrorKind, message: string, details: readonly string[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
    this.details = details;
  }

  /** The error as a {@link Diagnostic}: the details are its notes. */
  toDiagnostic(): Diagnostic {
    return diagnostic(this.message, undefined, { notes: this.details });
  }
}
