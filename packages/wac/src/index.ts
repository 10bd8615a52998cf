/**
 * `@weld/wac`: the WAC composition language (wac's `.wac` files) read into
 * a syntax tree. Runs anywhere: text in, data out.
 */
export type * from './ast.js';
export { parseWac } from './parse/parse.js';
export { lexWac } from './lex.js';
export type { Lexed } from './lex.js';
export type { DocComment, LexFailure, Token, TokenKind } from './token.js';
export { describeToken, KEYWORDS } from './token.js';
export { WacError } from './errors.js';
export type { WacErrorKind } from './errors.js';
export { MAX_DEPTH } from './parse/cursor.js';
export { printWac } from './print.js';
export { resolveWac } from './resolve/resolve.js';
export type { PackageLookup, ResolveWacOptions, WacPackage } from './resolve/resolve.js';
