/**
 * Character classes and Rust-compatible text formatting used by the lexer.
 * Error messages must match the reference byte for byte, so the pieces of
 * Rust's `Debug`/`Display` output that show up in them are reproduced here.
 */

const XID_START = /^\p{XID_Start}$/u;
const XID_CONTINUE = /^\p{XID_Continue}$/u;
const CONTROL = /^\p{Cc}$/u;
/** What Rust's `char::escape_debug` writes as `\u{…}`: non-printable or grapheme-extending characters. */
const DEBUG_ESCAPED = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}\p{Grapheme_Extend}]$/u;

/** Bidirectional override codepoints, rejected anywhere in a file (CVE-2021-42574). */
export const BIDI_OVERRIDES: ReadonlySet<number> = new Set([
  0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
]);

/** Codepoints Unicode deprecates or discourages; the reference rejects them. */
export const DISCOURAGED: ReadonlySet<number> = new Set([
  0x149, 0x673, 0xf77, 0xf79, 0x17a3, 0x17a4, 0x17b4, 0x17b5,
]);

/** Rust's `char::is_control`: general category `Cc`. */
export function isControl(cp: number): boolean {
  if (cp < 0xa0) return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
  return CONTROL.test(String.fromCodePoint(cp));
}

/** Whether a character may start a keyword or identifier token (`-` and `_` are diagnosed later). */
export function isKeylikeStart(cp: number): boolean {
  if (cp < 0x80) return cp === 0x5f || cp === 0x2d || isAsciiLetterCode(cp);
  return XID_START.test(String.fromCodePoint(cp));
}

/** Whether a character may continue a keyword or identifier token. */
export function isKeylikeContinue(cp: number): boolean {
  // ASCII is by far the common case; the Unicode property regex is slow.
  if (cp < 0x80) return cp === 0x2d || cp === 0x5f || isAsciiLetterCode(cp) || isAsciiDigit(cp);
  return XID_CONTINUE.test(String.fromCodePoint(cp));
}

function isAsciiLetterCode(cp: number): boolean {
  return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a);
}

/** `0`–`9` only, like Rust's `char::is_ascii_digit`. */
export function isAsciiDigit(cp: number): boolean {
  return cp >= 0x30 && cp <= 0x39;
}

/** `0`–`9`, `a`–`f`, `A`–`F`. */
export function isAsciiHexDigit(cp: number): boolean {
  return isAsciiDigit(cp) || (cp >= 0x61 && cp <= 0x66) || (cp >= 0x41 && cp <= 0x46);
}

/** The value of an ASCII hex digit. */
export function hexValue(cp: number): number {
  if (cp >= 0x61) return cp - 0x61 + 10;
  if (cp >= 0x41) return cp - 0x41 + 10;
  return cp - 0x30;
}

/** Rust's `char::escape_unicode` display: `\u{1f600}`. */
export function escapeUnicode(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}

/**
 * Rust's `{:?}` of an `EscapeUnicode` iterator, which the reference prints
 * verbatim in two of its lexer messages (toolchain 1.95 format).
 */
export function debugEscapeUnicode(cp: number): string {
  return `EscapeUnicode(EscapeIterInner('${escapeUnicode(cp)}'))`;
}

/** Rust's `{:?}` of a `char`, quotes included. */
export function debugChar(cp: number): string {
  switch (cp) {
    case 0x0:
      return "'\\0'";
    case 0x9:
      return "'\\t'";
    case 0xa:
      return "'\\n'";
    case 0xd:
      return "'\\r'";
    case 0x27:
      return "'\\''";
    case 0x5c:
      return "'\\\\'";
    default:
      break;
  }
  const ch = String.fromCodePoint(cp);
  if (cp !== 0x20 && DEBUG_ESCAPED.test(ch)) return `'${escapeUnicode(cp)}'`;
  return `'${ch}'`;
}

/**
 * Appends the UTF-8 encoding of a codepoint. A lone surrogate (possible in a
 * JS string, never in Rust's) is encoded as-is so validation rejects it.
 */
export function pushUtf8(bytes: number[], cp: number): void {
  if (cp < 0x80) {
    bytes.push(cp);
  } else if (cp < 0x800) {
    bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  } else {
    bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
}

/** Rust's `Utf8Error`: where valid UTF-8 ends and how long the bad sequence is (undefined: truncated). */
export interface Utf8Error {
  readonly validUpTo: number;
  readonly errorLen: number | undefined;
}

function isContinuation(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x80 && byte <= 0xbf;
}

/** Whether the second byte of a 3-byte sequence is allowed after `first` (no overlongs, no surrogates). */
function validSecondOf3(first: number, second: number): boolean {
  if (first === 0xe0) return second >= 0xa0 && second <= 0xbf;
  if (first === 0xed) return second >= 0x80 && second <= 0x9f;
  return second >= 0x80 && second <= 0xbf;
}

/** Whether the second byte of a 4-byte sequence is allowed after `first` (no overlongs, nothing past U+10FFFF). */
function validSecondOf4(first: number, second: number): boolean {
  if (first === 0xf0) return second >= 0x90 && second <= 0xbf;
  if (first === 0xf4) return second >= 0x80 && second <= 0x8f;
  return second >= 0x80 && second <= 0xbf;
}

/** How many bytes the sequence at `index` covers, or the error Rust's validator reports there. */
function checkSequence(bytes: readonly number[], index: number): number | Utf8Error {
  const first = bytes[index]!;
  if (first < 0x80) return 1;
  const fail = (errorLen: number | undefined): Utf8Error => ({ validUpTo: index, errorLen });
  const width = first >= 0xc2 && first <= 0xdf ? 2 : first >= 0xe0 && first <= 0xef ? 3 : first >= 0xf0 && first <= 0xf4 ? 4 : 0;
  if (width === 0) return fail(1);
  const second = bytes[index + 1];
  if (second === undefined) return fail(undefined);
  if (width === 2) return isContinuation(second) ? 2 : fail(1);
  if (width === 3 ? !validSecondOf3(first, second) : !validSecondOf4(first, second)) return fail(1);
  for (let k = 2; k < width; k++) {
    const next = bytes[index + k];
    if (next === undefined) return fail(undefined);
    if (!isContinuation(next)) return fail(k);
  }
  return width;
}

/** Validates UTF-8 exactly like Rust's `str::from_utf8`, returning the first error. */
export function validateUtf8(bytes: readonly number[]): Utf8Error | undefined {
  let index = 0;
  while (index < bytes.length) {
    const result = checkSequence(bytes, index);
    if (typeof result !== 'number') return result;
    index += result;
  }
  return undefined;
}

/** Rust's `Display` of a `Utf8Error`. */
export function formatUtf8Error(error: Utf8Error): string {
  return error.errorLen === undefined
    ? `incomplete utf-8 byte sequence from index ${error.validUpTo}`
    : `invalid utf-8 sequence of ${error.errorLen} bytes from index ${error.validUpTo}`;
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: false });

/** Decodes bytes already checked by {@link validateUtf8}. */
export function decodeUtf8(bytes: readonly number[]): string {
  return utf8Decoder.decode(Uint8Array.from(bytes));
}
