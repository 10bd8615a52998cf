/**
 * The parser's view of the tokens: one-token lookahead with wac's error
 * wording (`expected X, found Y`, `expected X or Y, …`, `expected either
 * …`) and its spans, including the end of input.
 */
import type { Span } from '@weld/wit';
import type { DocComment, Ident, StringLiteral } from '../ast.js';
import { WacError, type WacErrorKind } from '../errors.js';
import type { Lexed } from '../lex.js';
import { locate, textOf, type WacSource } from '../source.js';
import { describeToken, type LexFailure, type Token, type TokenKind } from '../token.js';

/** wac's lookahead remembers up to this many expected tokens, then says "or more...". */
const MAX_ATTEMPTS = 10;

/** Deeper nesting of expressions or types is an error rather than a stack overflow. */
export const MAX_DEPTH = 100;

/** The tokens being parsed and the position in them. */
export class Cursor {
  readonly source: WacSource;
  readonly #tokens: readonly Token[];
  readonly #failure: LexFailure | undefined;
  #pos = 0;
  /** How deep expressions or types are nested where the parser is. */
  depth = 0;

  constructor(source: WacSource, lexed: Lexed) {
    this.source = source;
    this.#tokens = lexed.tokens;
    this.#failure = lexed.failure;
  }

  /** The next token, the lexer failure when lexing stopped there, or undefined at the end. */
  peek(ahead = 0): Token | LexFailure | undefined {
    const index = this.#pos + ahead;
    return index < this.#tokens.length ? this.#tokens[index] : index === this.#tokens.length ? this.#failure : undefined;
  }

  /** Whether the next token is `kind`. */
  at(kind: TokenKind, ahead = 0): boolean {
    return this.peek(ahead)?.kind === kind;
  }

  /** Whether anything (a token or a lexer failure) is left. */
  get more(): boolean {
    return this.peek() !== undefined;
  }

  /** The doc comments before the next token. */
  docs(): readonly DocComment[] {
    const next = this.peek();
    return next === undefined || next.kind === 'lex-error' ? [] : next.docs;
  }

  /** Consumes the next token, which the caller knows is there. */
  bump(): Token {
    const token = this.#tokens[this.#pos]!;
    this.#pos++;
    return token;
  }

  /** Consumes a token of `kind` or fails as wac's `parse_token` does. */
  expect(kind: TokenKind): Token {
    const next = this.peek();
    if (next?.kind === kind) return this.bump();
    if (next === undefined) throw this.error('syntax', `expected ${describeToken(kind)}, found end of input`, this.#endOfInput());
    if (next.kind === 'lex-error') throw this.#lexError(next);
    throw this.error('syntax', `expected ${describeToken(kind)}, found ${describeToken(next.kind)}`, next);
  }

  /** Consumes `kind` if it is next. */
  eat(kind: TokenKind): Token | undefined {
    return this.at(kind) ? this.bump() : undefined;
  }

  /** Consumes `kind` if it is next; a lexer failure there is reported, as wac's `parse_optional` does. */
  optional(kind: TokenKind): Token | undefined {
    const next = this.peek();
    if (next?.kind === 'lex-error') throw this.#lexError(next);
    return this.eat(kind);
  }

  /** An identifier, without its `%`. */
  ident(): Ident {
    const token = this.expect('ident');
    const text = this.text(token);
    return { name: text.startsWith('%') ? text.slice(1) : text, span: spanOf(token) };
  }

  /** A string literal, without its quotes. */
  string(): StringLiteral {
    const token = this.expect('string');
    return { value: textOf(this.source, { start: token.start + 1, end: token.end - 1 }), span: spanOf(token) };
  }

  /** The source text of a token. */
  text(token: Span): string {
    return textOf(this.source, token);
  }

  /** A lookahead at the next token, collecting what was tried for the error. */
  lookahead(): Lookahead {
    return new Lookahead(this, this.peek(), this.#lookaheadSpan());
  }

  /** Enters one level of nesting, refusing more than {@link MAX_DEPTH}. */
  enter(what: string, at: Span): void {
    if (++this.depth > MAX_DEPTH) throw this.error('syntax', `${what} nesting is too deep (more than ${MAX_DEPTH} levels)`, at);
  }

  /** Leaves a level entered with {@link enter}. */
  leave(): void {
    this.depth--;
  }

  /** An error at `span` of this file. */
  error(kind: WacErrorKind, message: string, span: Span): WacError {
    const at = { start: span.start, end: span.end };
    return new WacError(kind, message, at, locate(this.source, at));
  }

  #lexError(failure: LexFailure): WacError {
    return this.error('lex', failure.message, failure);
  }

  /** Where wac points when a token was required at the end: the file's last byte. */
  #endOfInput(): Span {
    const length = this.source.bytes.length;
    const start = Math.max(0, length - 1);
    return { start, end: start + 1 };
  }

  /**
   * Where wac's lookahead points at the end of input: the last token read,
   * or the byte before it when that token ends the file (wac's workaround
   * for a label at the very end).
   */
  #lookaheadSpan(): Span {
    const last = this.#pos > 0 ? this.#tokens[this.#pos - 1]! : { start: 0, end: 0 };
    if (last.end !== this.source.bytes.length) return spanOf(last);
    const start = Math.max(0, last.start - 1);
    return { start, end: start + 1 };
  }

  /** A failed lookahead as wac words it. */
  lookaheadError(next: Token | LexFailure | undefined, span: Span, attempts: readonly TokenKind[]): WacError {
    if (next?.kind === 'lex-error') return this.#lexError(next);
    const found = next === undefined ? 'end of input' : describeToken(next.kind);
    const at = next ?? span;
    const [first, second] = attempts;
    if (attempts.length === 1) return this.error('syntax', `expected ${describeToken(first!)}, found ${found}`, at);
    if (attempts.length === 2) return this.error('syntax', `expected ${describeToken(first!)} or ${describeToken(second!)}, found ${found}`, at);
    let list = '';
    const shown = Math.min(attempts.length, MAX_ATTEMPTS);
    for (let i = 0; i < shown; i++) {
      if (i > 0) list += ', ';
      if (i === attempts.length - 1) list += 'or ';
      list += describeToken(attempts[i]!);
    }
    if (attempts.length > MAX_ATTEMPTS) list += ', or more...';
    return this.error('syntax', `expected either ${list}, found ${found}`, at);
  }
}

/** wac's `Lookahead`: each failed `peek` adds to what the error says was expected. */
export class Lookahead {
  readonly #cursor: Cursor;
  readonly #next: Token | LexFailure | undefined;
  readonly #span: Span;
  readonly #attempts: TokenKind[] = [];

  constructor(cursor: Cursor, next: Token | LexFailure | undefined, span: Span) {
    this.#cursor = cursor;
    this.#next = next;
    this.#span = span;
  }

  /** Whether the next token is `kind`; if not, `kind` is one more thing expected. */
  peek(kind: TokenKind): boolean {
    if (this.#next?.kind === kind) return true;
    this.#attempts.push(kind);
    return false;
  }

  /** The error for none of the tried tokens being next. */
  error(): WacError {
    return this.#cursor.lookaheadError(this.#next, this.#span, this.#attempts);
  }
}

/** The span of a token. */
export function spanOf(token: Span): Span {
  return { start: token.start, end: token.end };
}

/** The span from the start of `first` to the end of `last`. */
export function join(first: Span, last: Span): Span {
  return { start: first.start, end: last.end };
}

/**
 * wac's `parse_delimited`: items until `until` (not consumed), separated by
 * commas when `commas` (a trailing one allowed).
 */
export function parseDelimited<T>(cursor: Cursor, until: TokenKind, commas: boolean, peekItem: (lookahead: Lookahead) => boolean, parseItem: () => T): T[] {
  const items: T[] = [];
  for (;;) {
    const lookahead = cursor.lookahead();
    if (lookahead.peek(until)) break;
    if (!peekItem(lookahead)) throw lookahead.error();
    items.push(parseItem());
    const next = cursor.peek();
    if (next !== undefined && next.kind !== 'lex-error') {
      if (next.kind === until) break;
      if (commas) cursor.expect(',');
    }
  }
  return items;
}
