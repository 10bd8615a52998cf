import { diagnostic, type Diagnostic, type HasDiagnostic, type SourceLocation, type Span } from '@weld/wit';

/** What went wrong while reading WAC; the message says the details. */
export type WacErrorKind =
  /** A character, string or comment the lexer cannot read (wac's lexer errors). */
  | 'lex'
  /** The tokens do not follow the grammar: an unexpected token, an empty type, a bad version. */
  | 'syntax'
  /** The document is well formed but means nothing: an unknown package, name or export, a duplicate, a missing argument. */
  | 'resolve'
  /** A construct the resolver does not handle yet; refused rather than given another meaning. */
  | 'unsupported';

/**
 * The one error class of the WAC front end. It carries the span (UTF-8 byte
 * offsets into its file) and the resolved location, so the CLI renders it
 * like rustc with `file:line:col` and a caret.
 */
export class WacError extends Error implements HasDiagnostic {
  override readonly name = 'WacError';
  readonly kind: WacErrorKind;
  readonly span: Span;
  readonly location: SourceLocation;

  constructor(kind: WacErrorKind, message: string, span: Span, location: SourceLocation) {
    super(message);
    this.kind = kind;
    this.span = span;
    this.location = location;
  }

  /** The error as a {@link Diagnostic}: a span of its file with line and column. */
  toDiagnostic(): Diagnostic {
    const { path, line, column, lineText, length } = this.location;
    return diagnostic(this.message, { kind: 'span', path, start: this.span.start, end: this.span.end, resolved: { line, column, lineText, length } });
  }
}
