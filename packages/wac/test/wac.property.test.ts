/**
 * Property tests of the WAC parser: token soup and mutated corpus files
 * either parse or fail with a located `WacError`, quickly; generated valid
 * programs and everything that parses print back to text that parses to
 * the same tree.
 *
 * The library is imported by package name, so this tests the built `dist`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KEYWORDS, parseWac, printWac, WacError, type Document } from '@weld/wac';
import { mutate, mutationArb } from '../../wit/test/support/text-mutation.js';
import { withoutSpans } from './support/without-spans.js';

const SCALE = Math.max(1, Number(process.env['WELD_PROPERTY_SCALE'] ?? '1') || 1);
const runs = (n: number): number => Math.ceil(n * SCALE);
/** One parse taking longer than this means a hang or a blow-up, not a slow machine. */
const MAX_CALL_MS = 2000;

const corpus = join(dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'parse');
const corpusTexts = readdirSync(corpus).filter((n) => n.endsWith('.wac')).map((n) => readFileSync(join(corpus, n), 'utf8'));
const encoder = new TextEncoder();

/** Parses, allowing only a WacError whose span and location lie in the text; returns the tree or undefined. */
function parseOrRefuse(text: string): Document | undefined {
  const start = performance.now();
  try {
    return parseWac(text, 'prop.wac');
  } catch (error) {
    if (!(error instanceof WacError)) throw error;
    const length = encoder.encode(text).length;
    expect(error.span.start).toBeGreaterThanOrEqual(0);
    expect(error.span.end).toBeLessThanOrEqual(Math.max(1, length));
    expect(error.location.line).toBeGreaterThanOrEqual(1);
    expect(error.toDiagnostic().message).toBe(error.message);
    return undefined;
  } finally {
    const ms = performance.now() - start;
    if (ms > MAX_CALL_MS) throw new Error(`parse took ${ms.toFixed(0)} ms`);
  }
}

/** A parsed tree prints to text that parses to the same tree, and printing is stable. */
function checkRoundTrip(doc: Document): void {
  const printed = printWac(doc);
  const again = parseWac(printed, 'printed.wac');
  expect(withoutSpans(again)).toEqual(withoutSpans(doc));
  expect(printWac(again)).toBe(printed);
}

const FRAGMENTS = [
  ...KEYWORDS, ';', '{', '}', ':', '=', '(', ')', '->', '<', '>', '_', '[', ']', '.', '...', ',', '/', '@',
  'a', 'b-c', '%let', 'x', '"s"', '"', 'a:b', 'a:b@1.0.0', 'a:b/c', 'a:b/c@0.1.0', 'a:b@1', '1', '//', '///', '/*', '*/', '/**', '\n', '\r',
  '\t', '\0', '\u202e', 'é', '🦀',
];

const WAC_SNIPPETS = ['new a:b { ', '...', '.x', '["y"]', 'let z = ', 'export ', ' as "n"', 'targets a:b/w', '(', ')'];

const keywords: ReadonlySet<string> = new Set(KEYWORDS);
/** A name that is not a keyword (those need a `%`). */
const nameArb = fc.stringMatching(/^[a-z][a-z0-9]{0,3}(-[a-z][a-z0-9]{0,2}){0,2}$/).filter((n) => !keywords.has(n));

/** A valid expression's text, nested up to `depth`. */
const exprArb = (depth: number): fc.Arbitrary<string> => {
  const access = fc.array(fc.oneof(nameArb.map((n) => `.${n}`), nameArb.map((n) => `["${n}"]`)), { maxLength: 3 });
  const leaf = nameArb;
  if (depth === 0) return fc.tuple(leaf, access).map(([p, a]) => p + a.join(''));
  const arg = fc.oneof(
    nameArb,
    nameArb.map((n) => `...${n}`),
    fc.tuple(fc.oneof(nameArb, nameArb.map((n) => `"${n}"`)), exprArb(depth - 1)).map(([n, e]) => `${n}: ${e}`),
  );
  const primary = fc.oneof(
    leaf,
    exprArb(depth - 1).map((e) => `(${e})`),
    fc.tuple(nameArb, nameArb, fc.array(arg, { maxLength: 4 }), fc.boolean()).map(([ns, pkg, args, fill]) =>
      `new ${ns}:${pkg} { ${[...args, ...(fill ? ['...'] : [])].join(', ')} }`),
  );
  return fc.tuple(primary, access).map(([p, a]) => p + a.join(''));
};

const statementArb = fc.oneof(
  fc.tuple(nameArb, exprArb(3)).map(([n, e]) => `let ${n} = ${e};`),
  fc.tuple(exprArb(2), fc.oneof(fc.constant(''), fc.constant('...'), nameArb.map((n) => ` as "${n}"`))).map(([e, o]) => `export ${e}${o};`),
  fc.tuple(nameArb, nameArb, nameArb).map(([n, ns, i]) => `import ${n}: ${ns}:pkg/${i}@1.0.0;`),
  fc.tuple(nameArb, nameArb).map(([n, f]) => `record ${n} { ${f}: list<tuple<u8, string>> }`),
);

const programArb = fc.tuple(nameArb, fc.array(statementArb, { maxLength: 8 })).map(([pkg, s]) => `package ns:${pkg}@0.1.0;\n${s.join('\n')}\n`);

describe('the WAC parser', () => {
  it('parses or refuses token soup with a WacError', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }), fc.constantFrom('', ' '), (tokens, sep) => {
      const doc = parseOrRefuse(`package a:b;\n${tokens.join(sep)}`);
      if (doc !== undefined) checkRoundTrip(doc);
    }), { numRuns: runs(3000) });
  });

  it('parses or refuses mutated corpus files with a WacError', () => {
    const insertArb = fc.record({ op: fc.constant('insert' as const), at: fc.nat(), s: fc.constantFrom(...WAC_SNIPPETS) });
    fc.assert(fc.property(fc.constantFrom(...corpusTexts), fc.array(fc.oneof(mutationArb, insertArb), { minLength: 1, maxLength: 4 }), (text, mutations) => {
      const doc = parseOrRefuse(mutate(text, mutations));
      if (doc !== undefined) checkRoundTrip(doc);
    }), { numRuns: runs(3000) });
  });

  it('parses generated valid programs, which print back to the same tree', () => {
    fc.assert(fc.property(programArb, (text) => {
      checkRoundTrip(parseWac(text, 'gen.wac'));
    }), { numRuns: runs(500) });
  });

  it('reads long access chains and long files without recursion', () => {
    const chain = `package a:b;\nexport x${'.y'.repeat(100_000)};\n`;
    const doc = parseWac(chain, 'chain.wac');
    expect(doc.statements[0]!.kind === 'export' && doc.statements[0]!.expr.postfix.length).toBe(100_000);
    const many = `package a:b;\n${'let x = new a:b { c, d: e.f };\n'.repeat(20_000)}`;
    expect(parseWac(many, 'many.wac').statements).toHaveLength(20_000);
  });

  it('takes nesting up to the limit and refuses one level more with a located error', () => {
    const nested = (n: number): string => `package a:b;\nlet x = ${'('.repeat(n)}y${')'.repeat(n)};\n`;
    expect(parseWac(nested(100), 'ok.wac').statements).toHaveLength(1);
    expect(() => parseWac(nested(101), 'deep.wac')).toThrow('expression nesting is too deep (more than 100 levels)');
    expect(() => parseWac(`package a:b;\ntype t = ${'list<'.repeat(100_000)}`, 'deep.wac')).toThrow(WacError);
  });
});
