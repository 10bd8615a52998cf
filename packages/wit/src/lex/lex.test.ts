import { describe, expect, it } from 'vitest';
import { WitError } from '../errors.js';
import { Tokenizer, describeToken, validateId } from './lex.js';
import type { Token, TokenKind } from './lex.js';
import { debugChar } from './lex-text.js';
import { parseSemver } from '../semver.js';

function tokens(text: string, offset = 0): Token[] {
  const t = Tokenizer.create(text, offset);
  const out: Token[] = [];
  for (let token = t.next(); token !== undefined; token = t.next()) out.push(token);
  return out;
}

function kinds(text: string): TokenKind[] {
  return tokens(text).map((token) => token.kind);
}

function rawKinds(text: string): TokenKind[] {
  const t = Tokenizer.create(text, 0);
  const out: TokenKind[] = [];
  for (let token = t.nextRaw(); token !== undefined; token = t.nextRaw()) out.push(token.kind);
  return out;
}

/** The WitError thrown by `fn`, as `[kind, message, span start]`. */
function failure(fn: () => unknown): [string, string, number | undefined] {
  try {
    fn();
  } catch (error) {
    if (error instanceof WitError) return [error.kind, error.message, error.span?.start];
    throw error;
  }
  throw new Error('expected a WitError');
}

function lexFailure(text: string, offset = 0): [string, string, number | undefined] {
  return failure(() => tokens(text, offset));
}

describe('tokens', () => {
  it('lexes identifiers and keywords like the reference', () => {
    expect(kinds('')).toEqual([]);
    expect(kinds('_')).toEqual(['underscore']);
    expect(kinds('apple apple-Pear apple--pear _a_p_p_l_e_ garçon 東京 a0')).toEqual(['id', 'id', 'id', 'id', 'id', 'id', 'id']);
    expect(kinds('%a %bool %')).toEqual(['explicit-id', 'explicit-id', 'explicit-id']);
    expect(kinds('a: func()')).toEqual(['id', 'colon', 'func', 'left-paren', 'right-paren']);
    expect(kinds('own<some-id> borrow')).toEqual(['own', 'less-than', 'id', 'greater-than', 'borrow']);
    expect(kinds('error-context error-contexts map list async constructor include with')).toEqual([
      'error-context', 'id', 'map', 'list', 'async', 'constructor', 'include', 'with',
    ]);
  });

  it('lexes punctuation, arrows and integers', () => {
    expect(kinds('= , : . ; ( ) { } < > -> * @ / + - 0123')).toEqual([
      'equals', 'comma', 'colon', 'period', 'semicolon', 'left-paren', 'right-paren', 'left-brace',
      'right-brace', 'less-than', 'greater-than', 'r-arrow', 'star', 'at', 'slash', 'plus', 'minus', 'integer',
    ]);
  });

  it('keeps whitespace and comments as raw tokens, folding CRLF', () => {
    expect(rawKinds('a // x\r\nb /* c /* d */ e */ c')).toEqual(['id', 'whitespace', 'comment', 'id', 'whitespace', 'comment', 'whitespace', 'id']);
  });

  it('gives spans shifted by the offset, a line comment running through its newline', () => {
    const t = Tokenizer.create('  // c\nfoo', 100);
    expect(t.nextRaw()).toEqual({ kind: 'whitespace', start: 100, end: 102 });
    expect(t.nextRaw()).toEqual({ kind: 'comment', start: 102, end: 107 });
    expect(t.nextRaw()).toEqual({ kind: 'id', start: 107, end: 110 });
    expect(t.nextRaw()).toBeUndefined();
  });

  it('skips a leading byte order mark only', () => {
    expect(kinds('\ufeffa')).toEqual(['id']);
    expect(lexFailure('a\ufeff')).toEqual(['lex', "unexpected character '\\u{feff}'", 1]);
  });

  it('counts spans in UTF-16 code units', () => {
    expect(lexFailure('a😀', 1)).toEqual(['lex', "unexpected character '😀'", 2]);
    expect(tokens('/*😀*/x', 5)).toEqual([{ kind: 'id', start: 11, end: 12 }]);
  });
});

describe('lex errors', () => {
  it('rejects unexpected characters at their offset position', () => {
    expect(lexFailure('a $', 10)).toEqual(['lex', "unexpected character '$'", 12]);
    expect(lexFailure('a\rb')).toEqual(['lex', "unexpected character '\\r'", 1]);
    expect(lexFailure('\u0301')).toEqual(['lex', "unexpected character '\\u{301}'", 0]);
  });

  it('rejects control, bidi and discouraged codepoints at their file position', () => {
    expect(lexFailure('ab\u000b', 50)).toEqual(['lex', "Control code '\\u{b}'", 2]);
    expect(lexFailure('\u0085')).toEqual(['lex', "Control code '\\u{85}'", 0]);
    expect(lexFailure('x\u202a')).toEqual(['lex', "Input contains bidirectional override codepoint EscapeUnicode(EscapeIterInner('\\u{202a}'))", 1]);
    expect(lexFailure('\u0149')).toEqual(['lex', "Codepoint EscapeUnicode(EscapeIterInner('\\u{149}')) is discouraged by Unicode", 0]);
  });

  it('rejects unterminated block comments at their start', () => {
    expect(lexFailure('a /* b /* c */', 3)).toEqual(['lex', 'unterminated block comment', 5]);
  });

  it('reports string literal errors like the reference', () => {
    expect(lexFailure('"\\h"')).toEqual(['lex', "invalid string escape 'h'", 2]);
    expect(lexFailure('"\\0_1"')).toEqual(['lex', "invalid hex digit '_'", 3]);
    expect(lexFailure('"\\ff"')).toEqual(['lex', 'invalid UTF-8: invalid utf-8 sequence of 1 bytes from index 0', 0]);
    expect(lexFailure('"\\e2\\82"')).toEqual(['lex', 'invalid UTF-8: incomplete utf-8 byte sequence from index 0', 0]);
    expect(lexFailure('"\\u0000"')).toEqual(['lex', "expected character '{'", 3]);
    expect(lexFailure('"\\u{0h"')).toEqual(['lex', "expected character '}'", 5]);
    expect(lexFailure('"\\u{1_}"')).toEqual(['lex', 'trailing underscore in number', 4]);
    expect(lexFailure('"\\u{fffffffffffffffffffff}"')).toEqual(['lex', 'number is too big to fit in a u32', 12]);
    expect(lexFailure('"\\u{ffff_ffff}"')).toEqual(['lex', 'invalid unicode value 0xffffffff', 2]);
    expect(lexFailure('"\\u{d800}"')).toEqual(['lex', 'invalid unicode value 0xd800', 2]);
    expect(lexFailure('"\t"')).toEqual(['lex', "invalid string character '\\t'", 1]);
    expect(lexFailure('x "abc', 7)).toEqual(['lex', 'unexpected end of file', 13]);
  });

  it('decodes string literals', () => {
    const t = Tokenizer.create('"a\\"\\\'\\t\\n\\r\\\\\\u{1_f600}\\41é"', 0);
    const token = t.next()!;
    expect(token.kind).toBe('string-literal');
    expect(t.stringLiteral(token)).toBe('a"\'\t\n\r\\😀Aé');
  });

  it('words expect failures with token descriptions, at eof too', () => {
    const t = Tokenizer.create('foo', 4);
    expect(failure(() => t.clone().expect('func'))).toEqual(['lex', 'expected keyword `func`, found an identifier', 4]);
    t.next();
    expect(failure(() => t.expect('semicolon'))).toEqual(['lex', "expected ';', found eof", 7]);
    expect(describeToken('explicit-id')).toBe("an '%' identifier");
    expect(describeToken('r-arrow')).toBe('`->`');
  });
});

describe('validateId', () => {
  const valid = ['apple', 'apple-pear', 'a0', 'a', 'bool', 'APPLE-PEAR', 'apple-PEAR-grape', 'ENOENT', 'is-XML', 'apple-0', 'a0-000-3d4a-54FF'];
  const invalid = ['', '0', '%', '$', '0a', '.', 'a a', '_', '-', 'a-', '-a', 'Apple', 'applE', 'apple_pear', 'apple--pear', 'Москва', '😼', 'a0-000-3d4A-54Ff'];

  it.each(valid)('accepts %j', (id) => expect(() => validateId(0, id)).not.toThrow());
  it.each(invalid)('rejects %j', (id) => expect(() => validateId(0, id)).toThrow(WitError));

  it('words its errors', () => {
    expect(failure(() => validateId(9, 'a--b'))).toEqual(['lex', "identifiers must have characters between '-'s", 9]);
    expect(failure(() => validateId(9, 'apple-Pear'))).toEqual(['lex', "invalid character in identifier 'e'", 9]);
    expect(failure(() => validateId(9, 'a_b'))).toEqual(['lex', "invalid character in identifier '_'", 9]);
  });
});

describe('Rust formatting helpers', () => {
  it('formats chars like Debug', () => {
    expect(debugChar(0x27)).toBe("'\\''");
    expect(debugChar(0x22)).toBe("'\"'");
    expect(debugChar(0xa0)).toBe("'\\u{a0}'");
    expect(debugChar(0x20)).toBe("' '");
    expect(debugChar(0xe9)).toBe("'é'");
  });

  it('parses versions like the semver crate', () => {
    expect(parseSemver('1.2.3-rc.1+build.01')).toEqual({ major: 1n, minor: 2n, patch: 3n, pre: 'rc.1', build: 'build.01', text: '1.2.3-rc.1+build.01' });
    expect(() => parseSemver('01.0.0')).toThrow('invalid leading zero in major version number');
    expect(() => parseSemver('1.0')).toThrow('unexpected end of input while parsing minor version number');
    expect(() => parseSemver('1.0.0-01')).toThrow('invalid leading zero in pre-release identifier');
    expect(() => parseSemver('1.0.0 ')).toThrow("unexpected character ' ' after patch version number");
    expect(() => parseSemver('1.0.0-a..b')).toThrow('empty identifier segment in pre-release identifier');
    expect(() => parseSemver('18446744073709551616.0.0')).toThrow('value of major version number exceeds u64::MAX');
  });
});
