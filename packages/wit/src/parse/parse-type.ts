/**
 * Parsing of types, functions and type definitions (`type`, `record`,
 * `flags`, `variant`, `enum`, `resource`).
 */
import type { Attribute, Docs, Func, Id, NamedFunc, Param, ResourceFunc, Type, TypeDef, PrimitiveName } from './ast.js';
import type { Token, TokenKind, Tokenizer } from '../lex/lex.js';
import type { Span } from '../source-map.js';
import { errExpected, parseAttributes, parseDocs, parseId, parseList, parseListTrailer, spanOf, syntaxError } from './parse-common.js';

/** Deeper type nesting is an error rather than a stack overflow. */
const MAX_TYPE_DEPTH = 100;

/** Tokens that are a primitive type on their own. */
const PRIMITIVES: ReadonlyMap<TokenKind, PrimitiveName> = new Map<TokenKind, PrimitiveName>([
  ['u8', 'u8'], ['u16', 'u16'], ['u32', 'u32'], ['u64', 'u64'],
  ['s8', 's8'], ['s16', 's16'], ['s32', 's32'], ['s64', 's64'],
  ['f32', 'f32'], ['f64', 'f64'], ['char', 'char'], ['bool', 'bool'], ['string', 'string'],
  ['error-context', 'error-context'],
]);

/** A type expression. */
export function parseType(tokens: Tokenizer): Type {
  return parseTypeAtDepth(tokens, 0);
}

function parseTypeAtDepth(tokens: Tokenizer, depth: number): Type {
  const token = tokens.next();
  if (depth >= MAX_TYPE_DEPTH) throw syntaxError(token ?? tokens.eofSpan(), 'type nesting too deep');
  if (token === undefined) throw errExpected(tokens, 'a type', token);
  const span = spanOf(token);
  const primitive = PRIMITIVES.get(token.kind);
  if (primitive !== undefined) return { kind: 'primitive', name: primitive, span };
  const inner = (): Type => parseTypeAtDepth(tokens, depth + 1);
  switch (token.kind) {
    case 'tuple':
      return { kind: 'tuple', span, types: parseList(tokens, 'less-than', 'greater-than', () => inner()) };
    case 'list':
      return parseListType(tokens, span, inner);
    case 'map': {
      tokens.expect('less-than');
      const key = inner();
      tokens.expect('comma');
      const value = inner();
      tokens.expect('greater-than');
      return { kind: 'map', span, key, value };
    }
    case 'option': {
      tokens.expect('less-than');
      const type = inner();
      tokens.expect('greater-than');
      return { kind: 'option', span, type };
    }
    case 'result':
      return parseResultType(tokens, span, inner);
    case 'future':
      return { kind: 'future', span, type: parseOptionalParameter(tokens, inner) };
    case 'stream':
      return { kind: 'stream', span, type: parseOptionalParameter(tokens, inner) };
    case 'own':
    case 'borrow': {
      tokens.expect('less-than');
      const resource = parseId(tokens);
      tokens.expect('greater-than');
      return { kind: 'handle', handle: token.kind, resource };
    }
    case 'id':
      return { kind: 'name', id: { name: tokens.parseId(token), span } };
    case 'explicit-id':
      return { kind: 'name', id: { name: tokens.parseExplicitId(token), span } };
    default:
      throw errExpected(tokens, 'a type', token);
  }
}

/** `list<T>` or `list<T, N>` after `list`. */
function parseListType(tokens: Tokenizer, span: Span, inner: () => Type): Type {
  tokens.expect('less-than');
  const element = inner();
  let size: number | undefined;
  if (tokens.eat('comma')) {
    const number = tokens.next();
    if (number?.kind !== 'integer') throw errExpected(tokens, 'fixed-length', number);
    size = parseListSize(tokens, number);
  }
  tokens.expect('greater-than');
  return size === undefined ? { kind: 'list', span, element } : { kind: 'fixed-length-list', span, element, size };
}

/** An integer token as a u32, with Rust's overflow message. */
function parseListSize(tokens: Tokenizer, token: Token): number {
  let value = 0;
  for (const digit of tokens.text(token)) {
    value = value * 10 + Number(digit);
    if (value > 0xffffffff) throw syntaxError(token, 'invalid list size: number too large to fit in target type');
  }
  return value;
}

/** `result`, `result<T>`, `result<_, E>` or `result<T, E>` after `result`. */
function parseResultType(tokens: Tokenizer, span: Span, inner: () => Type): Type {
  let ok: Type | undefined;
  let err: Type | undefined;
  if (tokens.eat('less-than')) {
    if (tokens.eat('underscore')) {
      tokens.expect('comma');
      err = inner();
    } else {
      ok = inner();
      if (tokens.eat('comma')) err = inner();
    }
    tokens.expect('greater-than');
  }
  return { kind: 'result', span, ok, err };
}

/** `<T>` after `future`/`stream`, if present. */
function parseOptionalParameter(tokens: Tokenizer, inner: () => Type): Type | undefined {
  if (!tokens.eat('less-than')) return undefined;
  const type = inner();
  tokens.expect('greater-than');
  return type;
}

/** `name: T` in a parameter list. */
function parseParam(_docs: Docs, tokens: Tokenizer): Param {
  const name = parseId(tokens);
  tokens.expect('colon');
  return { name, type: parseType(tokens) };
}

/** `-> T`, if present. */
function parseOptionalResult(tokens: Tokenizer): Type | undefined {
  return tokens.eat('r-arrow') ? parseType(tokens) : undefined;
}

/**
 * `get`/`set` followed by `(`: an accessor. The identifier is validated
 * first, so an invalid one fails here as in the reference.
 */
export function eatAccessorToken(tokens: Tokenizer): { readonly span: Span; readonly accessor: 'getter' | 'setter' } | undefined {
  const clone = tokens.clone();
  const token = clone.next();
  if (token?.kind !== 'id') return undefined;
  const name = clone.parseId(token);
  if (name !== 'get' && name !== 'set') return undefined;
  if (!clone.eat('left-paren')) return undefined;
  tokens.next();
  return { span: spanOf(token), accessor: name === 'get' ? 'getter' : 'setter' };
}

/** `async? func(params) -> T`, or an accessor `get(…)`/`set(…)`. */
export function parseFunc(tokens: Tokenizer): Func {
  const isAsync = tokens.eat('async');
  const accessor = isAsync ? undefined : eatAccessorToken(tokens);
  const span = accessor?.span ?? spanOf(tokens.expect('func'));
  tokens.expect('left-paren');
  const params = parseListTrailer(tokens, 'right-paren', parseParam);
  const result = parseOptionalResult(tokens);
  return { span, async: isAsync, accessor: accessor?.accessor, params, result };
}

/** `name: func(…);` */
export function parseNamedFunc(tokens: Tokenizer, docs: Docs, attributes: Attribute[]): NamedFunc {
  const name = parseId(tokens);
  tokens.expect('colon');
  const func = parseFunc(tokens);
  tokens.expect('semicolon');
  return { docs, attributes, name, func };
}

/** `type name = T;` */
export function parseTypeAlias(tokens: Tokenizer, docs: Docs, attributes: Attribute[]): TypeDef {
  tokens.expect('type');
  const name = parseId(tokens);
  tokens.expect('equals');
  const type = parseType(tokens);
  tokens.expect('semicolon');
  return { docs, attributes, name, type };
}

/** `flags name { a, b }` */
export function parseFlags(tokens: Tokenizer, docs: Docs, attributes: Attribute[]): TypeDef {
  tokens.expect('flags');
  const name = parseId(tokens);
  const flags = parseList(tokens, 'left-brace', 'right-brace', (flagDocs, t) => ({ docs: flagDocs, name: parseId(t) }));
  return { docs, attributes, name, type: { kind: 'flags', span: name.span, flags } };
}

/** `enum name { a, b }` */
export function parseEnum(tokens: Tokenizer, docs: Docs, attributes: Attribute[]): TypeDef {
  tokens.expect('enum');
  const name = parseId(tokens);
  const cases = parseList(tokens, 'left-brace', 'right-brace', (caseDocs, t) => ({ docs: caseDocs, name: parseId(t) }));
  return { docs, attributes, name, type: { kind: 'enum', span: name.span, cases } };
}

/** `record name { a: T, … }` */
export function parseRecord(tokens: Tokenizer, docs: Docs, attributes: Attribute[]): TypeDef {
  tokens.expect('record');
  const name = parseId(tokens);
  const fields = parseList(tokens, 'left-brace', 'right-brace', (fieldDocs, t) => {
    const fieldName = parseId(t);
    t.expect('colon');
    return { docs: fieldDocs, name: fieldName, type: parseType(t) };
  });
  return { docs, attributes, name, type: { kind: 'record', span: name.span, fields } };
}

/** `variant name { a, b(T) }` */
export function parseVariant(tokens: Tokenizer, docs: Docs, attributes: Attribute[]): TypeDef {
  tokens.expect('variant');
  const name = parseId(tokens);
  const cases = parseList(tokens, 'left-brace', 'right-brace', (caseDocs, t) => {
    const caseName = parseId(t);
    let type: Type | undefined;
    if (t.eat('left-paren')) {
      type = parseType(t);
      t.expect('right-paren');
    }
    return { docs: caseDocs, name: caseName, type };
  });
  return { docs, attributes, name, type: { kind: 'variant', span: name.span, cases } };
}

/** `resource name;` or `resource name { … }` */
export function parseResource(tokens: Tokenizer, docs: Docs, attributes: Attribute[]): TypeDef {
  tokens.expect('resource');
  const name = parseId(tokens);
  const funcs: ResourceFunc[] = [];
  if (tokens.eat('left-brace')) {
    while (!tokens.eat('right-brace')) {
      const funcDocs = parseDocs(tokens);
      const funcAttributes = parseAttributes(tokens);
      funcs.push(parseResourceFunc(tokens, funcDocs, funcAttributes));
    }
  } else {
    tokens.expect('semicolon');
  }
  return { docs, attributes, name, type: { kind: 'resource', span: name.span, funcs } };
}

/** `constructor(…);`, `name: func(…);` or `name: static func(…);` inside a resource. */
function parseResourceFunc(tokens: Tokenizer, docs: Docs, attributes: Attribute[]): ResourceFunc {
  const token = tokens.clone().next();
  switch (token?.kind) {
    case 'constructor':
      return { kind: 'constructor', func: parseConstructor(tokens, docs, attributes) };
    case 'id':
    case 'explicit-id': {
      const name = parseId(tokens);
      tokens.expect('colon');
      const kind = tokens.eat('static') ? 'static' : 'method';
      const func = parseFunc(tokens);
      tokens.expect('semicolon');
      return { kind, func: { docs, attributes, name, func } };
    }
    default:
      throw errExpected(tokens, '`constructor` or identifier', token);
  }
}

/** `constructor(params) -> T;`, named after its keyword. */
function parseConstructor(tokens: Tokenizer, docs: Docs, attributes: Attribute[]): NamedFunc {
  const span = spanOf(tokens.expect('constructor'));
  tokens.expect('left-paren');
  const params = parseListTrailer(tokens, 'right-paren', parseParam);
  const result = parseOptionalResult(tokens);
  tokens.expect('semicolon');
  const name: Id = { name: 'constructor', span };
  return { docs, attributes, name, func: { span, async: false, accessor: undefined, params, result } };
}
