/**
 * WIT packages encoded as components, for `loadWit`'s `decodeWasm`: a
 * binary goes through weld's codec (@weld/component), WAT text first through
 * the wasm-tools that jco ships (`parse`). @weld/wit cannot do this itself,
 * since the codec depends on it; every command that reads WIT passes this.
 */
import { BinaryError, ComponentTypeError, WitDecodeError, componentWit, decodeComponent } from '@weld/component';
import { WitError, type DecodedPackage, type EncodedPackage } from '@weld/wit';

/** Decodes a WIT package encoded as a component; a real component (one with a world of its own) is refused. */
export async function decodeWitWasm(encoded: EncodedPackage): Promise<DecodedPackage> {
  const bytes = encoded.kind === 'binary' ? encoded.bytes : await assemble(encoded.text);
  let decoded;
  try {
    decoded = componentWit(decodeComponent(bytes));
  } catch (error) {
    if (error instanceof BinaryError || error instanceof ComponentTypeError || error instanceof WitDecodeError) {
      throw new WitError('decode', error.message);
    }
    throw error;
  }
  // The reference's words for the same refusal.
  if (decoded.kind === 'component') throw new WitError('decode', 'found an actual component instead of an encoded WIT package in wasm');
  return { resolve: decoded.resolve, package: decoded.package };
}

/** WAT text to a binary. */
async function assemble(text: string): Promise<Uint8Array> {
  const { parse } = await import('@bytecodealliance/jco');
  try {
    return await parse(text);
  } catch (error) {
    throw watError(error, text);
  }
}

/** Messages of wast's `LexError` variants, as its `Display` writes them. */
const lexMessages: Readonly<Record<string, string>> = {
  DanglingBlockComment: 'unterminated block comment',
  UnexpectedEof: 'unexpected end-of-file',
  NumberTooBig: 'number is too big to parse',
  LoneUnderscore: 'bare underscore in numeric literal',
  InvalidUtf8Id: 'malformed UTF-8 encoding of string-based id',
  EmptyId: 'empty identifier',
  EmptyAnnotation: 'empty annotation id',
  // These carry the character, quoted after the message.
  Unexpected: 'unexpected character',
  InvalidStringElement: 'invalid character in string',
  InvalidStringEscape: 'invalid string escape',
  InvalidHexDigit: 'invalid hex digit',
  InvalidDigit: 'invalid decimal digit',
};

const debugChar = String.raw`'((?:[^'\\]|\\u\{[0-9a-f]+\}|\\.)+)'`;

/**
 * jco's `parse` rejects with the Rust `Debug` text of wast's error
 * (`Error { kind: Wast(Error { inner: ErrorInner { …, span: Span { offset: N },
 * kind: Custom("expected `(`") } }) }`), not a structure: the message and the
 * byte offset are read back from it, so the loader can point at the place.
 */
function watError(error: unknown, text: string): WitError {
  const debug = error instanceof Error ? String((error as { payload?: unknown }).payload ?? error.message) : String(error);
  const offset = /\bspan: Span \{ offset: (\d+) \}/.exec(debug)?.[1];
  const message = watMessage(debug) ?? `cannot assemble the WAT: ${debug.split('\n', 1)[0] ?? ''}`;
  if (offset === undefined) return new WitError('decode', message);
  // wast counts bytes; the source map counts UTF-16 units.
  const start = Buffer.from(text, 'utf8').subarray(0, Number(offset)).toString('utf8').length;
  return new WitError('decode', message, { start, end: start + 1 });
}

/** The `Display` text of the error kind in wast's `Debug` text, when it is one weld knows. */
function watMessage(debug: string): string | undefined {
  const custom = /\bkind: Custom\("((?:[^"\\]|\\.)*)"\)/.exec(debug);
  if (custom !== null) return unescapeRust(custom[1]!);
  const lex = /\bkind: Lex\((\w+)(.*)/.exec(debug);
  if (lex === null) return undefined;
  const [, variant = '', rest = ''] = lex;
  const char = new RegExp(`^\\(${debugChar}\\)`).exec(rest);
  const expected = new RegExp(`^ \\{ wanted: ${debugChar}, found: ${debugChar} \\}`).exec(rest);
  const value = /^\((\d+)\)/.exec(rest);
  if (variant === 'Expected' && expected !== null) {
    return `expected '${escapeChar(unescapeRust(expected[1]!))}' but found '${escapeChar(unescapeRust(expected[2]!))}'`;
  }
  if (variant === 'InvalidUnicodeValue' && value !== null) return `invalid unicode scalar value 0x${Number(value[1]).toString(16)}`;
  if (variant === 'ConfusingUnicode' && char !== null) return `likely-confusing unicode character found '${char[1]!}'`;
  const known = lexMessages[variant];
  if (known === undefined) return undefined;
  return char === null ? known : `${known} '${escapeChar(unescapeRust(char[1]!))}'`;
}

/** wast's `escape_char`. */
function escapeChar(c: string): string {
  const named: Record<string, string> = { '\t': '\\t', '\r': '\\r', '\n': '\\n', '\\': '\\\\', "'": "\\'" };
  if (named[c] !== undefined) return named[c];
  const code = c.codePointAt(0)!;
  return code >= 0x20 && code <= 0x7e ? c : `\\u{${code.toString(16)}}`;
}

/** The text of a Rust `Debug` string literal's contents. */
function unescapeRust(text: string): string {
  return text.replace(/\\(u\{([0-9a-f]+)\}|.)/g, (_, escape: string, hex: string | undefined) => {
    if (hex !== undefined) return String.fromCodePoint(parseInt(hex, 16));
    return ({ n: '\n', t: '\t', r: '\r', '0': '\0' } as Record<string, string>)[escape] ?? escape;
  });
}
