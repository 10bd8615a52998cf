/**
 * Types, functions and the type statements (`interface`, `world`, `record`,
 * `variant`, `flags`, `enum`, `type`, `resource`, `use`, `include`) as
 * wac's `ast/type.rs` reads them, with its order of alternatives so an
 * error lists what was expected in wac's order.
 */
import type {
  ExternType, FuncType, FuncTypeRef, Ident, InterfaceDecl, InterfaceItem, ItemTypeDecl, NamedType, PackageName, PackagePath,
  PrimitiveType, ResourceDecl, ResourceMethod, Type, TypeDecl, Use, WorldDecl, WorldInclude, WorldItem, WorldItemPath,
} from '../ast.js';
import { parseSemver, SemverError, type Span } from '@weld/wit';
import type { TokenKind } from '../token.js';
import { join, parseDelimited, spanOf, type Cursor, type Lookahead } from './cursor.js';

const PRIMITIVES: readonly PrimitiveType[] = ['u8', 's8', 'u16', 's16', 'u32', 's32', 'u64', 's64', 'f32', 'f64', 'char', 'bool', 'string'];
/** wac 0.12's order of the alternatives, which its "expected either …" lists. */
const TYPE_KEYWORDS: readonly TokenKind[] = [...PRIMITIVES, 'tuple', 'list', 'option', 'result', 'borrow', 'stream', 'future', 'error-context', 'ident'];
const PRIMITIVE_TYPES: readonly PrimitiveType[] = [...PRIMITIVES, 'error-context'];
const PRIMITIVE_SET: ReadonlySet<TokenKind> = new Set(PRIMITIVE_TYPES);

/** The version after `@` in a package token, refused as wac does when it is not semver. */
function versionOf(cursor: Cursor, span: Span, text: string): string | undefined {
  const at = text.indexOf('@');
  if (at < 0) return undefined;
  const version = text.slice(at + 1);
  try {
    parseSemver(version);
  } catch (error) {
    if (!(error instanceof SemverError)) throw error;
    throw cursor.error('syntax', `\`${version}\` is not a valid semantic version`, { start: span.start + at + 1, end: span.end });
  }
  return version;
}

/** `ns:pkg@version` */
export function parsePackageName(cursor: Cursor): PackageName {
  const token = cursor.expect('package-name');
  const text = cursor.text(token);
  const version = versionOf(cursor, token, text);
  const at = text.indexOf('@');
  return { text, name: at < 0 ? text : text.slice(0, at), version, span: spanOf(token) };
}

/** `ns:pkg/a/b@version` */
export function parsePackagePath(cursor: Cursor): PackagePath {
  const token = cursor.expect('package-path');
  const text = cursor.text(token);
  const version = versionOf(cursor, token, text);
  const at = text.indexOf('@');
  const unversioned = at < 0 ? text : text.slice(0, at);
  const slash = unversioned.indexOf('/');
  return { text, name: unversioned.slice(0, slash), segments: unversioned.slice(slash + 1).split('/'), version, span: spanOf(token) };
}

/** Whether a type starts here. */
export function peekType(lookahead: Lookahead): boolean {
  return TYPE_KEYWORDS.some((kind) => lookahead.peek(kind));
}

/** `< type >` after a type keyword, with the span up to `>`. */
function angled<T>(cursor: Cursor, start: Span, inner: () => T): [T, Span] {
  cursor.expect('<');
  const value = inner();
  return [value, join(start, cursor.expect('>'))];
}

/** A value type. */
export function parseType(cursor: Cursor): Type {
  const lookahead = cursor.lookahead();
  if (!peekType(lookahead)) throw lookahead.error();
  if (cursor.at('ident')) return { kind: 'named', id: cursor.ident() };
  const token = cursor.bump();
  const start = spanOf(token);
  if (PRIMITIVE_SET.has(token.kind)) return { kind: 'primitive', name: token.kind as PrimitiveType, span: start };
  cursor.enter('type', start);
  const inner = (): Type => parseType(cursor);
  let type: Type;
  switch (token.kind) {
    case 'tuple': {
      cursor.expect('<');
      const first = cursor.lookahead();
      if (!peekType(first)) throw first.error();
      const types = parseDelimited(cursor, '>', true, peekType, inner);
      type = { kind: 'tuple', types, span: join(start, cursor.expect('>')) };
      break;
    }
    case 'list':
    case 'option': {
      const [item, span] = angled(cursor, start, inner);
      type = { kind: token.kind, type: item, span };
      break;
    }
    case 'stream':
    case 'future': {
      // An optional payload: `stream` or `stream<T>`.
      if (cursor.optional('<') === undefined) {
        type = { kind: token.kind, type: undefined, span: start };
        break;
      }
      const item = inner();
      type = { kind: token.kind, type: item, span: join(start, cursor.expect('>')) };
      break;
    }
    case 'borrow': {
      const [id, span] = angled(cursor, start, () => cursor.ident());
      type = { kind: 'borrow', id, span };
      break;
    }
    default:
      // `peekType` let only `result` through to here.
      type = parseResultType(cursor, start);
  }
  cursor.leave();
  return type;
}

/** `result`, `result<T>`, `result<_, E>`, `result<T, E>` (and `result<T, _>`, which wac takes too). */
function parseResultType(cursor: Cursor, start: Span): Type {
  if (cursor.optional('<') === undefined) return { kind: 'result', ok: undefined, err: undefined, span: start };
  const part = (): Type | undefined => {
    const lookahead = cursor.lookahead();
    if (lookahead.peek('_')) {
      cursor.bump();
      return undefined;
    }
    if (peekType(lookahead)) return parseType(cursor);
    throw lookahead.error();
  };
  const ok = part();
  const err = cursor.optional(',') === undefined ? undefined : part();
  return { kind: 'result', ok, err, span: join(start, cursor.expect('>')) };
}

/** `id: type` */
function parseNamedType(cursor: Cursor): NamedType {
  const id = cursor.ident();
  cursor.expect(':');
  return { id, type: parseType(cursor) };
}

const peekIdent = (lookahead: Lookahead): boolean => lookahead.peek('ident');

/** Whether a function type starts here (`async func` or `func`). */
export function peekFuncType(lookahead: Lookahead): boolean {
  return lookahead.peek('async') || lookahead.peek('func');
}

/** `async? func(params) (-> type)?` */
export function parseFuncType(cursor: Cursor): FuncType {
  const isAsync = cursor.optional('async') !== undefined;
  cursor.expect('func');
  cursor.expect('(');
  const params = parseDelimited(cursor, ')', true, peekIdent, () => parseNamedType(cursor));
  cursor.expect(')');
  if (cursor.optional('->') === undefined) return { isAsync, params, result: undefined };
  const lookahead = cursor.lookahead();
  return { isAsync, params, result: peekType(lookahead) ? parseType(cursor) : undefined };
}

/** Whether a top-level type declaration starts here. */
export function peekTypeDecl(lookahead: Lookahead): boolean {
  return lookahead.peek('variant') || lookahead.peek('record') || lookahead.peek('flags') || lookahead.peek('enum') || lookahead.peek('type');
}

/** Whether a type declaration of an interface or world starts here. */
function peekItemTypeDecl(lookahead: Lookahead): boolean {
  return lookahead.peek('resource') || peekTypeDecl(lookahead);
}

/** A type statement: `interface`, `world` or a type declaration. */
export function parseTypeStatement(cursor: Cursor): InterfaceDecl | WorldDecl | TypeDecl {
  const lookahead = cursor.lookahead();
  if (lookahead.peek('interface')) return parseInterfaceDecl(cursor);
  if (lookahead.peek('world')) return parseWorldDecl(cursor);
  if (peekTypeDecl(lookahead)) return parseTypeDecl(cursor);
  throw lookahead.error();
}

/** `{ a, b }` of an `enum` or `flags`, or `{ … }` of a `record` or `variant`, refused when empty as wac does. */
function braced<T>(cursor: Cursor, what: string, kind: string, peekItem: (lookahead: Lookahead) => boolean, item: () => T): T[] {
  cursor.expect('{');
  const items = parseDelimited(cursor, '}', true, peekItem, item);
  const close = cursor.expect('}');
  if (items.length === 0) throw cursor.error('syntax', `${what} must contain at least one ${kind}`, close);
  return items;
}

/** A `variant`, `record`, `flags`, `enum` or `type` declaration. */
function parseTypeDecl(cursor: Cursor): TypeDecl {
  const docs = cursor.docs();
  const keyword = cursor.bump();
  const id = cursor.ident();
  const member = (): { docs: typeof docs; id: Ident } => ({ docs: cursor.docs(), id: cursor.ident() });
  switch (keyword.kind) {
    case 'variant':
      return {
        kind: 'variant', docs, id, cases: braced(cursor, 'variant', 'case', peekIdent, () => {
          const { docs: caseDocs, id: caseId } = member();
          let type: Type | undefined;
          if (cursor.optional('(') !== undefined) {
            type = parseType(cursor);
            cursor.expect(')');
          }
          return { docs: caseDocs, id: caseId, type };
        }),
      };
    case 'record':
      return {
        kind: 'record', docs, id, fields: braced(cursor, 'record', 'field', peekIdent, () => {
          const fieldDocs = cursor.docs();
          const { id: fieldId, type } = parseNamedType(cursor);
          return { docs: fieldDocs, id: fieldId, type };
        }),
      };
    case 'flags':
      return { kind: 'flags', docs, id, flags: braced(cursor, 'flags', 'flag', peekIdent, member) };
    case 'enum':
      return { kind: 'enum', docs, id, cases: braced(cursor, 'enum', 'case', peekIdent, member) };
    default: {
      cursor.expect('=');
      const lookahead = cursor.lookahead();
      let value: Extract<TypeDecl, { kind: 'type-alias' }>['value'];
      if (peekFuncType(lookahead)) value = { kind: 'func', func: parseFuncType(cursor) };
      else if (peekType(lookahead)) value = { kind: 'type', type: parseType(cursor) };
      else throw lookahead.error();
      cursor.expect(';');
      return { kind: 'type-alias', docs, id, value };
    }
  }
}

/** A declaration of an interface or world: a resource or a type declaration. */
function parseItemTypeDecl(cursor: Cursor): ItemTypeDecl {
  return cursor.at('resource') ? parseResource(cursor) : parseTypeDecl(cursor);
}

/** `resource id;` or `resource id { constructor(…); m: static? func(…); }` */
function parseResource(cursor: Cursor): ResourceDecl {
  const docs = cursor.docs();
  cursor.expect('resource');
  const id = cursor.ident();
  const lookahead = cursor.lookahead();
  if (lookahead.peek(';')) {
    cursor.bump();
    return { kind: 'resource', docs, id, methods: [] };
  }
  if (!lookahead.peek('{')) throw lookahead.error();
  cursor.bump();
  const methods = parseDelimited(cursor, '}', false, (l) => l.peek('constructor') || l.peek('ident'), (): ResourceMethod => {
    const methodDocs = cursor.docs();
    if (cursor.at('constructor')) {
      const span = spanOf(cursor.bump());
      cursor.expect('(');
      const params = parseDelimited(cursor, ')', true, peekIdent, () => parseNamedType(cursor));
      cursor.expect(')');
      cursor.expect(';');
      return { kind: 'constructor', docs: methodDocs, span, params };
    }
    const methodId = cursor.ident();
    cursor.expect(':');
    const isStatic = cursor.eat('static') !== undefined;
    const func = parseFuncType(cursor);
    cursor.expect(';');
    return { kind: 'method', docs: methodDocs, id: methodId, isStatic, func };
  });
  cursor.expect('}');
  return { kind: 'resource', docs, id, methods };
}

/** A package path or a declared name, as `use` and `include` take. */
function parsePathOrIdent(cursor: Cursor): Use['path'] {
  const lookahead = cursor.lookahead();
  if (lookahead.peek('package-path')) return { kind: 'package', path: parsePackagePath(cursor) };
  if (lookahead.peek('ident')) return { kind: 'ident', id: cursor.ident() };
  throw lookahead.error();
}

/** `use path.{a, b as c};` */
function parseUse(cursor: Cursor): Use {
  const docs = cursor.docs();
  cursor.expect('use');
  const path = parsePathOrIdent(cursor);
  cursor.expect('.');
  cursor.expect('{');
  const items = parseDelimited(cursor, '}', true, peekIdent, () => {
    const id = cursor.ident();
    return { id, as: cursor.optional('as') === undefined ? undefined : cursor.ident() };
  });
  cursor.expect('}');
  cursor.expect(';');
  return { kind: 'use', docs, path, items };
}

const peekInterfaceItem = (l: Lookahead): boolean => l.peek('use') || l.peek('ident') || peekItemTypeDecl(l);

/** An item of an interface: `use`, `name: func…;` or a type declaration. */
function parseInterfaceItem(cursor: Cursor): InterfaceItem {
  const lookahead = cursor.lookahead();
  if (lookahead.peek('use')) return parseUse(cursor);
  if (lookahead.peek('ident')) {
    const docs = cursor.docs();
    const id = cursor.ident();
    cursor.expect(':');
    const refLookahead = cursor.lookahead();
    let type: FuncTypeRef;
    if (peekFuncType(refLookahead)) type = { kind: 'func', func: parseFuncType(cursor) };
    else if (refLookahead.peek('ident')) type = { kind: 'ident', id: cursor.ident() };
    else throw refLookahead.error();
    cursor.expect(';');
    return { kind: 'interface-export', docs, id, type };
  }
  if (peekItemTypeDecl(lookahead)) return parseItemTypeDecl(cursor);
  throw lookahead.error();
}

/** `interface { items }`, the items. */
export function parseInlineInterface(cursor: Cursor): InterfaceItem[] {
  cursor.expect('interface');
  cursor.expect('{');
  const items = parseDelimited(cursor, '}', false, peekInterfaceItem, () => parseInterfaceItem(cursor));
  cursor.expect('}');
  return items;
}

/** `interface id { items }` */
function parseInterfaceDecl(cursor: Cursor): InterfaceDecl {
  const docs = cursor.docs();
  cursor.expect('interface');
  const id = cursor.ident();
  cursor.expect('{');
  const items = parseDelimited(cursor, '}', false, peekInterfaceItem, () => parseInterfaceItem(cursor));
  cursor.expect('}');
  return { kind: 'interface', docs, id, items };
}

/** `world id { items }` */
function parseWorldDecl(cursor: Cursor): WorldDecl {
  const docs = cursor.docs();
  cursor.expect('world');
  const id = cursor.ident();
  cursor.expect('{');
  const peekItem = (l: Lookahead): boolean => l.peek('use') || l.peek('import') || l.peek('export') || l.peek('include') || peekItemTypeDecl(l);
  const items = parseDelimited(cursor, '}', false, peekItem, () => parseWorldItem(cursor));
  cursor.expect('}');
  return { kind: 'world', docs, id, items };
}

/** An item of a world. */
function parseWorldItem(cursor: Cursor): WorldItem {
  const lookahead = cursor.lookahead();
  if (lookahead.peek('use')) return parseUse(cursor);
  if (lookahead.peek('import') || lookahead.peek('export')) {
    const docs = cursor.docs();
    const kind = cursor.bump().kind === 'import' ? 'world-import' : 'world-export';
    const path = parseWorldItemPath(cursor);
    cursor.expect(';');
    return { kind, docs, path };
  }
  if (lookahead.peek('include')) return parseInclude(cursor);
  if (peekItemTypeDecl(lookahead)) return parseItemTypeDecl(cursor);
  throw lookahead.error();
}

/** `id: extern-type`, a package path or a declared name. */
function parseWorldItemPath(cursor: Cursor): WorldItemPath {
  const lookahead = cursor.lookahead();
  if (lookahead.peek('package-path')) return { kind: 'package', path: parsePackagePath(cursor) };
  if (!lookahead.peek('ident')) throw lookahead.error();
  if (!cursor.at(':', 1)) return { kind: 'ident', id: cursor.ident() };
  const id = cursor.ident();
  cursor.expect(':');
  return { kind: 'named', id, type: parseExternType(cursor) };
}

/** The type of a named world item: a declared name, a function or an inline interface. */
function parseExternType(cursor: Cursor): ExternType {
  const lookahead = cursor.lookahead();
  if (lookahead.peek('ident')) return { kind: 'ident', id: cursor.ident() };
  if (peekFuncType(lookahead)) return { kind: 'func', func: parseFuncType(cursor) };
  if (lookahead.peek('interface')) return { kind: 'interface', items: parseInlineInterface(cursor) };
  throw lookahead.error();
}

/** `include world (with { a as b })?;` */
function parseInclude(cursor: Cursor): WorldInclude {
  const docs = cursor.docs();
  cursor.expect('include');
  const world = parsePathOrIdent(cursor);
  let renames: WorldInclude['with'] = [];
  if (cursor.optional('with') !== undefined) {
    cursor.expect('{');
    renames = parseDelimited(cursor, '}', true, peekIdent, () => {
      const from = cursor.ident();
      cursor.expect('as');
      return { from, to: cursor.ident() };
    });
    cursor.expect('}');
  }
  cursor.expect(';');
  return { kind: 'include', docs, world, with: renames };
}
