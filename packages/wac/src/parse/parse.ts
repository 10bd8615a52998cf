/**
 * WAC text to its syntax tree, as wac's `Document::parse` reads it: the
 * `package` directive, then `import`, `let`, `export` and type statements.
 * Expression nesting (`(…)`, `new` inside arguments) is bounded by
 * {@link MAX_DEPTH}; access chains (`a.b["c"]`) are a loop.
 */
import type {
  Document, ExportOptions, ExportStatement, Expr, ExternName, ImportStatement, ImportType, InstantiationArgument, LetStatement,
  PostfixExpr, PrimaryExpr, Statement,
} from '../ast.js';
import { lexWac } from '../lex.js';
import type { WacSource } from '../source.js';
import { Cursor, join, parseDelimited, spanOf, type Lookahead } from './cursor.js';
import { parseFuncType, parseInlineInterface, parsePackageName, parsePackagePath, parseTypeStatement, peekFuncType, peekTypeDecl } from './parse-type.js';

const encoder = new TextEncoder();

/**
 * Parses one WAC file.
 *
 * @param text the file's contents (or its UTF-8 bytes)
 * @param path the name diagnostics show
 * @throws WacError for the first lexical or syntax error, with its location
 */
export function parseWac(text: string | Uint8Array, path: string): Document {
  const source: WacSource = { path, bytes: typeof text === 'string' ? encoder.encode(text) : text };
  const cursor = new Cursor(source, lexWac(source));
  const docs = cursor.docs();
  cursor.expect('package');
  const pkg = parsePackageName(cursor);
  const targets = cursor.optional('targets') === undefined ? undefined : parsePackagePath(cursor);
  cursor.expect(';');
  const statements: Statement[] = [];
  while (cursor.more) statements.push(parseStatement(cursor));
  return { docs, package: pkg, targets, statements };
}

function parseStatement(cursor: Cursor): Statement {
  const lookahead = cursor.lookahead();
  if (lookahead.peek('import')) return parseImport(cursor);
  if (lookahead.peek('let')) return parseLet(cursor);
  if (lookahead.peek('export')) return parseExport(cursor);
  if (lookahead.peek('interface') || lookahead.peek('world') || peekTypeDecl(lookahead)) return parseTypeStatement(cursor);
  throw lookahead.error();
}

const peekName = (lookahead: Lookahead): boolean => lookahead.peek('ident') || lookahead.peek('string');

/** An identifier or a string, as a name. */
function parseExternName(cursor: Cursor): ExternName {
  const lookahead = cursor.lookahead();
  if (lookahead.peek('ident')) {
    const { name, span } = cursor.ident();
    return { kind: 'ident', value: name, span };
  }
  if (lookahead.peek('string')) {
    const { value, span } = cursor.string();
    return { kind: 'string', value, span };
  }
  throw lookahead.error();
}

/** `import id (as name)? : type;` */
function parseImport(cursor: Cursor): ImportStatement {
  const docs = cursor.docs();
  cursor.expect('import');
  const id = cursor.ident();
  const name = cursor.optional('as') === undefined ? undefined : parseExternName(cursor);
  cursor.expect(':');
  const lookahead = cursor.lookahead();
  let type: ImportType;
  if (peekFuncType(lookahead)) type = { kind: 'func', func: parseFuncType(cursor) };
  else if (lookahead.peek('interface')) type = { kind: 'interface', items: parseInlineInterface(cursor) };
  else if (lookahead.peek('package-path')) type = { kind: 'package', path: parsePackagePath(cursor) };
  else if (lookahead.peek('ident')) type = { kind: 'ident', id: cursor.ident() };
  else throw lookahead.error();
  cursor.expect(';');
  return { kind: 'import', docs, id, name, type };
}

/** `let id = expr;` */
function parseLet(cursor: Cursor): LetStatement {
  const docs = cursor.docs();
  cursor.expect('let');
  const id = cursor.ident();
  cursor.expect('=');
  const expr = parseExpr(cursor);
  cursor.expect(';');
  return { kind: 'let', docs, id, expr };
}

/** `export expr (... | as name)?;` */
function parseExport(cursor: Cursor): ExportStatement {
  const docs = cursor.docs();
  cursor.expect('export');
  const expr = parseExpr(cursor);
  let options: ExportOptions = { kind: 'none' };
  const spread = cursor.eat('...');
  if (spread !== undefined) options = { kind: 'spread', span: spanOf(spread) };
  else if (cursor.eat('as') !== undefined) options = { kind: 'rename', name: parseExternName(cursor) };
  cursor.expect(';');
  return { kind: 'export', docs, expr, options };
}

/** A primary expression followed by any number of `.id` and `["name"]`. */
function parseExpr(cursor: Cursor): Expr {
  const primary = parsePrimary(cursor);
  const postfix: PostfixExpr[] = [];
  for (;;) {
    if (cursor.at('.')) {
      const dot = cursor.bump();
      const id = cursor.ident();
      postfix.push({ kind: 'access', span: join(dot, id.span), id });
    } else if (cursor.at('[')) {
      const open = cursor.bump();
      const name = cursor.string();
      postfix.push({ kind: 'named-access', span: join(open, cursor.expect(']')), name });
    } else break;
  }
  const first = primary.kind === 'ident' ? primary.id.span : primary.span;
  return { span: join(first, postfix.at(-1)?.span ?? first), primary, postfix };
}

function parsePrimary(cursor: Cursor): PrimaryExpr {
  const lookahead = cursor.lookahead();
  if (lookahead.peek('new')) {
    const start = cursor.bump();
    cursor.enter('expression', start);
    const pkg = parsePackageName(cursor);
    cursor.expect('{');
    const args = parseDelimited(cursor, '}', true, (l) => l.peek('...') || peekName(l), () => parseArgument(cursor));
    const span = join(start, cursor.expect('}'));
    cursor.leave();
    return { kind: 'new', span, package: pkg, arguments: args };
  }
  if (lookahead.peek('(')) {
    const start = cursor.bump();
    cursor.enter('expression', start);
    const inner = parseExpr(cursor);
    const span = join(start, cursor.expect(')'));
    cursor.leave();
    return { kind: 'nested', span, inner };
  }
  if (lookahead.peek('ident')) return { kind: 'ident', id: cursor.ident() };
  throw lookahead.error();
}

/** `a`, `...a`, `...` (fill), or `name: expr`. */
function parseArgument(cursor: Cursor): InstantiationArgument {
  const spread = cursor.eat('...');
  if (spread !== undefined) {
    if (cursor.at(',') || cursor.at('}')) return { kind: 'fill', span: spanOf(spread) };
    return { kind: 'spread', id: cursor.ident() };
  }
  if (!cursor.at(':', 1)) return { kind: 'inferred', id: cursor.ident() };
  const name = parseExternName(cursor);
  cursor.expect(':');
  return { kind: 'named', name, expr: parseExpr(cursor) };
}
