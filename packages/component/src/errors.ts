import { diagnostic, type Diagnostic, type HasDiagnostic } from '@weld/wit';

/** What went wrong while reading or writing a binary; the message says the details. */
export type BinaryErrorKind =
  /** The input ended (or a section or nested body ended) before the item being read. */
  | 'unexpected-end'
  /** A byte that starts no known item where one was expected. */
  | 'invalid-byte'
  /** A LEB128 integer that is too long or does not fit its type. */
  | 'invalid-leb'
  /** A name that is not valid UTF-8. */
  | 'invalid-utf8'
  /** A count or length that exceeds what is left or an implementation limit. */
  | 'out-of-bounds'
  /** The bytes do not start with the magic and version of a component or module. */
  | 'invalid-header'
  /** A section or body that holds more bytes than its items use. */
  | 'trailing-bytes'
  /** A structural rule of the format is broken (nesting too deep, duplicate option, ...). */
  | 'malformed'
  /** The encoder was given a model it cannot write (a value out of range). */
  | 'invalid-model';

/**
 * The one error class of the component binary codec. `offset` is the byte
 * offset in the outermost input (for decoding) at which the problem was found.
 */
export class BinaryError extends Error implements HasDiagnostic {
  override readonly name = 'BinaryError';
  readonly kind: BinaryErrorKind;
  readonly offset: number;

  constructor(kind: BinaryErrorKind, message: string, offset: number) {
    super(message);
    this.kind = kind;
    this.offset = offset;
  }

  /** The error as a {@link Diagnostic} at its byte offset. */
  toDiagnostic(): Diagnostic {
    return diagnostic(this.message, { kind: 'binary', offset: this.offset });
  }
}

/** Formats a byte offset the way messages show it: `0x1f`. */
export function hex(offset: number): string {
  return `0x${offset.toString(16)}`;
}
