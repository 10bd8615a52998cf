import { diagnostic, type Diagnostic, type DiagnosticHint, type HasDiagnostic, type SourceSpan } from './diagnostic.js';
import type { SourceLocation, Span } from './source-map.js';

/** What went wrong while reading WIT; the message says the details. */
export type WitErrorKind =
  /** A character or comment the lexer cannot read. */
  | 'lex'
  /** The token stream does not follow the grammar, or a rule of one package is broken. */
  | 'syntax'
  /** A name refers to nothing. */
  | 'not-found'
  /** An item depends on itself. */
  | 'cycle'
  /** Joining packages failed: missing package, bad version, type mismatch across packages. */
  | 'resolve'
  /** A file or folder could not be read. */
  | 'io'
  /** A WIT package encoded as wasm (binary or WAT) cannot be read. */
  | 'decode';

/** A second place an error concerns, such as the other definition of a name. */
export interface WitErrorLabel {
  readonly location: SourceLocation;
  readonly text: string;
}

/** What the text rendering shows of a location, as a span of its file. */
function spanOf(at: SourceLocation): SourceSpan {
  const { path, line, column, lineText, length, start, end } = at;
  return { kind: 'span', path, resolved: { line, column, lineText, length }, ...(start !== undefined && end !== undefined && { start, end }) };
}

/**
 * The one error class of the WIT front end. It carries the span and, once
 * known, the resolved location, so the CLI can render it like rustc.
 */
export class WitError extends Error implements HasDiagnostic {
  override readonly name = 'WitError';
  readonly kind: WitErrorKind;
  readonly span: Span | undefined;
  /** Filled in by the stage that owns the source map. */
  location: SourceLocation | undefined;
  /** What a hint needs, such as the package asked for and the ones known. */
  readonly hint: DiagnosticHint | undefined;
  /** Other places the error concerns, already located. */
  readonly labels: readonly WitErrorLabel[];

  constructor(
    kind: WitErrorKind, message: string, span?: Span, location?: SourceLocation,
    more: { readonly hint?: DiagnosticHint | undefined; readonly labels?: readonly WitErrorLabel[] } = {},
  ) {
    super(message);
    this.kind = kind;
    this.span = span;
    this.location = location;
    this.hint = more.hint;
    this.labels = more.labels ?? [];
  }

  /** The error as a {@link Diagnostic}: a span of its file once the location is known. */
  toDiagnostic(): Diagnostic {
    const labels = this.labels.map((label) => ({ span: spanOf(label.location), text: label.text }));
    return diagnostic(this.message, this.location === undefined ? undefined : spanOf(this.location), {
      labels, ...(this.hint !== undefined && { hint: this.hint }),
    });
  }
}
