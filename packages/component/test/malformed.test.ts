/**
 * Malformed input never crashes the decoder: random mutations and
 * truncations of the corpus only ever throw `BinaryError`, and each call
 * returns quickly (no endless loop, no unbounded allocation).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BinaryError, decodeComponent, encodeComponent, readCoreModule } from '@weld/component';
import { corpus, embedded } from './corpus.js';

const LIMIT_MS = 2000;

/** Runs `fn` on `bytes`; fails on anything but success or a BinaryError, or when slow. */
function survives(fn: (bytes: Uint8Array) => unknown, bytes: Uint8Array): void {
  const start = performance.now();
  try {
    const model = fn(bytes);
    if (model !== undefined && fn === decodeComponentFn) encodeComponent(model as ReturnType<typeof decodeComponent>);
  } catch (error) {
    if (!(error instanceof BinaryError)) {
      throw new Error(`non-BinaryError on ${bytes.length} bytes: ${String(error)}`, { cause: error });
    }
    expect(error.offset).toBeGreaterThanOrEqual(0);
    expect(error.offset).toBeLessThanOrEqual(bytes.length);
  }
  const elapsed = performance.now() - start;
  if (elapsed > LIMIT_MS) throw new Error(`took ${elapsed.toFixed(0)} ms on ${bytes.length} bytes`);
}

const decodeComponentFn = (bytes: Uint8Array): unknown => decodeComponent(bytes);
const readCoreModuleFn = (bytes: Uint8Array): unknown => readCoreModule(bytes);

/** A mutation of a seed: overwrite, insert or delete bytes, then maybe truncate. */
type Edit =
  | { readonly kind: 'set'; readonly at: number; readonly value: number }
  | { readonly kind: 'insert'; readonly at: number; readonly values: readonly number[] }
  | { readonly kind: 'delete'; readonly at: number; readonly count: number };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x00, 0x01, 0x7f, 0x80, 0xff)) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), values: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 6 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 8 }) }) },
);

function apply(seed: Uint8Array, edits: readonly Edit[], truncate: number | undefined): Uint8Array {
  let bytes = Array.from(seed);
  for (const e of edits) {
    if (bytes.length === 0) break;
    const at = e.at % bytes.length;
    if (e.kind === 'set') bytes[at] = e.value;
    else if (e.kind === 'insert') bytes.splice(at, 0, ...e.values);
    else bytes.splice(at, e.count);
  }
  if (truncate !== undefined && bytes.length > 0) bytes = bytes.slice(0, truncate % bytes.length);
  return Uint8Array.from(bytes);
}

describe('malformed input', () => {
  // Mutating the 2 MiB Go fixture would spend the time copying; the small seeds reach the same code.
  const seeds = corpus().map((e) => e.bytes).filter((b) => b.length <= 64 * 1024);
  const { core } = embedded();

  it('every truncation of every WAT component throws only BinaryError', () => {
    for (const seed of corpus().filter((e) => e.name.startsWith('wat ')).map((e) => e.bytes)) {
      for (let n = 0; n < seed.length; n++) survives(decodeComponentFn, seed.subarray(0, n));
    }
  });

  it('random mutations of the corpus throw only BinaryError', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: seeds.length - 1 }),
        fc.array(editArb, { minLength: 1, maxLength: 4 }),
        fc.option(fc.nat(), { nil: undefined, freq: 4 }),
        (which, edits, truncate) => {
          survives(decodeComponentFn, apply(seeds[which]!, edits, truncate));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('random mutations of a core module only make readCoreModule throw BinaryError', () => {
    fc.assert(
      fc.property(fc.array(editArb, { minLength: 1, maxLength: 4 }), fc.option(fc.nat(), { nil: undefined, freq: 4 }), (edits, truncate) => {
        survives(readCoreModuleFn, apply(core, edits, truncate));
      }),
      { numRuns: 1000 },
    );
  });

  it('random bytes after a component header throw only BinaryError', () => {
    const header = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (tail) => {
        survives(decodeComponentFn, Uint8Array.from([...header, ...tail]));
      }),
      { numRuns: 2000 },
    );
  });

  it('huge counts and sizes fail fast instead of allocating', () => {
    const header = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];
    // A type section claiming 0xffffffff entries in a 6-byte body.
    const bytes = Uint8Array.from([...header, 0x07, 0x06, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x40]);
    expect(() => decodeComponent(bytes)).toThrow(BinaryError);
    expect(() => decodeComponent(bytes)).toThrow(/count 4294967295 .* exceeds the 1 bytes left: expected type section entries/);
  });
});
