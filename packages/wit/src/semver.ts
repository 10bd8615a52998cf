/**
 * Semantic versions as the reference reads them: valid and worded as Rust's
 * `semver` crate decides (the SemVer 2.0 grammar, numbers up to u64, no
 * length limit), and ordered as it orders them.
 */
import { debugChar } from './lex/lex-text.js';

/** A valid version; its text is its canonical form (the crate's `Display` of it). */
export interface Semver {
  readonly major: bigint;
  readonly minor: bigint;
  readonly patch: bigint;
  /** The pre-release part without its `-`; empty for a release. */
  readonly pre: string;
  /** The build metadata without its `+`; empty when there is none. */
  readonly build: string;
  readonly text: string;
}

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

/** Digits without a leading zero that fit a u64; returns the value and the rest of the text. */
function numericIdentifier(text: string, position: Position): readonly [bigint, string] {
  let length = 0;
  let value = 0n;
  for (; length < text.length; length++) {
    const code = text.charCodeAt(length);
    if (code < 0x30 || code > 0x39) break;
    if (value === 0n && length > 0) throw new SemverError(`invalid leading zero in ${position}`);
    value = value * 10n + BigInt(code - 0x30);
    if (value > 0xffffffffffffffffn) throw new SemverError(`value of ${position} exceeds u64::MAX`);
  }
  if (length > 0) return [value, text.slice(length)];
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

/** An optional `-pre` or `+build` part (empty when absent); returns `[part, rest]`. */
function optionalPart(text: string, prefix: '-' | '+', position: Position): readonly [string, string] {
  if (!text.startsWith(prefix)) return ['', text];
  const [part, rest] = identifier(text.slice(1), position);
  if (part.length === 0) throw new SemverError(`empty identifier segment in ${position}`);
  return [part, rest];
}

/**
 * Parses `text` exactly as Rust's `semver::Version::parse` does.
 *
 * @throws SemverError with the crate's message when it is not a version.
 */
export function parseSemver(text: string): Semver {
  if (text.length === 0) throw new SemverError('empty string, expected a semver version');
  const [major, afterMajor] = numericIdentifier(text, 'major version number');
  const [minor, afterMinor] = numericIdentifier(dot(afterMajor, 'major version number'), 'minor version number');
  const [patch, afterPatch] = numericIdentifier(dot(afterMinor, 'minor version number'), 'patch version number');
  const [pre, afterPre] = optionalPart(afterPatch, '-', 'pre-release identifier');
  const [build, rest] = optionalPart(afterPre, '+', 'build metadata');
  if (rest.length > 0) {
    const position: Position = afterPre.startsWith('+') ? 'build metadata'
      : afterPatch.startsWith('-') ? 'pre-release identifier' : 'patch version number';
    throw unexpectedAfter(position, rest);
  }
  return { major, minor, patch, pre, build, text };
}

/** Orders two versions by SemVer precedence: numbers, then pre-release (a release after its pre-releases); build metadata is ignored. */
export function comparePrecedence(a: Semver, b: Semver): number {
  const numbers = sign(a.major - b.major) || sign(a.minor - b.minor) || sign(a.patch - b.patch);
  if (numbers !== 0 || a.pre === b.pre) return numbers;
  if (a.pre === '') return 1;
  if (b.pre === '') return -1;
  return compareIdentifiers(a.pre, b.pre);
}

/** Orders two versions as the crate's `Ord` does: by precedence, then by build metadata. */
export function compareSemver(a: Semver, b: Semver): number {
  return comparePrecedence(a, b) || compareIdentifiers(a.build, b.build);
}

/** Whether version text `a` is newer than `b` (both valid). */
export function versionGreater(a: string, b: string): boolean {
  return compareSemver(parseSemver(a), parseSemver(b)) > 0;
}

const sign = (n: bigint): number => (n < 0n ? -1 : n > 0n ? 1 : 0);
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const allDigits = (part: string): boolean => /^[0-9]*$/u.test(part);

/**
 * Dot-separated identifiers, pair by pair: numbers by value (then fewer
 * leading zeros first, which only build metadata may have), numbers before
 * words, words as ASCII text; a longer list is greater when one is a
 * prefix of the other.
 */
function compareIdentifiers(a: string, b: string): number {
  const left = a.split('.');
  const right = b.split('.');
  for (let i = 0; i < left.length; i++) {
    const x = left[i]!;
    const y = right[i];
    if (y === undefined) return 1;
    const [xDigits, yDigits] = [allDigits(x), allDigits(y)];
    let order: number;
    if (xDigits && yDigits) {
      const [xValue, yValue] = [x.replace(/^0+/u, ''), y.replace(/^0+/u, '')];
      order = xValue.length - yValue.length || byText(xValue, yValue) || x.length - y.length;
    } else if (xDigits !== yDigits) {
      return xDigits ? -1 : 1;
    } else {
      order = byText(x, y);
    }
    if (order !== 0) return Math.sign(order);
  }
  return left.length < right.length ? -1 : 0;
}
