/**
 * Property tests of the WIT front end: generated valid packages load, print
 * and reload to the same resolve, agree with `wasm-tools component wit` byte
 * for byte, and mutated or pathological inputs fail only with a `WitError`.
 *
 * The library is imported by package name, so this tests the built `dist`
 * (run `npx tsc -b packages/wit` first).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { wasmToolsPath } from '../../../test/support/wasm-tools.js';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadWitText, printWit, resolveToJson, WitError } from '@weld/wit';
import { loadWit } from '@weld/wit/node';
import type { LoadedWit } from '@weld/wit';
import { canonicalWitTextArb, witTextArb } from '../test/support/wit-arbitrary.js';
import { mutate, mutationArb, snippetArb } from '../test/support/text-mutation.js';

const here = dirname(fileURLToPath(import.meta.url));
const wasiRoot = join(here, '..', '..', '..', 'node_modules', '@bytecodealliance', 'jco', 'lib', 'wit', 'builtin', '0.2.12');

/**
 * Multiplies every `numRuns`: the defaults keep the file fast for CI, and
 * `WELD_PROPERTY_SCALE=20` makes a soak run.
 */
const SCALE = Math.max(1, Number(process.env['WELD_PROPERTY_SCALE'] ?? '1') || 1);
const runs = (n: number): number => Math.ceil(n * SCALE);

/** A single load/print call taking longer than this means a hang or a blow-up, not a slow machine. */
const MAX_CALL_MS = 2000;

const wasmTools = wasmToolsPath();

const scratch = mkdtempSync(join(tmpdir(), 'weld-wit-prop-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let scratchCounter = 0;

/** Writes `contents` to a fresh file in the scratch folder and returns its path. */
function scratchFile(contents: string | Uint8Array): string {
  const path = join(scratch, `case-${scratchCounter++}.wit`);
  writeFileSync(path, contents);
  return path;
}

/** Runs `f`, failing the property if it takes longer than {@link MAX_CALL_MS}. */
function timed<T>(what: string, f: () => T): T {
  const start = performance.now();
  try {
    return f();
  } finally {
    const ms = performance.now() - start;
    if (ms > MAX_CALL_MS) throw new Error(`${what} took ${ms.toFixed(0)} ms (limit ${MAX_CALL_MS} ms)`);
  }
}

async function timedAsync<T>(what: string, f: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await f();
  } finally {
    const ms = performance.now() - start;
    if (ms > MAX_CALL_MS) throw new Error(`${what} took ${ms.toFixed(0)} ms (limit ${MAX_CALL_MS} ms)`);
  }
}

function load(text: string): LoadedWit {
  return timed('loadWitText', () => loadWitText('gen.wit', text));
}

function print(loaded: LoadedWit): string {
  return timed('printWit', () => printWit(loaded.resolve, loaded.packages));
}

function jsonOf(loaded: LoadedWit): string {
  return timed('resolveToJson', () => JSON.stringify(resolveToJson(loaded.resolve)));
}

/**
 * The contract for arbitrary input: the call either succeeds, or throws a
 * `WitError` of a known kind, with a message, whose location is filled in
 * whenever it has a span. Anything else (TypeError, RangeError from a stack
 * overflow, a hang) is a bug.
 */
function expectWitError(error: unknown, input: string): void {
  if (!(error instanceof WitError)) {
    const shown = input.length > 400 ? `${input.slice(0, 400)}…` : input;
    throw new Error(`expected a WitError for input ${JSON.stringify(shown)}, got: ${String(error)}`, { cause: error });
  }
  expect(['lex', 'syntax', 'not-found', 'cycle', 'resolve', 'io']).toContain(error.kind);
  expect(error.message.length).toBeGreaterThan(0);
  if (error.span !== undefined) expect(error.location).toBeDefined();
}

/**
 * What holds for any text that loads: the printed form loads again, and from
 * then on printing and loading are stable (same JSON, same text).
 *
 * The first print is not compared with the input's resolve: wit-parser's own
 * printer changes it for some valid inputs (it reorders items, drops docs made
 * only of blank lines, trims trailing blanks of block docs), and weld prints
 * as it does. One print normalises all of that.
 */
function checkStableAfterOnePrint(loaded: LoadedWit): void {
  const first = print(loaded);
  const reloaded = load(first);
  const second = print(reloaded);
  const again = load(second);
  expect(jsonOf(again)).toBe(jsonOf(reloaded));
  expect(print(again)).toBe(second);
}

/** Arbitrary text either loads (and then prints stably) or throws a proper `WitError`. */
function checkArbitraryText(text: string): void {
  let loaded: LoadedWit;
  try {
    loaded = load(text);
  } catch (error) {
    expectWitError(error, text);
    return;
  }
  jsonOf(loaded);
  // A lone `\r` in a doc comment counts as indentation but not as a line
  // break, so each print adds a space before it: `wasm-tools component wit`
  // does the same (checked with 1.263), and weld prints as it does.
  if (/\r(?!\n)/.test(text)) return;
  checkStableAfterOnePrint(loaded);
}

describe('generated WIT', () => {
  it('always loads', () => {
    fc.assert(
      fc.property(witTextArb, (text) => {
        const loaded = load(text);
        // The package the text declares is the main one, and nothing else is pulled in.
        expect(loaded.packages).toEqual([loaded.main]);
        expect(loaded.resolve.packages[loaded.main]!.interfaces.size).toBeGreaterThan(0);
      }),
      { numRuns: runs(200) },
    );
  });

  it('round-trips through the printer exactly, which reaches a fixpoint (items in printer order)', () => {
    fc.assert(
      fc.property(canonicalWitTextArb, (text) => {
        const first = load(text);
        const printed = print(first);
        const second = load(printed);
        expect(jsonOf(second)).toBe(jsonOf(first));
        expect(print(second)).toBe(printed);
      }),
      { numRuns: runs(150) },
    );
  });

  it('is stable after one print in any item order', () => {
    fc.assert(
      fc.property(witTextArb, (text) => {
        checkStableAfterOnePrint(load(text));
      }),
      { numRuns: runs(100) },
    );
  });
});

// ---------------------------------------------------------------------------
// Robustness
// ---------------------------------------------------------------------------

/** One edit of the UTF-8 bytes of a text. */
type ByteMutation =
  | { readonly op: 'replace' | 'insert'; readonly at: number; readonly byte: number }
  | { readonly op: 'delete' | 'truncate'; readonly at: number };

const byteMutationArb: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({
    op: fc.constantFrom('replace' as const, 'insert' as const),
    at: fc.nat(),
    // Bytes that break UTF-8 (continuation, overlong lead, 0xff) as well as ASCII.
    byte: fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x80, 0xbf, 0xc0, 0xc1, 0xe0, 0xed, 0xf0, 0xf4, 0xf5, 0xff, 0x00)),
  }),
  fc.record({ op: fc.constantFrom('delete' as const, 'truncate' as const), at: fc.nat() }),
);

function mutateBytes(bytes: Uint8Array, mutations: readonly ByteMutation[]): Uint8Array {
  let out = Array.from(bytes);
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % (out.length + 1);
    if (m.op === 'replace') out[at] = m.byte;
    else if (m.op === 'insert') out.splice(at, 0, m.byte);
    else if (m.op === 'delete') out.splice(at, 1);
    else out = out.slice(0, at);
  }
  return Uint8Array.from(out);
}

/** A few real WASI packages, to mutate inputs written by people rather than by the generator. */
function wasiTexts(): string[] {
  const names = readdirSync(wasiRoot).sort();
  return names.map((name) => readFileSync(join(wasiRoot, name, 'package.wit'), 'utf8'));
}

describe('robustness', () => {
  const wasi = wasiTexts();

  it('finds the WASI sample files', () => {
    expect(wasi.length).toBeGreaterThanOrEqual(5);
  });

  it('mutated generated texts load or throw a WitError', () => {
    fc.assert(
      fc.property(witTextArb, fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (text, mutations) => {
        checkArbitraryText(mutate(text, mutations));
      }),
      { numRuns: runs(300) },
    );
  });

  it('mutated WASI files load or throw a WitError', () => {
    fc.assert(
      fc.property(fc.nat({ max: wasi.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (i, mutations) => {
        checkArbitraryText(mutate(wasi[i]!, mutations));
      }),
      { numRuns: runs(300) },
    );
  });

  it('byte-mutated files load or throw a WitError', async () => {
    const encoder = new TextEncoder();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(witTextArb, fc.constantFrom(...wasi)),
        fc.array(byteMutationArb, { minLength: 1, maxLength: 4 }),
        async (text, mutations) => {
          const bytes = mutateBytes(encoder.encode(text), mutations);
          const path = scratchFile(bytes);
          let loaded: LoadedWit;
          try {
            loaded = await timedAsync('loadWit', () => loadWit(path));
          } catch (error) {
            expectWitError(error, new TextDecoder().decode(bytes));
            return;
          }
          checkStableAfterOnePrint(loaded);
        },
      ),
      { numRuns: runs(100) },
    );
  });

  it('arbitrary strings load or throw a WitError', () => {
    fc.assert(
      fc.property(fc.array(snippetArb, { maxLength: 30 }).map((parts) => parts.join('')), (text) => {
        checkArbitraryText(`package a:b;\ninterface i {\n${text}\n}\n`);
        checkArbitraryText(text);
      }),
      { numRuns: runs(300) },
    );
  });

  // Pathological nesting and long chains: each must be rejected with a
  // WitError (or accepted) quickly, never overflow the stack. The chains of
  // named items are valid WIT whose depth lives in the resolver, the printer
  // and the JSON output rather than in the parser.
  const N = 10_000;
  // Valid chains take real work per item, so they are shorter: the point is
  // recursion depth (far beyond any default stack), not a benchmark.
  const CHAIN = 5_000;
  const head = 'package a:b;\ninterface i {\n';
  const chain = (count: number, first: string, next: (k: number) => string): string =>
    Array.from({ length: count }, (_, k) => (k === 0 ? first : next(k))).join('\n');
  const nested: readonly (readonly [string, string])[] = [
    ['list<', `${head}type t = ${'list<'.repeat(N)}u8${'>'.repeat(N)};\n}\n`],
    ['list< unterminated', `${head}type t = ${'list<'.repeat(N)}`],
    ['option<', `${head}type t = ${'option<'.repeat(N)}u8${'>'.repeat(N)};\n}\n`],
    ['tuple<', `${head}type t = ${'tuple<u8, '.repeat(N)}u8${'>'.repeat(N)};\n}\n`],
    ['result<_, ', `${head}type t = ${'result<_, '.repeat(N)}u8${'>'.repeat(N)};\n}\n`],
    ['map<string, ', `${head}type t = ${'map<string, '.repeat(N)}u8${'>'.repeat(N)};\n}\n`],
    ['future<', `${head}type t = ${'future<'.repeat(N)}u8${'>'.repeat(N)};\n}\n`],
    ['list<N> fixed', `${head}type t = ${'list<'.repeat(N)}u8${', 2>'.repeat(N)};\n}\n`],
    ['param list<', `${head}f: func(x: ${'list<'.repeat(N)}u8${'>'.repeat(N)});\n}\n`],
    ['borrow<', `${head}resource r;\nf: func(x: ${'borrow<'.repeat(N)}r${'>'.repeat(N)});\n}\n`],
    ['nested packages', `${'package a:b {\n'.repeat(N)}${'}'.repeat(N)}`],
    ['unterminated block comments', `${head}${'/*'.repeat(N)}\n}\n`],
  ];

  it.each(nested)('deep nesting (%s) throws a WitError quickly', (_, text) => {
    try {
      load(text);
    } catch (error) {
      expectWitError(error, text);
      return;
    }
    throw new Error('expected the deeply nested input to be rejected');
  });

  const chains: readonly (readonly [string, string])[] = [
    ['balanced block comments', `${head}${'/*'.repeat(N)}${'*/'.repeat(N)}\n}\n`],
    ['type aliases', `${head}${chain(CHAIN, 'type t0 = u8;', (k) => `type t${k} = t${k - 1};`)}\n}\n`],
    ['options of aliases', `${head}${chain(CHAIN, 'type t0 = u8;', (k) => `type t${k} = option<t${k - 1}>;`)}\n}\n`],
    ['records', `${head}${chain(CHAIN, 'record t0 { x: u8 }', (k) => `record t${k} { x: t${k - 1} }`)}\n}\n`],
    ['interface uses', `package a:b;\n${chain(2000, 'interface i0 { type t = u8; }', (k) => `interface i${k} { use i${k - 1}.{t}; }`)}\nworld w { export i1999; }\n`],
    ['interface uses, backwards', `package a:b;\n${chain(2000, 'interface i0 { use i1.{t}; }', (k) => (k === 1999 ? `interface i${k} { type t = u8; }` : `interface i${k} { use i${k + 1}.{t}; }`))}\n`],
    ['world includes', `package a:b;\n${chain(2000, 'world w0 { import f0: func(); }', (k) => `world w${k} { include w${k - 1}; }`)}\n`],
    ['world includes, backwards', `package a:b;\n${chain(2000, 'world w0 { include w1; }', (k) => (k === 1999 ? `world w${k} { import f0: func(); }` : `world w${k} { include w${k + 1}; }`))}\n`],
  ];

  it.each(chains)('long chains (%s) load or throw a WitError quickly', (_, text) => {
    checkArbitraryText(text);
  });
});

// ---------------------------------------------------------------------------
// Differential against the reference
// ---------------------------------------------------------------------------

describe('generated WIT against wasm-tools', () => {
  const bin = wasmTools;
  const reference = (args: readonly string[]): string =>
    // stderr is piped so rejected inputs do not flood the test output.
    execFileSync(bin, ['component', 'wit', ...args], { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });

  it('prints the same JSON and WIT as `wasm-tools component wit`', async () => {
    await fc.assert(
      fc.asyncProperty(witTextArb, async (text) => {
        const path = scratchFile(text);
        const loaded = await timedAsync('loadWit', () => loadWit(path));
        // wasm-tools prints no newline after the JSON, so the strings compare as they are.
        expect(JSON.stringify(resolveToJson(loaded.resolve), null, 2)).toBe(reference([path, '--json']));
        expect(print(loaded)).toBe(reference([path]));
      }),
      { numRuns: runs(25) },
    );
  });

  it('accepts and rejects mutated texts exactly when wasm-tools does, and then prints the same', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(witTextArb, fc.constantFrom(...wasiTexts())),
        fc.array(mutationArb, { minLength: 1, maxLength: 2 }),
        async (text, mutations) => {
          const path = scratchFile(mutate(text, mutations));
          let expected: string | undefined;
          try {
            expected = reference([path, '--json']);
          } catch {
            expected = undefined; // the reference rejects it (or panics: either way it is not valid WIT)
          }
          let actual: string | undefined;
          try {
            const loaded = await timedAsync('loadWit', () => loadWit(path));
            actual = JSON.stringify(resolveToJson(loaded.resolve), null, 2);
            if (expected !== undefined) expect(print(loaded)).toBe(reference([path]));
          } catch (error) {
            expectWitError(error, readFileSync(path, 'utf8'));
          }
          expect(actual).toBe(expected);
        },
      ),
      { numRuns: runs(40) },
    );
  });
});
