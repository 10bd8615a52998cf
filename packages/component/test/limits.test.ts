/**
 * wasmparser's limits, checked around their edges with random inputs: the
 * decoder's vector limits, the type view's nesting depth, effective type
 * size and index-space counts. Each input is accepted exactly when
 * wasm-tools accepts it, and rejected with wasm-tools' message otherwise.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BinaryError, ComponentTypeError, componentTypes, decodeComponent, encodeComponent, type Component, type DefinedType,
  type Section, type ValType,
} from '@weld/component';
import { externName, instanceChain, typeChain } from '../../../test/support/limit-inputs.js';

function component(sections: Section[]): Component {
  return { version: 0x0d, layer: 1, sections };
}

/** What computing the type view of `model` (after a round trip through bytes) gives: `ok` or the error. */
function typesOf(model: Component): 'ok' | ComponentTypeError | BinaryError {
  try {
    componentTypes(decodeComponent(encodeComponent(model)));
    return 'ok';
  } catch (error) {
    if (error instanceof ComponentTypeError || error instanceof BinaryError) return error;
    throw error;
  }
}

/** One level of nesting: each adds 1 to the depth. */
const wrapArb = fc.constantFrom<(t: ValType) => DefinedType>(
  (t) => ({ kind: 'list', element: t }),
  (t) => ({ kind: 'option', type: t }),
  (t) => ({ kind: 'result', ok: t, err: undefined }),
  (t) => ({ kind: 'tuple', types: [t] }),
  (t) => ({ kind: 'record', fields: [{ name: 'f', type: t }] }),
  (t) => ({ kind: 'variant', cases: [{ name: 'c', type: t }] }),
);

describe('type nesting depth (MAX_WASM_COMPONENT_TYPE_DEPTH = 100)', () => {
  it('accepts defined types up to depth 100 and rejects deeper ones', () => {
    fc.assert(
      fc.property(fc.array(wrapArb, { minLength: 90, maxLength: 110 }), (wraps) => {
        // The i-th type wraps the one before; the innermost wraps `u8` (depth 1).
        const types = typeChain(wraps.length, (t) => wraps[typeof t === 'number' ? t + 1 : 0]!(t));
        const result = typesOf(component([{ kind: 'type', types }]));
        if (wraps.length + 1 <= 100) {
          expect(result).toBe('ok');
        } else {
          expect(result).toBeInstanceOf(ComponentTypeError);
          expect((result as ComponentTypeError).kind).toBe('limit-exceeded');
          expect((result as Error).message).toBe(`type nesting is too deep (in section 0, type)`);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('depth of types nested by reference (MAX_WASM_COMPONENT_TYPE_DEPTH applies to every type)', () => {
  it('accepts a chain of instance types up to depth 100 and rejects deeper ones, the importing component too', () => {
    fc.assert(
      fc.property(fc.integer({ min: 90, max: 110 }), (n) => {
        let result: 'ok' | Error = 'ok';
        try {
          componentTypes(decodeComponent(instanceChain(n)));
        } catch (error) {
          if (!(error instanceof ComponentTypeError)) throw error;
          result = error;
        }
        // The i-th instance type (from 0) has depth i + 1; the component importing the last, n + 1.
        if (n < 100) expect(result).toBe('ok');
        else if (n === 100) expect((result as Error).message).toBe('type nesting is too deep (in section 1, import)');
        else expect((result as Error).message).toBe('type nesting is too deep (in section 0, type)');
      }),
      { numRuns: 15 },
    );
  });
});

describe('effective type size (MAX_WASM_TYPE_SIZE = 1,000,000)', () => {
  it('rejects a chain of tuples exactly when one level reaches the limit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 1, max: 40 }), (arity, levels) => {
        const types = typeChain(levels, (t) => ({ kind: 'tuple', types: Array.from({ length: arity }, () => t) }));
        // Level 0 is 1 + arity leaves; each next level is 1 + arity times the one before.
        let size = 1;
        let over = false;
        for (let k = 0; k < levels && !over; k++) {
          size = 1 + arity * size;
          over = size >= 1_000_000;
        }
        const started = performance.now();
        const result = typesOf(component([{ kind: 'type', types }]));
        expect(performance.now() - started).toBeLessThan(2000);
        if (!over) {
          expect(result).toBe('ok');
        } else {
          expect(result).toBeInstanceOf(ComponentTypeError);
          expect((result as Error).message).toBe('effective type size exceeds the limit of 1000000 (in section 0, type)');
        }
      }),
      { numRuns: 60 },
    );
  });

  it('counts the imports and exports of a component towards its own type size', () => {
    // 60 imports of a function type of size ~20,000: the component's type passes 1,000,000.
    const record: DefinedType = { kind: 'record', fields: Array.from({ length: 9_998 }, (_, i) => ({ name: `f${i}`, type: 'u8' as const })) };
    const func = { kind: 'func' as const, async: false, params: [{ name: 'a', type: 0 }, { name: 'b', type: 0 }], result: undefined };
    const imports = (n: number) => Array.from({ length: n }, (_, i) => ({ name: externName(`f${i}`), type: { kind: 'func' as const, index: 1 } }));
    const ok = typesOf(component([{ kind: 'type', types: [record, func] }, { kind: 'import', imports: imports(49) }]));
    expect(ok).toBe('ok');
    const over = typesOf(component([{ kind: 'type', types: [record, func] }, { kind: 'import', imports: imports(51) }]));
    expect((over as Error).message).toBe('effective type size exceeds the limit of 1000000 (in section 1, import)');
  });
});

describe('random type graphs', () => {
  /** A defined type made of earlier types (by index from the end) or `u8`. */
  type Shape = { readonly kind: 'list' | 'option' | 'tuple' | 'record' | 'result'; readonly parts: readonly (number | undefined)[] };
  const partArb = fc.option(fc.nat({ max: 3 }), { nil: undefined, freq: 4 });
  const shapeArb: fc.Arbitrary<Shape> = fc.record({
    kind: fc.constantFrom('list', 'option', 'tuple', 'record', 'result'),
    parts: fc.array(partArb, { minLength: 1, maxLength: 4 }),
  });

  it('rejects a type exactly when its size or depth, computed independently, passes the limit', () => {
    fc.assert(
      fc.property(fc.array(shapeArb, { minLength: 1, maxLength: 160 }), (shapes) => {
        const types: DefinedType[] = [];
        const sizes: number[] = [];
        const depths: number[] = [];
        let expected = 'ok';
        for (const [i, shape] of shapes.entries()) {
          // A part is u8 (undefined) or one of the four types before this one.
          const refs: ValType[] = shape.parts.map((p) => (p === undefined || i - 1 - p < 0 ? 'u8' : i - 1 - p));
          const first = refs[0]!;
          switch (shape.kind) {
            case 'list': types.push({ kind: 'list', element: first }); refs.length = 1; break;
            case 'option': types.push({ kind: 'option', type: first }); refs.length = 1; break;
            case 'tuple': types.push({ kind: 'tuple', types: refs }); break;
            case 'record': types.push({ kind: 'record', fields: refs.map((type, j) => ({ name: `f${j}`, type })) }); break;
            case 'result': types.push({ kind: 'result', ok: first, err: refs[1] }); refs.length = Math.min(refs.length, 2); break;
          }
          const size = 1 + refs.reduce<number>((sum, r) => sum + (typeof r === 'number' ? sizes[r]! : 1), 0);
          const depth = 1 + refs.reduce<number>((d, r) => Math.max(d, typeof r === 'number' ? depths[r]! : 1), 0);
          sizes.push(size);
          depths.push(depth);
          if (expected === 'ok' && size >= 1_000_000) expected = 'effective type size exceeds the limit of 1000000 (in section 0, type)';
          else if (expected === 'ok' && depth > 100) expected = 'type nesting is too deep (in section 0, type)';
          if (expected !== 'ok') break;
        }
        const started = performance.now();
        const result = typesOf(component([{ kind: 'type', types }]));
        expect(performance.now() - started).toBeLessThan(2000);
        expect(result === 'ok' ? 'ok' : (result as Error).message).toBe(expected);
      }),
      { numRuns: 150 },
    );
  });
});

describe('index-space counts', () => {
  it('allows 4,096 instances and rejects more (MAX_WASM_INSTANCES)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 4090, max: 4100 }), (n) => {
        const instances = Array.from({ length: n }, () => ({ kind: 'from-exports' as const, exports: [] }));
        const result = typesOf(component([{ kind: 'instance', instances }]));
        if (n <= 4096) expect(result).toBe('ok');
        else expect((result as Error).message).toBe('instances count exceeds limit of 4096 (in section 0, instance)');
      }),
      { numRuns: 10 },
    );
  });

  it('allows 1,000 modules and components in one binary, itself included (MAX_WASM_MODULES_AND_COMPONENTS)', () => {
    const nested = (n: number): Section[] => Array.from({ length: n }, () => ({ kind: 'component' as const, component: component([]) }));
    expect(typesOf(component(nested(999)))).toBe('ok');
    // The decoder counts them first, at the offset of the 1,001st header...
    expect((typesOf(component(nested(1000))) as Error).message).toMatch(/^modules and components count exceeds limit of 1000 at offset 0x[0-9a-f]+$/);
    // ...and the type view counts them in a model that was never decoded.
    expect(() => componentTypes(component(nested(1000))))
      .toThrow('modules and components count exceeds limit of 1000 (in section 999, component)');
  });
});

describe('decoder vector limits', () => {
  /** A type section with one defined type whose vector has `n` items. */
  const limited: readonly { readonly name: string; readonly max: number; readonly make: (n: number) => DefinedType; readonly message: string }[] = [
    { name: 'record fields', max: 10_000, make: (n) => ({ kind: 'record', fields: Array.from({ length: n }, (_, i) => ({ name: `f${i}`, type: 'u8' as const })) }), message: 'record field size is out of bounds' },
    { name: 'tuple types', max: 10_000, make: (n) => ({ kind: 'tuple', types: Array.from({ length: n }, () => 'u8' as const) }), message: 'tuple types size is out of bounds' },
    { name: 'flag names', max: 1_000, make: (n) => ({ kind: 'flags', names: Array.from({ length: n }, (_, i) => `f${i}`) }), message: 'flag names size is out of bounds' },
    { name: 'enum cases', max: 10_000, make: (n) => ({ kind: 'enum', names: Array.from({ length: n }, (_, i) => `e${i}`) }), message: 'enum cases size is out of bounds' },
  ];
  for (const { name, max, make, message } of limited) {
    it(`reads ${name} up to ${max} and rejects more`, () => {
      fc.assert(
        fc.property(fc.integer({ min: max - 3, max: max + 3 }), (n) => {
          const bytes = encodeComponent(component([{ kind: 'type', types: [make(n)] }]));
          if (n <= max) {
            expect(() => decodeComponent(bytes)).not.toThrow();
          } else {
            expect(() => decodeComponent(bytes)).toThrow(BinaryError);
            expect(() => decodeComponent(bytes)).toThrow(new RegExp(`^${message} at offset 0x[0-9a-f]+$`));
          }
        }),
        { numRuns: 8 },
      );
    });
  }

  it('rejects names longer than 100,000 bytes (MAX_WASM_STRING_SIZE)', () => {
    const exporting = (length: number) => encodeComponent(component([
      { kind: 'type', types: [{ kind: 'primitive', type: 'u8' }] },
      { kind: 'export', exports: [{ name: externName('a'.repeat(length)), sort: 'type', index: 0, type: undefined }] },
    ]));
    expect(() => decodeComponent(exporting(100_000))).not.toThrow();
    expect(() => decodeComponent(exporting(100_001))).toThrow(/^string size out of bounds at offset 0x[0-9a-f]+$/);
  });
});
