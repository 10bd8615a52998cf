/**
 * The WAC lexer, over UTF-8 bytes so spans are byte offsets as wac's are.
 * It follows wac's token rules (`crates/wac-parser/src/lexer.rs`): package
 * names and paths (`ns:pkg/iface@1.0.0`) are single tokens, keywords are
 * whole words, and the longest match wins.
 */
import { WacError } from './errors.js';
import { locate, textOf, type WacSource } from './source.js';
import { keywordOf, type DocComment, type LexFailure, type SymbolToken, type Token } from './token.js';

/** The tokens of a file; `failure` is where lexing stopped, reported once the parser gets there. */
export interface Lexed {
  readonly tokens: readonly Token[];
  readonly failure: LexFailure | undefined;
}

const isLower = (b: number | undefined): boolean => b !== undefined && b >= 0x61 && b <= 0x7a;
const isUpper = (b: number | undefined): boolean => b !== undefined && b >= 0x41 && b <= 0x5a;
const isDigit = (b: number | undefined): boolean => b !== undefined && b >= 0x30 && b <= 0x39;
/** A character of a version's dotted part after its first number: `[0-9a-zA-Z+-]`. */
const isVersionChar = (b: number | undefined): boolean => isLower(b) || isUpper(b) || isDigit(b) || b === 0x2d || b === 0x2b;

/** Single-byte punctuation, by its byte. */
const SINGLE: ReadonlyMap<number, SymbolToken> = new Map<number, SymbolToken>(
  ([';', '{', '}', ':', '=', '(', ')', '<', '>', '_', '[', ']', ',', '/', '@'] as const).map((s) => [s.charCodeAt(0), s]),
);

/** Rust's `char::escape_unicode`: `\u{7f}`. */
function escapeUnicode(codePoint: number): string {
  return `\\u{${codePoint.toString(16)}}`;
}

const BIDI = new Set([0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]);
const DISCOURAGED = new Set([0x149, 0x673, 0xf77, 0xf79, 0x17a3, 0x17a4, 0x17b4, 0x17b5]);

/** wac refuses these anywhere in the file before it reads a token: they can make text read differently than it parses. */
function checkCharacters(source: WacSource, text: string): void {
  let offset = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    const width = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    let message: string | undefined;
    if (c === 0x0d || c === 0x09 || c === 0x0a) message = undefined;
    else if (BIDI.has(c)) message = `disallowed bidirectional override codepoint \`${escapeUnicode(c)}\``;
    else if (DISCOURAGED.has(c)) message = `codepoint \`${escapeUnicode(c)}\` is discouraged by Unicode`;
    else if (c <= 0x1f || (c >= 0x7f && c <= 0x9f)) message = `disallowed control code '${escapeUnicode(c)}'`;
    if (message !== undefined) {
      const span = { start: offset, end: offset + width };
      throw new WacError('lex', message, span, locate(source, span));
    }
    offset += width;
  }
}

/** The end of an identifier (`%?word(-word)*`) starting at `at`, or -1. */
function identEnd(bytes: Uint8Array, at: number): number {
  let i = bytes[at] === 0x25 ? at + 1 : at;
  const word = (j: number): number => {
    const lower = isLower(bytes[j]);
    if (!lower && !isUpper(bytes[j])) return -1;
    j++;
    while (lower ? isLower(bytes[j]) || isDigit(bytes[j]) : isUpper(bytes[j]) || isDigit(bytes[j])) j++;
    return j;
  };
  i = word(i);
  if (i < 0) return -1;
  while (bytes[i] === 0x2d) {
    const next = word(i + 1);
    if (next < 0) break;
    i = next;
  }
  return i;
}

/** The end of a block comment opened at `at` (nested ones count), or -1 when it never closes. */
function blockCommentEnd(bytes: Uint8Array, at: number): number {
  let depth = 1;
  let i = at + 2;
  while (depth > 0) {
    if (i >= bytes.length) return -1;
    if (bytes[i] === 0x2f && bytes[i + 1] === 0x2a) { depth++; i += 2; }
    else if (bytes[i] === 0x2a && bytes[i + 1] === 0x2f) { depth--; i += 2; }
    else i++;
  }
  return i;
}

/** The doc text of a comment, as wac's `Lexer::comments` keeps it: `///` and `/** *\/` only, trimmed. */
function docText(text: string): string | undefined {
  if (text.startsWith('///')) return text.slice(3).trim();
  if (text.startsWith('/**') && text !== '/**/') return text.slice(3, -2).trim();
  return undefined;
}

/** Reads `source` into tokens. Refuses disallowed characters at once, as wac does; other failures end the stream. */
export function lexWac(source: WacSource): Lexed {
  const { bytes } = source;
  checkCharacters(source, textOf(source, { start: 0, end: bytes.length }));
  const tokens: Token[] = [];
  let docs: DocComment[] = [];
  // wac gathers doc comments with a lexer that skips spaces, tabs, newlines and form feeds but not `\r`.
  let gathering = true;
  let i = 0;
  const fail = (message: string, start: number, end: number): Lexed => ({ tokens, failure: { kind: 'lex-error', message, start, end } });
  const push = (kind: Token['kind'], start: number, end: number): void => {
    tokens.push({ kind, start, end, docs });
    docs = [];
    gathering = true;
    i = end;
  };
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0c || b === 0x0d) {
      if (b === 0x0d) gathering = false;
      i++;
      continue;
    }
    if (b === 0x2f && bytes[i + 1] === 0x2f) {
      let end = i;
      while (end < bytes.length && bytes[end] !== 0x0a) end++;
      const text = docText(textOf(source, { start: i, end }));
      if (gathering && text !== undefined) docs.push({ comment: text, span: { start: i, end } });
      i = end;
      continue;
    }
    if (b === 0x2f && bytes[i + 1] === 0x2a) {
      const end = blockCommentEnd(bytes, i);
      if (end < 0) return fail('an unterminated comment was encountered', i, bytes.length);
      const text = docText(textOf(source, { start: i, end }));
      if (gathering && text !== undefined) docs.push({ comment: text, span: { start: i, end } });
      i = end;
      continue;
    }
    if (b === 0x22) {
      const close = bytes.indexOf(0x22, i + 1);
      if (close < 0) return fail('an unterminated string was encountered', i, i + 1);
      push('string', i, close + 1);
      continue;
    }
    const id = identEnd(bytes, i);
    if (id >= 0) {
      lexWord(bytes, i, id, push, source);
      continue;
    }
    if (b === 0x2d && bytes[i + 1] === 0x3e) { push('->', i, i + 2); continue; }
    if (b === 0x2e) {
      if (bytes[i + 1] === 0x2e && bytes[i + 2] === 0x2e) push('...', i, i + 3);
      else push('.', i, i + 1);
      continue;
    }
    const single = SINGLE.get(b);
    if (single !== undefined) { push(single, i, i + 1); continue; }
    const width = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return fail('unexpected token was encountered', i, Math.min(bytes.length, i + width));
  }
  return { tokens, failure: undefined };
}

/** An identifier, keyword, package name (`a:b@1.0.0`) or package path (`a:b/c/d@1.0.0`) starting at `start`. */
function lexWord(bytes: Uint8Array, start: number, idEnd: number, push: (kind: Token['kind'], start: number, end: number) => void, source: WacSource): void {
  let end = idEnd;
  let colons = 0;
  let slashes = 0;
  for (let next: number; bytes[end] === 0x3a && (next = identEnd(bytes, end + 1)) >= 0; colons++) end = next;
  if (colons === 0) {
    push(keywordOf(textOf(source, { start, end })) ?? 'ident', start, end);
    return;
  }
  for (let next: number; bytes[end] === 0x2f && (next = identEnd(bytes, end + 1)) >= 0; slashes++) end = next;
  if (bytes[end] === 0x40 && isDigit(bytes[end + 1])) {
    end += 1;
    while (isDigit(bytes[end])) end++;
    while (bytes[end] === 0x2e && isVersionChar(bytes[end + 1])) {
      end += 1;
      while (isVersionChar(bytes[end])) end++;
    }
  }
  push(slashes > 0 ? 'package-path' : 'package-name', start, end);
}
