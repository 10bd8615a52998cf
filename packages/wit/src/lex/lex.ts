/**
 * The WIT tokenizer, a port of the reference `wit-parser` lexer. Tokens are
 * produced on demand; the parser copies a {@link Tokenizer} to look ahead,
 * exactly as the reference clones its tokenizer.
 */
import { WitError } from '../errors.js';
import {
  BIDI_OVERRIDES,
  DISCOURAGED,
  debugChar,
  debugEscapeUnicode,
  decodeUtf8,
  escapeUnicode,
  formatUtf8Error,
  hexValue,
  isAsciiDigit,
  isAsciiHexDigit,
  isControl,
  isKeylikeContinue,
  isKeylikeStart,
  pushUtf8,
  validateUtf8,
} from './lex-text.js';
import type { Span } from '../source-map.js';

/** How the reference names each token in `expected X, found Y` messages. */
const DESCRIPTIONS = {
  whitespace: 'whitespace',
  comment: 'a comment',
  equals: "'='",
  comma: "','",
  colon: "':'",
  period: "'.'",
  semicolon: "';'",
  'left-paren': "'('",
  'right-paren': "')'",
  'left-brace': "'{'",
  'right-brace': "'}'",
  'less-than': "'<'",
  'greater-than': "'>'",
  'r-arrow': '`->`',
  star: '`*`',
  at: '`@`',
  slash: '`/`',
  plus: '`+`',
  minus: '`-`',
  'string-literal': 'a string literal',
  use: 'keyword `use`',
  type: 'keyword `type`',
  func: 'keyword `func`',
  u8: 'keyword `u8`',
  u16: 'keyword `u16`',
  u32: 'keyword `u32`',
  u64: 'keyword `u64`',
  s8: 'keyword `s8`',
  s16: 'keyword `s16`',
  s32: 'keyword `s32`',
  s64: 'keyword `s64`',
  f32: 'keyword `f32`',
  f64: 'keyword `f64`',
  char: 'keyword `char`',
  record: 'keyword `record`',
  resource: 'keyword `resource`',
  own: 'keyword `own`',
  borrow: 'keyword `borrow`',
  flags: 'keyword `flags`',
  variant: 'keyword `variant`',
  enum: 'keyword `enum`',
  bool: 'keyword `bool`',
  string: 'keyword `string`',
  option: 'keyword `option`',
  result: 'keyword `result`',
  future: 'keyword `future`',
  stream: 'keyword `stream`',
  'error-context': 'keyword `error-context`',
  list: 'keyword `list`',
  map: 'keyword `map`',
  underscore: 'keyword `_`',
  as: 'keyword `as`',
  from: 'keyword `from`',
  static: 'keyword `static`',
  interface: 'keyword `interface`',
  tuple: 'keyword `tuple`',
  import: 'keyword `import`',
  export: 'keyword `export`',
  world: 'keyword `world`',
  package: 'keyword `package`',
  constructor: 'keyword `constructor`',
  async: 'keyword `async`',
  id: 'an identifier',
  'explicit-id': "an '%' identifier",
  integer: 'an integer',
  include: 'keyword `include`',
  with: 'keyword `with`',
} as const;

/** Every kind of token the lexer produces. */
export type TokenKind = keyof typeof DESCRIPTIONS;

/** A token: its kind and its span in the shared source map. */
export interface Token extends Span {
  readonly kind: TokenKind;
}

/** The reference's `Token::describe`. */
export function describeToken(kind: TokenKind): string {
  return DESCRIPTIONS[kind];
}

/** Keyword spellings; the `_` keyword is included since it lexes like a name. */
const KEYWORDS: ReadonlyMap<string, TokenKind> = new Map<string, TokenKind>([
  ['use', 'use'], ['type', 'type'], ['func', 'func'],
  ['u8', 'u8'], ['u16', 'u16'], ['u32', 'u32'], ['u64', 'u64'],
  ['s8', 's8'], ['s16', 's16'], ['s32', 's32'], ['s64', 's64'],
  ['f32', 'f32'], ['f64', 'f64'], ['char', 'char'],
  ['resource', 'resource'], ['own', 'own'], ['borrow', 'borrow'], ['record', 'record'],
  ['flags', 'flags'], ['variant', 'variant'], ['enum', 'enum'], ['bool', 'bool'],
  ['string', 'string'], ['option', 'option'], ['result', 'result'], ['future', 'future'],
  ['stream', 'stream'], ['error-context', 'error-context'], ['list', 'list'], ['map', 'map'],
  ['_', 'underscore'], ['as', 'as'], ['from', 'from'], ['static', 'static'],
  ['interface', 'interface'], ['tuple', 'tuple'], ['world', 'world'], ['import', 'import'],
  ['export', 'export'], ['package', 'package'], ['constructor', 'constructor'],
  ['include', 'include'], ['with', 'with'], ['async', 'async'],
]);

/** Single-character punctuation tokens (`-` and `/` need lookahead and are handled apart). */
const PUNCTUATION: ReadonlyMap<number, TokenKind> = new Map<number, TokenKind>([
  [0x3d, 'equals'], [0x2c, 'comma'], [0x3a, 'colon'], [0x2e, 'period'], [0x3b, 'semicolon'],
  [0x28, 'left-paren'], [0x29, 'right-paren'], [0x7b, 'left-brace'], [0x7d, 'right-brace'],
  [0x3c, 'less-than'], [0x3e, 'greater-than'], [0x2a, 'star'], [0x40, 'at'], [0x2b, 'plus'],
]);

/** A lex error: the reference reports it at one position, as a one-character span. */
export function lexError(position: number, message: string): WitError {
  return new WitError('lex', message, { start: position, end: position + 1 });
}

/** One character as the reference's CRLF-folding iterator yields it. */
interface Char {
  /** Index of the character in the file's text. */
  readonly index: number;
  readonly cp: number;
  /** Index just past it (past both characters of a folded `\r\n`). */
  readonly next: number;
}

/** The character at `index`, folding `\r\n` into one `\n` at the `\r`. */
function charAt(text: string, index: number): Char | undefined {
  const cp = text.codePointAt(index);
  if (cp === undefined) return undefined;
  const next = index + (cp > 0xffff ? 2 : 1);
  if (cp === 0x0d && text.charCodeAt(next) === 0x0a) return { index, cp: 0x0a, next: next + 1 };
  return { index, cp, next };
}

/**
 * The bidi overrides, discouraged codepoints and control codes anywhere in
 * the file, the first `max` of them, in order. Like the reference, the
 * position is relative to the file, not offset into the source map.
 */
function invalidInput(text: string, max: number): WitError[] {
  const found: WitError[] = [];
  for (let index = 0; index < text.length && found.length < max; ) {
    const cp = text.codePointAt(index)!;
    if (cp >= 0x20 && cp < 0x7f) {
      index++;
      continue;
    }
    if (cp !== 0x0a && cp !== 0x0d && cp !== 0x09) {
      if (BIDI_OVERRIDES.has(cp)) {
        found.push(lexError(index, `Input contains bidirectional override codepoint ${debugEscapeUnicode(cp)}`));
      } else if (DISCOURAGED.has(cp)) {
        found.push(lexError(index, `Codepoint ${debugEscapeUnicode(cp)} is discouraged by Unicode`));
      } else if (isControl(cp)) found.push(lexError(index, `Control code '${escapeUnicode(cp)}'`));
    }
    index += cp > 0xffff ? 2 : 1;
  }
  return found;
}

/**
 * Validates a kebab-case identifier: `-`-separated parts, each all-lowercase
 * or all-uppercase ASCII letters and digits, the first starting with a letter.
 * `start` is where errors are reported.
 */
export function validateId(start: number, id: string): void {
  const between = (): WitError => lexError(start, "identifiers must have characters between '-'s");
  const invalid = (cp: number): WitError => lexError(start, `invalid character in identifier ${debugChar(cp)}`);
  // One pass over the code points, part by part, without splitting: ids are most of a file.
  let partStart = true;
  let firstPart = true;
  let upper: boolean | undefined;
  for (let i = 0; i < id.length; ) {
    const cp = id.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    if (cp === 0x2d) {
      if (partStart) throw between();
      partStart = true;
      firstPart = false;
      upper = undefined;
      continue;
    }
    if (partStart && firstPart && !isAsciiLetter(cp)) throw invalid(cp);
    partStart = false;
    if (isAsciiDigit(cp)) continue;
    const isUpper = cp >= 0x41 && cp <= 0x5a;
    if (!isUpper && !(cp >= 0x61 && cp <= 0x7a)) throw invalid(cp);
    if (upper === undefined) upper = isUpper;
    else if (upper !== isUpper) throw invalid(cp);
  }
  if (partStart) throw between();
}

function isAsciiLetter(cp: number): boolean {
  return (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
}

/** Every token kind, so a kind can be stored as its index. */
const KINDS = Object.keys(DESCRIPTIONS) as TokenKind[];
const KIND_INDEX: ReadonlyMap<TokenKind, number> = new Map(KINDS.map((kind, index) => [kind, index]));

/** The kind index of a stand-in for text the lexer could not read (recovering streams only). */
const ERROR_KIND = KINDS.length;

/**
 * A file's tokens, scanned once, as three parallel arrays of small integers
 * rather than an object per token (which a big file has a million of, all
 * kept alive until it is parsed). A throwing stream stops at its first scan
 * error, which waits at the index where scanning stopped; a recovering one
 * records each error as an {@link ERROR_KIND} token (its error in `errors`)
 * and scans on after it.
 */
interface TokenStream {
  readonly scanner: Scanner;
  readonly kinds: readonly number[];
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  readonly error: WitError | undefined;
  /** A recovering stream's scan errors, by token index. */
  readonly errors: ReadonlyMap<number, WitError>;
  /** A recovering stream's whole-file refusals (see {@link Tokenizer.invalidInput}). */
  readonly invalid: readonly WitError[];
}

/**
 * How a recovering tokenizer goes on after a scan error; `maxErrors` bounds
 * the errors it keeps (scanning stops there, as if the file ended).
 */
export interface LexRecovery {
  readonly maxErrors: number;
}

/**
 * A position in one file's token stream. Copying it with {@link clone} is
 * cheap, which is how the parser looks ahead and backtracks: the file is
 * scanned once, and every copy reads the same tokens.
 */
export class Tokenizer {
  readonly #stream: TokenStream;
  #index: number;

  private constructor(stream: TokenStream, index: number) {
    this.#stream = stream;
    this.#index = index;
  }

  /**
   * Starts tokenizing `text`, whose first character is at `offset` in the
   * source map. Without `recovery` the first error is thrown (a refused code
   * point at once, a scan error when the parser reaches it); with it every
   * scan error becomes a token that throws its error when read, and scanning
   * resumes after the unreadable text.
   */
  static create(text: string, offset: number, recovery?: LexRecovery): Tokenizer {
    const invalid = invalidInput(text, recovery?.maxErrors ?? 1);
    if (recovery === undefined && invalid.length > 0) throw invalid[0]!;
    const scanner = new Scanner(text, offset, 0);
    scanner.eatByteOrderMark();
    const kinds: number[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    const errors = new Map<number, WitError>();
    let error: WitError | undefined;
    for (;;) {
      try {
        for (let token = scanner.scan(); token !== undefined; token = scanner.scan()) {
          kinds.push(KIND_INDEX.get(token.kind)!);
          starts.push(token.start);
          ends.push(token.end);
        }
        break;
      } catch (caught) {
        // The reference lexes on demand: a bad character is reported only
        // when the parser reaches it, after any syntax error before it.
        if (!(caught instanceof WitError)) throw caught;
        if (recovery === undefined) {
          error = caught;
          break;
        }
        errors.set(kinds.length, caught);
        kinds.push(ERROR_KIND);
        starts.push(scanner.tokenStart());
        ends.push(scanner.skipUnreadable());
        if (errors.size >= recovery.maxErrors) break;
      }
    }
    return new Tokenizer({ scanner, kinds, starts, ends, error, errors, invalid }, 0);
  }

  /**
   * The code points a recovering tokenizer found that refuse the whole file
   * (bidi overrides, discouraged code points, control codes): the reference
   * checks for them before reading a token, so they come before any other error.
   */
  invalidInput(): readonly WitError[] {
    return this.#stream.invalid;
  }

  /** Every scan error of a recovering tokenizer, each with the offset of its token, in order. */
  scanErrors(): { readonly error: WitError; readonly start: number }[] {
    const out: { readonly error: WitError; readonly start: number }[] = [];
    for (const [index, error] of this.#stream.errors) out.push({ error, start: this.#stream.starts[index]! });
    return out;
  }

  /** Where the token of a scan error starts, if `error` is one this tokenizer threw. */
  scanErrorStart(error: WitError): number | undefined {
    for (const [index, found] of this.#stream.errors) if (found === error) return this.#stream.starts[index];
    return undefined;
  }

  /** An independent copy at the same position. */
  clone(): Tokenizer {
    return new Tokenizer(this.#stream, this.#index);
  }

  /** Moves this tokenizer to where `other` (a clone of it) is. */
  copyFrom(other: Tokenizer): void {
    this.#index = other.#index;
  }

  /** The zero-width span at the end of the file. */
  eofSpan(): Span {
    return this.#stream.scanner.eofSpan();
  }

  /** The source text a span covers. */
  text(span: Span): string {
    return this.#stream.scanner.text(span);
  }

  /** The name of an identifier token, validated as kebab-case. */
  parseId(span: Span): string {
    const name = this.text(span);
    validateId(span.start, name);
    return name;
  }

  /** The name of a `%`-escaped identifier token without its `%`, validated. */
  parseExplicitId(span: Span): string {
    const name = this.text(span).slice(1);
    validateId(span.start, name);
    return name;
  }

  /** The next token that is neither whitespace nor a comment. */
  next(): Token | undefined {
    for (;;) {
      const token = this.nextRaw();
      if (token === undefined || (token.kind !== 'whitespace' && token.kind !== 'comment')) return token;
    }
  }

  /**
   * The next token that is neither whitespace, a comment nor unreadable
   * text; it never throws. How the parser skips ahead after an error.
   */
  nextLenient(): Token | undefined {
    this.skipLenient();
    const { kinds, starts, ends } = this.#stream;
    const i = this.#index;
    if (i === kinds.length) return undefined;
    this.#index++;
    return { kind: KINDS[kinds[i]!]!, start: starts[i]!, end: ends[i]! };
  }

  /** Moves past whitespace, comments and unreadable text, to just before what {@link nextLenient} returns. */
  skipLenient(): void {
    const { kinds } = this.#stream;
    for (; this.#index < kinds.length; this.#index++) {
      const kind = KINDS[kinds[this.#index]!];
      if (kind !== undefined && kind !== 'whitespace' && kind !== 'comment') return;
    }
  }

  /** Where the next token that is neither whitespace nor a comment starts (unreadable text included), or undefined at the end. */
  nextStart(): number | undefined {
    const { kinds, starts } = this.#stream;
    for (let i = this.#index; i < kinds.length; i++) {
      const kind = KINDS[kinds[i]!];
      if (kind !== 'whitespace' && kind !== 'comment') return starts[i];
    }
    return undefined;
  }

  /** Consumes the next token if it is `expected`. */
  eat(expected: TokenKind): boolean {
    const other = this.clone();
    const token = other.next();
    if (token?.kind !== expected) return false;
    this.copyFrom(other);
    return true;
  }

  /** Consumes the next token, which must be `expected`. */
  expect(expected: TokenKind): Token {
    const token = this.next();
    if (token === undefined) {
      throw lexError(this.eofSpan().end, `expected ${describeToken(expected)}, found eof`);
    }
    if (token.kind !== expected) {
      throw lexError(token.start, `expected ${describeToken(expected)}, found ${describeToken(token.kind)}`);
    }
    return token;
  }

  /** The value of a string literal token, with escapes decoded. */
  stringLiteral(span: Span): string {
    return this.#stream.scanner.stringLiteral(span);
  }

  /**
   * The next token including whitespace and comments; undefined at the end.
   * Reading unreadable text throws its scan error (a throwing stream's at
   * its end, every time; a recovering stream's once per copy that passes it).
   */
  nextRaw(): Token | undefined {
    const { kinds, starts, ends, error } = this.#stream;
    const i = this.#index;
    if (i < kinds.length) {
      this.#index++;
      const kind = KINDS[kinds[i]!];
      if (kind === undefined) throw this.#stream.errors.get(i)!;
      return { kind, start: starts[i]!, end: ends[i]! };
    }
    if (error !== undefined) throw new WitError(error.kind, error.message, error.span);
    return undefined;
  }
}

/** Reads tokens off the text of one file, one at a time. */
class Scanner {
  readonly #text: string;
  readonly #offset: number;
  #pos: number;
  /** Index of the token being scanned. */
  #start = 0;

  constructor(text: string, offset: number, pos: number) {
    this.#text = text;
    this.#offset = offset;
    this.#pos = pos;
  }

  eatByteOrderMark(): void {
    this.#eatc(0xfeff);
  }

  eofSpan(): Span {
    const end = this.#offset + this.#text.length;
    return { start: end, end };
  }

  text(span: Span): string {
    return this.#text.slice(span.start - this.#offset, span.end - this.#offset);
  }

  stringLiteral(span: Span): string {
    const inner = new Scanner(this.#text, this.#offset, span.start - this.#offset + 1);
    return inner.#expectStringLiteral(span.start + 1);
  }

  /** The next token including whitespace and comments; undefined at the end. */
  scan(): Token | undefined {
    const index = this.#pos;
    this.#start = index;
    const cp = this.#nextCp();
    if (cp === -1) return undefined;
    const start = this.#offset + index;
    const kind = this.#tokenAfter(cp, index, start);
    return { kind, start, end: this.#offset + this.#pos };
  }

  /** Where the token that failed to scan starts, in the source map. */
  tokenStart(): number {
    return this.#offset + this.#start;
  }

  /**
   * After a scan error, moves past the unreadable text and returns where it
   * ends: the character that failed (the scanner is already past it), and for
   * a string literal the rest of it up to its closing quote or its line's
   * end, so its remains are not read as tokens.
   */
  skipUnreadable(): number {
    const text = this.#text;
    const closed = this.#pos - 1 > this.#start && text.charCodeAt(this.#pos - 1) === 0x22;
    if (text.charCodeAt(this.#start) === 0x22 && !closed) {
      for (let c = text.charCodeAt(this.#pos); this.#pos < text.length && c !== 0x0a && c !== 0x0d; c = text.charCodeAt(this.#pos)) {
        this.#pos++;
        if (c === 0x22) break;
        // An escaped character is skipped with its backslash, unless it ends the line.
        const escaped = text.charCodeAt(this.#pos);
        if (c === 0x5c && escaped !== 0x0a && escaped !== 0x0d) this.#pos++;
      }
      this.#pos = Math.min(this.#pos, text.length);
    }
    return this.#offset + this.#pos;
  }

  #tokenAfter(cp: number, index: number, start: number): TokenKind {
    const punctuation = PUNCTUATION.get(cp);
    if (punctuation !== undefined) return punctuation;
    switch (cp) {
      case 0x0a:
      case 0x09:
      case 0x20:
        while (this.#eatc(0x20) || this.#eatc(0x09) || this.#eatc(0x0a)) {
          // keep eating whitespace
        }
        return 'whitespace';
      case 0x2f:
        return this.#slashOrComment(start);
      case 0x2d:
        return this.#eatc(0x3e) ? 'r-arrow' : 'minus';
      case 0x25:
        this.#explicitId();
        return 'explicit-id';
      case 0x22:
        this.#expectStringLiteral(start);
        return 'string-literal';
      default:
        break;
    }
    if (isKeylikeStart(cp)) {
      this.#eatWhile(isKeylikeContinue);
      return KEYWORDS.get(this.#text.slice(index, this.#pos)) ?? 'id';
    }
    if (isAsciiDigit(cp)) {
      this.#eatWhile(isAsciiDigit);
      return 'integer';
    }
    throw lexError(start, `unexpected character ${debugChar(cp)}`);
  }

  #slashOrComment(start: number): TokenKind {
    if (this.#eatc(0x2f)) {
      for (let cp = this.#nextCp(); cp !== -1 && cp !== 0x0a; cp = this.#nextCp()) {
        // a line comment runs through its newline
      }
      return 'comment';
    }
    if (this.#eatc(0x2a)) {
      this.#blockComment(start);
      return 'comment';
    }
    return 'slash';
  }

  /** Skips a block comment body; block comments nest. */
  #blockComment(start: number): void {
    let depth = 1;
    while (depth > 0) {
      const cp = this.#nextCp();
      if (cp === -1) throw lexError(start, 'unterminated block comment');
      if (cp === 0x2f && this.#eatc(0x2a)) depth++;
      else if (cp === 0x2a && this.#eatc(0x2f)) depth--;
    }
  }

  /** After `%`: the identifier characters, if any (a bare `%` is diagnosed when parsed). */
  #explicitId(): void {
    const first = charAt(this.#text, this.#pos);
    if (first === undefined || !isKeylikeStart(first.cp)) return;
    this.#pos = first.next;
    this.#eatWhile(isKeylikeContinue);
  }

  #eatWhile(predicate: (cp: number) => boolean): void {
    // ASCII without `\r` needs no code point decoding and no allocation.
    for (let c = this.#text.charCodeAt(this.#pos); c < 0x80 && c !== 0x0d && predicate(c); c = this.#text.charCodeAt(this.#pos)) {
      this.#pos++;
    }
    for (let ch = charAt(this.#text, this.#pos); ch !== undefined && predicate(ch.cp); ch = charAt(this.#text, this.#pos)) {
      this.#pos = ch.next;
    }
  }

  #nextChar(): Char | undefined {
    const ch = charAt(this.#text, this.#pos);
    if (ch !== undefined) this.#pos = ch.next;
    return ch;
  }

  /** The next code point (CRLF folded), or -1 at the end; ASCII without `\r` needs no decoding and no allocation. */
  #nextCp(): number {
    const c = this.#text.charCodeAt(this.#pos);
    if (c < 0x80 && c !== 0x0d) {
      this.#pos++;
      return c;
    }
    return this.#nextChar()?.cp ?? -1;
  }

  #eatc(cp: number): boolean {
    const c = this.#text.charCodeAt(this.#pos);
    if (c < 0x80 && c !== 0x0d) {
      if (c !== cp) return false;
      this.#pos++;
      return true;
    }
    const ch = charAt(this.#text, this.#pos);
    if (ch?.cp !== cp) return false;
    this.#pos = ch.next;
    return true;
  }

  /** The next character; at the end of the file, the reference's `unexpected end of file`. */
  #expectAnyChar(): Char {
    const ch = this.#nextChar();
    if (ch === undefined) throw lexError(this.eofSpan().end, 'unexpected end of file');
    return ch;
  }

  #expectChar(expected: number): void {
    const ch = this.#expectAnyChar();
    if (ch.cp !== expected) throw lexError(ch.index, `expected character ${debugChar(expected)}`);
  }

  /**
   * Reads a string literal body after its opening quote. Positions inside
   * are file-relative, as in the reference; `start` (offset) is used for
   * the UTF-8 error.
   */
  #expectStringLiteral(start: number): string {
    const bytes: number[] = [];
    for (;;) {
      const ch = this.#expectAnyChar();
      if (ch.cp === 0x22) break;
      if (ch.cp === 0x5c) this.#escape(bytes);
      else if (ch.cp < 0x20 || ch.cp === 0x7f) {
        throw lexError(ch.index, `invalid string character ${debugChar(ch.cp)}`);
      } else pushUtf8(bytes, ch.cp);
    }
    const error = validateUtf8(bytes);
    if (error !== undefined) throw lexError(start, `invalid UTF-8: ${formatUtf8Error(error)}`);
    return decodeUtf8(bytes);
  }

  /** One escape sequence after a backslash. */
  #escape(bytes: number[]): void {
    const ch = this.#expectAnyChar();
    const simple = SIMPLE_ESCAPES.get(ch.cp);
    if (simple !== undefined) {
      bytes.push(simple);
    } else if (ch.cp === 0x75) {
      this.#expectChar(0x7b);
      const value = this.#eatHexNumber();
      const isScalar = value <= 0x10ffff && (value < 0xd800 || value > 0xdfff);
      if (!isScalar) throw lexError(ch.index, `invalid unicode value 0x${value.toString(16)}`);
      pushUtf8(bytes, value);
      this.#expectChar(0x7d);
    } else if (isAsciiHexDigit(ch.cp)) {
      bytes.push(hexValue(ch.cp) * 16 + this.#eatHexDigit().value);
    } else {
      throw lexError(ch.index, `invalid string escape ${debugChar(ch.cp)}`);
    }
  }

  /** Hex digits with `_` separators, as a u32. */
  #eatHexNumber(): number {
    const first = this.#eatHexDigit();
    let value = first.value;
    let lastUnderscore = false;
    for (;;) {
      if (this.#eatc(0x5f)) {
        lastUnderscore = true;
        continue;
      }
      const ch = new Scanner(this.#text, this.#offset, this.#pos).#expectAnyChar();
      if (!isAsciiHexDigit(ch.cp)) break;
      lastUnderscore = false;
      this.#nextChar();
      value = value * 16 + hexValue(ch.cp);
      if (value > 0xffffffff) throw lexError(ch.index, 'number is too big to fit in a u32');
    }
    if (lastUnderscore) throw lexError(first.index, 'trailing underscore in number');
    return value;
  }

  #eatHexDigit(): { readonly index: number; readonly value: number } {
    const ch = this.#expectAnyChar();
    if (!isAsciiHexDigit(ch.cp)) throw lexError(ch.index, `invalid hex digit ${debugChar(ch.cp)}`);
    return { index: ch.index, value: hexValue(ch.cp) };
  }
}

/** `\"`, `\'`, `\t`, `\n`, `\r`, `\\` and the byte each stands for. */
const SIMPLE_ESCAPES: ReadonlyMap<number, number> = new Map([
  [0x22, 0x22], [0x27, 0x27], [0x74, 0x09], [0x6e, 0x0a], [0x72, 0x0d], [0x5c, 0x5c],
]);
