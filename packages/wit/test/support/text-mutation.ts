/**
 * Random edits of WIT text for property tests: tokens and oddities inserted
 * or replaced, slices deleted, duplicated or cut off.
 */
import fc from 'fast-check';
import { unreachable } from '@weld/wit';

/** Characters that matter to the lexer and parser, plus Unicode oddities. */
const INTERESTING = [
  '{', '}', '<', '>', '(', ')', ';', ':', ',', '.', '@', '%', '/', '*', '=', '-', '_', '+', '"', "'", '\\', '#', '&',
  ' ', '\n', '\r', '\t', '\0', '\u000b', '\u00a0', '\u200b', '\u2028', '\ufeff', '\ud800', '\udc00', '🦀', 'é', 'A', 'z', '0', '9',
  '//', '/*', '*/', '///', '/**', 'package ', 'interface ', 'world ', 'use ', 'type ', 'func(', 'list<', 'resource ',
  'static ', 'async ', 'constructor', '@since(version = 1.0.0)', '@unstable(feature = x)', '@deprecated(version = 0.1.0)',
  'import ', 'export ', 'include ', ' as ', 'borrow<', 'own<', 'map<', 'result<_, ', 'tuple<', 'future', 'stream',
  '-> ', '%type', 'a:b/c@1.0.0', '@1.0.0', 'u32', 'self', 'with { a as b }',
] as const;

/** A piece of text to insert: mostly WIT's own tokens, sometimes any characters. */
export const snippetArb = fc.oneof(
  { arbitrary: fc.constantFrom(...INTERESTING), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }), weight: 1 },
);

/** One edit of a text; positions are reduced modulo the current length. */
export type Mutation =
  | { readonly op: 'replace' | 'insert'; readonly at: number; readonly s: string }
  | { readonly op: 'delete'; readonly at: number; readonly len: number }
  | { readonly op: 'truncate'; readonly at: number }
  | { readonly op: 'duplicate'; readonly at: number; readonly len: number; readonly to: number };

/** Any one {@link Mutation}. */
export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('replace' as const, 'insert' as const), at: fc.nat(), s: snippetArb }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  // Copying a slice elsewhere makes duplicate names and stray `use`s: resolver errors, not just syntax ones.
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 200 }), to: fc.nat() }),
);

/** `text` with the mutations applied in turn. */
export function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % (out.length + 1);
    switch (m.op) {
      case 'replace':
        out = out.slice(0, at) + m.s + out.slice(at + 1);
        break;
      case 'insert':
        out = out.slice(0, at) + m.s + out.slice(at);
        break;
      case 'delete':
        out = out.slice(0, at) + out.slice(at + m.len);
        break;
      case 'truncate':
        out = out.slice(0, at);
        break;
      case 'duplicate': {
        const slice = out.slice(at, at + m.len);
        const to = m.to % (out.length + 1);
        out = out.slice(0, to) + slice + out.slice(to);
        break;
      }
      default:
        unreachable(m, 'mutation');
    }
  }
  return out;
}
