/**
 * Semantic versions as the reference reads them: Rust's `semver` crate
 * decides what is valid and words the error; the `semver` npm package then
 * gives the canonical text the rest of weld compares with.
 */
import semver from 'semver';
import { debugChar } from './lex-text.js';

type Position = 'major version number' | 'minor version number' | 'patch version number' | 'pre-release identifier' | 'build metadata';

/** Thrown by {@link parseSemver}; the message is the `semver` crate's `Display`. */
export class SemverError extends Error {
  override readonly name = 'SemverError';
}

/** `semver`'s `QuotedChar`: `'\0'` for NUL, otherwise Rust's char `Debug`. */
function quoted(text: string): string {
  return debugChar(text.codePointAt(0)!);
}

function unexpectedAfter(position: Position, rest: string): SemverError {
  return new SemverError(`unexpected character ${quoted(rest)} after ${position}`);
}

/** Digits without a leading zero that fit a u64; returns the rest of the text. */
function numericIdentifier(text: string, position: Position): string {
  let length = 0;
  let value = 0n;
  for (; length < text.length; length++) {
    const code = text.charCodeAt(length);
    if (code < 0x30 || code > 0x39) break;
    if (value === 0n && length > 0) throw new SemverError(`invalid leading zero in ${position}`);
    value = value * 10n + BigInt(code - 0x30);
    if (value > 0xffffffffffffffffn) throw new SemverError(`value of ${position} exceeds u64::MAX`);
  }
  if (length > 0) return text.slice(length);
  if (text.length > 0) throw new SemverError(`unexpected character ${quoted(text)} while parsing ${position}`);
  throw new SemverError(`unexpected end of input while parsing ${position}`);
}

function dot(text: string, position: Position): string {
  if (text.startsWith('.')) return text.slice(1);
  if (text.length > 0) throw unexpectedAfter(position, text);
  throw new SemverError(`unexpected end of input while parsing ${position}`);
}

function isIdentifierByte(code: number): 'digit' | 'other' | undefined {
  if (code >= 0x30 && code <= 0x39) return 'digit';
  if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x2d) return 'other';
  return undefined;
}

/** Dot-separated `[0-9A-Za-z-]+` segments; returns `[identifier, rest]`. */
function identifier(text: string, position: Position): readonly [string, string] {
  let accumulated = 0;
  let segment = 0;
  let hasNonDigit = false;
  for (;;) {
    const index = accumulated + segment;
    const kind = index < text.length ? isIdentifierByte(text.charCodeAt(index)) : undefined;
    if (kind !== undefined) {
      segment++;
      if (kind === 'other') hasNonDigit = true;
      continue;
    }
    const boundaryIsDot = text.charCodeAt(index) === 0x2e;
    if (segment === 0) {
      if (accumulated === 0 && !boundaryIsDot) return ['', text];
      throw new SemverError(`empty identifier segment in ${position}`);
    }
    if (position === 'pre-release identifier' && segment > 1 && !hasNonDigit && text.startsWith('0', accumulated)) {
      throw new SemverError(`invalid leading zero in ${position}`);
    }
    accumulated += segment;
    if (!boundaryIsDot) return [text.slice(0, accumulated), text.slice(accumulated)];
    accumulated++;
    segment = 0;
    hasNonDigit = false;
  }
}

/** An optional `-pre` or `+build` part; returns the rest of the text. */
function optionalPart(text: string, prefix: '-' | '+', position: Position): string {
  if (!text.startsWith(prefix)) return text;
  const [part, rest] = identifier(text.slice(1), position);
  if (part.length === 0) throw new SemverError(`empty identifier segment in ${position}`);
  return rest;
}

/**
 * Checks `text` exactly as Rust's `semver::Version::parse` does and returns
 * the canonical text (Rust's `Display` of the parsed version is the input
 * itself once it is valid).
 *
 * @throws SemverError with the crate's message when Rust rejects it, or
 *   when the npm `semver` package cannot represent it (over 256 characters
 *   or numbers past `Number.MAX_SAFE_INTEGER`).
 */
export function parseSemver(text: string): string {
  if (text.length === 0) throw new SemverError('empty string, expected a semver version');
  let rest = dot(numericIdentifier(text, 'major version number'), 'major version number');
  rest = dot(numericIdentifier(rest, 'minor version number'), 'minor version number');
  rest = numericIdentifier(rest, 'patch version number');
  let position: Position = 'patch version number';
  if (rest.startsWith('-')) position = 'pre-release identifier';
  rest = optionalPart(rest, '-', 'pre-release identifier');
  if (rest.startsWith('+')) position = 'build metadata';
  rest = optionalPart(rest, '+', 'build metadata');
  if (rest.length > 0) throw unexpectedAfter(position, rest);
  const parsed = semver.parse(text, { loose: false });
  if (parsed === null) throw new SemverError(`version \`${text}\` is valid but not supported by weld`);
  return parsed.build.length > 0 ? `${parsed.version}+${parsed.build.join('.')}` : parsed.version;
}
