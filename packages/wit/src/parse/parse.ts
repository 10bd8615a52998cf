/**
 * The WIT parser: a recursive-descent port of the reference `wit-parser`
 * that turns one file's text into the {@link PackageFile} syntax tree.
 */
import type {
  AstItem,
  Attribute,
  Docs,
  ExternKind,
  Include,
  IncludeName,
  Interface,
  InterfaceItem,
  PackageFile,
  ToplevelUse,
  Use,
  UseName,
  World,
  WorldItem,
} from './ast.js';
import { WitError } from '../errors.js';
import { Tokenizer } from '../lex/lex.js';
import {
  errExpected,
  parseAttributes,
  parseDocs,
  parseId,
  parsePackageName,
  parseList,
  parseUsePath,
  rejectExternalId,
  syntaxError,
} from './parse-common.js';
import {
  eatAccessorToken,
  parseEnum,
  parseFlags,
  parseFunc,
  parseNamedFunc,
  parseRecord,
  parseResource,
  parseTypeAlias,
  parseVariant,
} from './parse-type.js';
import { ErrorCapReached, MAX_ERRORS, Recovery, mergeErrors, type ItemList } from './recover.js';

/** Deeper `package a:b { … }` nesting is an error rather than a stack overflow. */
const MAX_ITEM_DEPTH = 100;

/**
 * Parses one WIT file. `offset` is where the file starts in the shared
 * source map (what `SourceMap.push` returned); every span is
 * `offset + index into text`.
 *
 * @throws WitError of kind `'lex'` or `'syntax'`, worded and placed as the
 *   reference `wit-parser` does.
 */
export function parsePackageFile(text: string, offset: number): PackageFile {
  return parseFile(Tokenizer.create(text, offset), undefined);
}

/** A file parsed past its errors: the items that parsed, and every error found, in order. */
export interface RecoveredPackageFile {
  readonly file: PackageFile;
  /** At most the cap given; the first is what {@link parsePackageFile} throws. Their spans are not located yet. */
  readonly errors: readonly WitError[];
}

/**
 * Parses one WIT file as {@link parsePackageFile} does, but goes on after
 * an error (see `recover.ts` for how, and its guarantees) and never throws
 * for what the text holds. A file with a code point the reference refuses
 * outright (a bidi override, a discouraged code point, a control code)
 * reports those alone, as the reference checks them before anything else.
 */
export function parsePackageFileRecovering(text: string, offset: number, maxErrors = MAX_ERRORS): RecoveredPackageFile {
  const tokens = Tokenizer.create(text, offset, { maxErrors });
  const recovery = new Recovery(maxErrors);
  const file = parseFile(tokens, recovery);
  const invalid = tokens.invalidInput();
  const errors = invalid.length > 0 ? invalid.slice(0, maxErrors) : mergeErrors(tokens.scanErrors(), recovery.errors, maxErrors);
  return { file, errors };
}

function parseFile(tokens: Tokenizer, recovery: Recovery | undefined): PackageFile {
  let packageName: PackageFile['packageName'];
  try {
    const peek = tokens.clone();
    const docs = parseDocs(peek);
    // `package a:b;` names the file, but `package a:b { … }` is an item: only
    // keep the header when the semicolon follows.
    if (peek.eat('package')) {
      const name = parsePackageName(peek, docs);
      if (peek.eat('semicolon')) {
        tokens.copyFrom(peek);
        packageName = name;
      }
    }
  } catch (error) {
    if (recovery === undefined || !(error instanceof WitError)) throw error;
    if (!recovery.recover(error, tokens.clone(), tokens, 'file')) return { packageName, items: [] };
  }
  const items = parseDeclList(tokens, undefined, 0, recovery);
  return { packageName, items };
}

/**
 * The items of a list up to its closing `}` (or the end of the file, for
 * `end` undefined), each with the docs before it. With `recovery`, an item
 * that fails is recorded and skipped (the list ends at the end of the file),
 * and the file's list ends early at the error cap.
 */
function parseItems<T>(
  tokens: Tokenizer, end: 'right-brace' | undefined, list: ItemList, recovery: Recovery | undefined, parseItem: (docs: Docs) => T,
): T[] {
  const items: T[] = [];
  for (;;) {
    const start = recovery === undefined ? undefined : tokens.clone();
    try {
      const docs = parseDocs(tokens);
      if (end === undefined ? tokens.clone().next() === undefined : tokens.eat(end)) break;
      items.push(parseItem(docs));
    } catch (error) {
      if (start === undefined || recovery === undefined) throw error;
      if (!(error instanceof WitError)) {
        if (error instanceof ErrorCapReached && list === 'file') break;
        throw error;
      }
      if (!recovery.recover(error, start, tokens, list)) {
        if (list === 'file') break;
        throw new ErrorCapReached();
      }
      if (tokens.clone().nextLenient() === undefined) break;
    }
  }
  return items;
}

/** Items up to `}` (nested package) or the end of the file. */
function parseDeclList(tokens: Tokenizer, end: 'right-brace' | undefined, depth: number, recovery: Recovery | undefined): AstItem[] {
  return parseItems(tokens, end, end === undefined ? 'file' : 'package', recovery, (docs) => parseAstItem(tokens, docs, depth, recovery));
}

function parseAstItem(tokens: Tokenizer, docs: Docs, depth: number, recovery: Recovery | undefined): AstItem {
  const attributes = parseAttributes(tokens);
  const token = tokens.clone().next();
  switch (token?.kind) {
    case 'interface':
      return { kind: 'interface', interface: parseInterface(tokens, docs, attributes, recovery) };
    case 'world':
      return { kind: 'world', world: parseWorld(tokens, docs, attributes, recovery) };
    case 'use':
      return { kind: 'use', use: parseToplevelUse(tokens, attributes) };
    case 'package':
      return { kind: 'package', package: parseNestedPackage(tokens, docs, attributes, depth, recovery) };
    default:
      throw errExpected(tokens, '`world`, `interface` or `use`', token);
  }
}

/** `package a:b { … }` */
function parseNestedPackage(tokens: Tokenizer, docs: Docs, attributes: readonly Attribute[], depth: number, recovery: Recovery | undefined): PackageFile {
  const span = tokens.expect('package');
  if (attributes.length > 0) throw syntaxError(span, 'cannot place attributes on nested packages');
  if (depth >= MAX_ITEM_DEPTH) throw syntaxError(span, 'package nesting too deep');
  const packageName = parsePackageName(tokens, docs);
  tokens.expect('left-brace');
  const items = parseDeclList(tokens, 'right-brace', depth + 1, recovery);
  return { packageName, items };
}

/** `use a:b/c@1.0.0 as d;` at the top level. */
function parseToplevelUse(tokens: Tokenizer, attributes: Attribute[]): ToplevelUse {
  const keyword = tokens.expect('use');
  const item = parseUsePath(tokens);
  const as = tokens.eat('as') ? parseId(tokens) : undefined;
  tokens.expect('semicolon');
  return { span: { start: keyword.start, end: keyword.end }, attributes, item, as };
}

function parseWorld(tokens: Tokenizer, docs: Docs, attributes: Attribute[], recovery: Recovery | undefined): World {
  rejectExternalId(attributes, 'world declarations');
  tokens.expect('world');
  const name = parseId(tokens);
  tokens.expect('left-brace');
  const items = parseItems(tokens, 'right-brace', 'world', recovery, (itemDocs) => parseWorldItem(tokens, itemDocs, parseAttributes(tokens), recovery));
  return { docs, attributes, name, items };
}

function parseWorldItem(tokens: Tokenizer, docs: Docs, attributes: Attribute[], recovery: Recovery | undefined): WorldItem {
  const token = tokens.clone().next();
  switch (token?.kind) {
    case 'import':
    case 'export':
      tokens.next();
      return { kind: token.kind, docs, attributes, extern: parseExternKind(tokens, recovery) };
    case 'use':
      return { kind: 'use', use: parseUse(tokens, attributes) };
    case 'type':
      return { kind: 'type', typeDef: parseTypeAlias(tokens, docs, attributes) };
    case 'flags':
      return { kind: 'type', typeDef: parseFlags(tokens, docs, attributes) };
    case 'resource':
      return { kind: 'type', typeDef: parseResource(tokens, docs, attributes) };
    case 'record':
      return { kind: 'type', typeDef: parseRecord(tokens, docs, attributes) };
    case 'variant':
      return { kind: 'type', typeDef: parseVariant(tokens, docs, attributes) };
    case 'enum':
      return { kind: 'type', typeDef: parseEnum(tokens, docs, attributes) };
    case 'include':
      return { kind: 'include', include: parseInclude(tokens, attributes) };
    default:
      throw errExpected(tokens, '`import`, `export`, `include`, `use`, or type definition', token);
  }
}

/** Whether `tokens` starts with `id /`: a qualified `ns:pkg/iface` path, not `label: path`. Errors mean no. */
function startsQualifiedPath(tokens: Tokenizer): boolean {
  const peek = tokens.clone();
  try {
    parseId(peek);
    return peek.clone().eat('slash');
  } catch (error) {
    if (error instanceof WitError) return false;
    throw error;
  }
}

/** Whether a function type follows: `func`, `async` or an accessor. */
function startsFunc(tokens: Tokenizer): boolean {
  return tokens.clone().eat('func') || tokens.clone().eat('async') || eatAccessorToken(tokens.clone()) !== undefined;
}

/** What follows `import`/`export`: a function, an inline interface, a named path or a path. */
function parseExternKind(tokens: Tokenizer, recovery: Recovery | undefined): ExternKind {
  // Look ahead on a copy for `id:`; fall back to a plain path from the start.
  const clone = tokens.clone();
  const name = parseId(clone);
  if (clone.eat('colon')) {
    if (startsFunc(clone)) {
      tokens.copyFrom(clone);
      const func = parseFunc(tokens);
      tokens.expect('semicolon');
      return { kind: 'func', name, func };
    }
    if (clone.eat('interface')) {
      tokens.copyFrom(clone);
      return { kind: 'interface', name, items: parseInterfaceItems(tokens, recovery) };
    }
    if (!startsQualifiedPath(clone)) {
      tokens.copyFrom(clone);
      const path = parseUsePath(tokens);
      tokens.expect('semicolon');
      return { kind: 'named-path', name, path };
    }
  }
  const path = parseUsePath(tokens);
  tokens.expect('semicolon');
  return { kind: 'path', path };
}

function parseInterface(tokens: Tokenizer, docs: Docs, attributes: Attribute[], recovery: Recovery | undefined): Interface {
  rejectExternalId(attributes, 'interface declarations');
  tokens.expect('interface');
  const name = parseId(tokens);
  return { docs, attributes, name, items: parseInterfaceItems(tokens, recovery) };
}

/** `{ item* }` of a named or inline interface. */
function parseInterfaceItems(tokens: Tokenizer, recovery: Recovery | undefined): InterfaceItem[] {
  tokens.expect('left-brace');
  return parseItems(tokens, 'right-brace', 'interface', recovery, (docs) => parseInterfaceItem(tokens, docs, parseAttributes(tokens)));
}

function parseInterfaceItem(tokens: Tokenizer, docs: Docs, attributes: Attribute[]): InterfaceItem {
  const token = tokens.clone().next();
  switch (token?.kind) {
    case 'type':
      return { kind: 'type', typeDef: parseTypeAlias(tokens, docs, attributes) };
    case 'flags':
      return { kind: 'type', typeDef: parseFlags(tokens, docs, attributes) };
    case 'enum':
      return { kind: 'type', typeDef: parseEnum(tokens, docs, attributes) };
    case 'variant':
      return { kind: 'type', typeDef: parseVariant(tokens, docs, attributes) };
    case 'resource':
      return { kind: 'type', typeDef: parseResource(tokens, docs, attributes) };
    case 'record':
      return { kind: 'type', typeDef: parseRecord(tokens, docs, attributes) };
    case 'id':
    case 'explicit-id':
      return { kind: 'func', func: parseNamedFunc(tokens, docs, attributes) };
    case 'use':
      return { kind: 'use', use: parseUse(tokens, attributes) };
    default:
      throw errExpected(tokens, '`type`, `resource` or `func`', token);
  }
}

/** `use path.{a, b as c};` */
function parseUse(tokens: Tokenizer, attributes: Attribute[]): Use {
  tokens.expect('use');
  const from = parseUsePath(tokens);
  tokens.expect('period');
  tokens.expect('left-brace');
  const names: UseName[] = [];
  while (!tokens.eat('right-brace')) {
    const name = parseId(tokens);
    const as = tokens.eat('as') ? parseId(tokens) : undefined;
    names.push({ name, as });
    if (!tokens.eat('comma')) {
      tokens.expect('right-brace');
      break;
    }
  }
  tokens.expect('semicolon');
  return { attributes, from, names };
}

/** `include path;` or `include path with { a as b }` (no semicolon after the braces). */
function parseInclude(tokens: Tokenizer, attributes: Attribute[]): Include {
  rejectExternalId(attributes, 'include statements');
  tokens.expect('include');
  const from = parseUsePath(tokens);
  let names: IncludeName[] = [];
  if (tokens.eat('with')) {
    names = parseList(tokens, 'left-brace', 'right-brace', (_docs, t) => {
      const name = parseId(t);
      t.expect('as');
      return { name, as: parseId(t) };
    });
  } else {
    tokens.expect('semicolon');
  }
  return { attributes, from, names };
}
