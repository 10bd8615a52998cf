/**
 * Parser pieces shared by items and types: identifiers, doc comments,
 * versions, attributes, paths and delimited lists.
 */
import type { Attribute, Docs, Id, PackageName, UsePath } from './ast.js';
import { WitError } from '../errors.js';
import { describeToken } from '../lex/lex.js';
import type { Token, TokenKind, Tokenizer } from '../lex/lex.js';
import type { Span } from '../source-map.js';
import { SemverError, parseSemver } from '../semver.js';

/** The span of docs with no comments: unknown, like the reference's default span. */
const NO_DOCS_SPAN: Span = { start: -1, end: -1 };

/** A syntax error at `span`. */
export function syntaxError(span: Span, message: string): WitError {
  return new WitError('syntax', message, { start: span.start, end: span.end });
}

/** The reference's `err_expected`: `expected X, found Y` at the token found (or at eof). */
export function errExpected(tokens: Tokenizer, expected: string, found: Token | undefined): WitError {
  if (found === undefined) return syntaxError(tokens.eofSpan(), `expected ${expected}, found eof`);
  return syntaxError(found, `expected ${expected}, found ${describeToken(found.kind)}`);
}

/** An identifier, plain or `%`-escaped. */
export function parseId(tokens: Tokenizer): Id {
  const token = tokens.next();
  if (token?.kind === 'id') return { name: tokens.parseId(token), span: spanOf(token) };
  if (token?.kind === 'explicit-id') return { name: tokens.parseExplicitId(token), span: spanOf(token) };
  throw errExpected(tokens, 'an identifier or string', token);
}

/** A plain span copy of a token, so AST nodes do not carry token kinds. */
export function spanOf(span: Span): Span {
  return { start: span.start, end: span.end };
}

/**
 * Every comment before the next significant token, as raw token text
 * (a line comment keeps its newline). The span ends before trailing whitespace.
 */
export function parseDocs(tokens: Tokenizer): Docs {
  const lines: string[] = [];
  let start = NO_DOCS_SPAN.start;
  let end = NO_DOCS_SPAN.end;
  const clone = tokens.clone();
  for (let token = clone.nextRaw(); token !== undefined; token = clone.nextRaw()) {
    if (token.kind === 'comment') {
      const comment = tokens.text(token);
      if (lines.length === 0) start = token.start;
      end = token.end - trailingWhitespace(comment);
      lines.push(comment);
    } else if (token.kind !== 'whitespace') {
      break;
    }
    tokens.copyFrom(clone);
  }
  return { lines, span: lines.length === 0 ? NO_DOCS_SPAN : { start, end } };
}

/** Trailing ASCII whitespace (space, tab, LF, FF, CR), as Rust's `is_ascii_whitespace`. */
function trailingWhitespace(text: string): number {
  let count = 0;
  while (count < text.length && ' \t\n\f\r'.includes(text[text.length - 1 - count]!)) count++;
  return count;
}

/** `@version` after a package name, if present. */
export function parseOptVersion(tokens: Tokenizer): { readonly span: Span; readonly text: string } | undefined {
  return tokens.eat('at') ? parseVersion(tokens) : undefined;
}

/**
 * A version scanned from tokens: `N.N.N`, then `-` and `+` parts made of
 * identifiers, integers, `-` and `.`. The covered source text (whitespace
 * and comments included) goes to the semver parser, which words any error.
 */
export function parseVersion(tokens: Tokenizer): { readonly span: Span; readonly text: string } {
  const start = tokens.expect('integer').start;
  tokens.expect('period');
  tokens.expect('integer');
  tokens.expect('period');
  let end = tokens.expect('integer').end;
  end = eatVersionIds(tokens, 'minus', end);
  end = eatVersionIds(tokens, 'plus', end);
  const span = { start, end };
  try {
    return { span, text: parseSemver(tokens.text(span)).text };
  } catch (error) {
    if (error instanceof SemverError) throw syntaxError(span, error.message);
    throw error;
  }
}

const VERSION_PART_TOKENS: ReadonlySet<TokenKind> = new Set<TokenKind>(['id', 'integer', 'minus']);

/**
 * After `prefix`, extends the version over identifier-like tokens. A `.` not
 * followed by one is left alone: it belongs to WIT (`use a:b/c@1.0.0-x.{d}`).
 * Note the prefix is consumed even when nothing follows it.
 */
function eatVersionIds(tokens: Tokenizer, prefix: TokenKind, end: number): number {
  if (!tokens.eat(prefix)) return end;
  for (;;) {
    const clone = tokens.clone();
    let token = clone.next();
    if (token?.kind === 'period') token = clone.next();
    if (token === undefined || !VERSION_PART_TOKENS.has(token.kind)) return end;
    end = token.end;
    tokens.copyFrom(clone);
  }
}

/** `ns:name@version` after `package`. */
export function parsePackageName(tokens: Tokenizer, docs: Docs): PackageName {
  const namespace = parseId(tokens);
  tokens.expect('colon');
  const name = parseId(tokens);
  const version = parseOptVersion(tokens);
  const span = { start: namespace.span.start, end: version?.span.end ?? name.span.end };
  return { docs, span, namespace, name, version };
}

/** `iface` or `ns:pkg/iface@version`. */
export function parseUsePath(tokens: Tokenizer): UsePath {
  const id = parseId(tokens);
  if (!tokens.eat('colon')) return { kind: 'id', id };
  const packageName = parseId(tokens);
  tokens.expect('slash');
  const name = parseId(tokens);
  const version = parseOptVersion(tokens);
  const pkg: PackageName = {
    docs: { lines: [], span: NO_DOCS_SPAN },
    span: { start: id.span.start, end: packageName.span.end },
    namespace: id,
    name: packageName,
    version,
  };
  return { kind: 'package', package: pkg, name };
}

/** `start item, item, … end`, a trailing comma allowed. */
export function parseList<T>(tokens: Tokenizer, start: TokenKind, end: TokenKind, parse: (docs: Docs, tokens: Tokenizer) => T): T[] {
  tokens.expect(start);
  return parseListTrailer(tokens, end, parse);
}

/** `item, item, … end` after the opening token; each item gets the docs before it. */
export function parseListTrailer<T>(tokens: Tokenizer, end: TokenKind, parse: (docs: Docs, tokens: Tokenizer) => T): T[] {
  const items: T[] = [];
  for (;;) {
    const docs = parseDocs(tokens);
    if (tokens.eat(end)) break;
    items.push(parse(docs, tokens));
    if (!tokens.eat('comma')) {
      tokens.expect(end);
      break;
    }
  }
  return items;
}

/** Zero or more `@since(…)`, `@unstable(…)`, `@deprecated(…)`, `@external-id(…)`. */
export function parseAttributes(tokens: Tokenizer): Attribute[] {
  const attributes: Attribute[] = [];
  while (tokens.eat('at')) attributes.push(parseAttribute(tokens, parseId(tokens)));
  return attributes;
}

function parseAttribute(tokens: Tokenizer, id: Id): Attribute {
  const span = id.span;
  switch (id.name) {
    case 'since':
      return { kind: 'since', span, version: parseAttributeVersion(tokens) };
    case 'deprecated':
      return { kind: 'deprecated', span, version: parseAttributeVersion(tokens) };
    case 'unstable': {
      tokens.expect('left-paren');
      eatId(tokens, 'feature');
      tokens.expect('equals');
      const feature = parseId(tokens);
      tokens.expect('right-paren');
      return { kind: 'unstable', span, feature };
    }
    case 'external-id': {
      tokens.expect('left-paren');
      const literal = tokens.expect('string-literal');
      tokens.expect('right-paren');
      return { kind: 'external-id', span, id: tokens.stringLiteral(literal) };
    }
    default:
      throw syntaxError(span, `unknown attribute \`${id.name}\``);
  }
}

/** `(version = N.N.N)` */
function parseAttributeVersion(tokens: Tokenizer): string {
  tokens.expect('left-paren');
  eatId(tokens, 'version');
  tokens.expect('equals');
  const version = parseVersion(tokens);
  tokens.expect('right-paren');
  return version.text;
}

/** An identifier that must be exactly `expected`. */
function eatId(tokens: Tokenizer, expected: string): void {
  const id = parseId(tokens);
  if (id.name !== expected) throw syntaxError(id.span, `expected \`${expected}\`, found \`${id.name}\``);
}

/** Rejects `@external-id` where the resolved model has no place to keep it. */
export function rejectExternalId(attributes: readonly Attribute[], what: string): void {
  const externalId = attributes.find((attribute) => attribute.kind === 'external-id');
  if (externalId !== undefined) throw syntaxError(externalId.span, `@external-id is not allowed on ${what}`);
}
