/** The tokens of WAC, named as wac's lexer names them in its messages. */

/** Words that are keywords unless written with a leading `%`. */
export const KEYWORDS = [
  'import', 'with', 'type', 'tuple', 'list', 'option', 'result', 'borrow', 'resource', 'variant', 'record', 'flags',
  'enum', 'func', 'static', 'constructor', 'u8', 's8', 'u16', 's16', 'u32', 's32', 'u64', 's64', 'f32', 'f64',
  'char', 'bool', 'string', 'interface', 'world', 'export', 'new', 'let', 'use', 'include', 'as', 'package', 'targets',
  'async', 'stream', 'future', 'error-context',
] as const;

/** A keyword token. */
export type Keyword = (typeof KEYWORDS)[number];

/** Punctuation, by its text. */
export const SYMBOLS = [';', '{', '}', ':', '=', '(', ')', '->', '<', '>', '_', '[', ']', '.', '...', ',', '/', '@'] as const;

/** A punctuation token. */
export type SymbolToken = (typeof SYMBOLS)[number];

/** What a token is. */
export type TokenKind = 'ident' | 'string' | 'package-name' | 'package-path' | Keyword | SymbolToken;

/** A `///` or `/** … *\/` comment, trimmed, that documents the item after it. */
export interface DocComment {
  readonly comment: string;
  readonly span: { readonly start: number; readonly end: number };
}

/** One token: byte offsets into the file and the doc comments just before it. */
export interface Token {
  readonly kind: TokenKind;
  readonly start: number;
  readonly end: number;
  readonly docs: readonly DocComment[];
}

/** A place the lexer could not read, reported when the parser reaches it, as wac does. */
export interface LexFailure {
  readonly kind: 'lex-error';
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

const KEYWORD_SET: ReadonlySet<string> = new Set(KEYWORDS);

/** The keyword `word` is, if it is one. */
export function keywordOf(word: string): Keyword | undefined {
  return KEYWORD_SET.has(word) ? (word as Keyword) : undefined;
}

/** How wac's messages name a token (its `Display`). */
export function describeToken(kind: TokenKind): string {
  switch (kind) {
    case 'ident': return 'identifier';
    case 'string': return 'string literal';
    case 'package-name': return 'package name';
    case 'package-path': return 'package path';
    default: return keywordOf(kind) !== undefined ? `\`${kind}\` keyword` : `\`${kind}\``;
  }
}
