/**
 * The validator's limits (wasmparser's limits.rs) on the result: a
 * composition over one is `too-large` before anything is written, and one
 * at the limit is still valid. Building many instances stays linear.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ComposeError, CompositionBuilder, encodeComposition, type ComposeInput } from '@weld/compose';
import * as f from './fixtures.js';
import { componentFromWit, repoRoot, validate } from './helpers.js';
import { wasmToolsMissing } from '../../../test/support/wasm-tools.js';

const calc = (): ComposeInput => ({ name: 'calc.wasm', bytes: readFileSync(join(repoRoot, 'components', 'prebuilt', 'calc.wasm')) });
const CALC = 'weld:demo/calc@0.1.0';

/** `count` instances of calc, the first one's export exported: `count + 2` instances in the result's index space (the export's alias, and the exported instance). */
function manyCalcs(count: number): CompositionBuilder {
  const b = new CompositionBuilder();
  const def = b.addDefinition(calc());
  for (let i = 0; i < count; i++) b.instantiate(def);
  b.export(CALC, { kind: 'instance-export', instance: 0, name: CALC });
  return b;
}

describe('limits of the result', () => {
  it('refuses more than 1,000 instances in one component, naming the count', () => {
    let error: unknown;
    try {
      encodeComposition(manyCalcs(999).build());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ComposeError);
    expect((error as ComposeError).kind).toBe('too-large');
    expect((error as ComposeError).message).toBe('the composed component would have 1,001 instances; the validator allows at most 1,000');
  });

  it('accepts exactly 1,000', () => {
    const bytes = encodeComposition(manyCalcs(998).build());
    const missing = wasmToolsMissing();
    if (missing === undefined) expect(validate(bytes)).toBeUndefined();
    else console.warn(`skipping wasm-tools validate: ${missing}`);
  });

  it('labels, builds and encodes 20,000 instances in linear time', () => {
    const started = performance.now();
    const b = manyCalcs(20_000);
    expect(b.label(19_999)).toBe('calc-20000');
    encodeComposition(b.build(), { validate: false });
    // Was cubic in the labels: 4,000 instances took two minutes.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe('many instances sharing imports', () => {
  it('merges the imports of 20,000 instances in linear time', () => {
    const started = performance.now();
    const b = new CompositionBuilder();
    const def = b.addDefinition({ name: 'format.wasm', bytes: readFileSync(join(repoRoot, 'components', 'prebuilt', 'format.wasm')) });
    for (let i = 0; i < 20_000; i++) b.instantiate(def);
    const c = b.build();
    expect(c.importUsers.get('wasi:io/streams@0.2.12')).toHaveLength(20_000);
    // Listing each import's users was quadratic (a list search per instance).
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});

describe('deep graphs', () => {
  it('orders a chain of 20,000 instances without running out of stack', () => {
    // a (exports a, imports b) ← b (exports b, imports a) ← a ← …: each instance takes the next one's export.
    const b = new CompositionBuilder();
    const defs = [b.addDefinition(f.loopA()), b.addDefinition(f.loopB())];
    const wants = ['example:chain/b@0.1.0', 'example:chain/a@0.1.0'];
    const ids = Array.from({ length: 20_000 }, (_, i) => b.instantiate(defs[i % 2]!));
    for (let i = 0; i + 1 < ids.length; i++) {
      b.setArgument(ids[i]!, wants[i % 2]!, { kind: 'instance-export', instance: ids[i + 1]!, name: wants[i % 2]! });
    }
    const { graph } = b.build({ typecheck: false });
    expect(graph.instances[0]!.label).toBe(b.label(ids.at(-1)!));
    expect(graph.instances.at(-1)!.label).toBe('a');
  });
});

describe('embedding', () => {
  it('embeds one file given under two names once', () => {
    const b = new CompositionBuilder();
    const first = b.instantiate(b.addDefinition(calc()));
    b.instantiate(b.addDefinition({ ...calc(), name: 'calc-copy.wasm' }));
    b.export(CALC, { kind: 'instance-export', instance: first, name: CALC });
    const bytes = encodeComposition(b.build());
    expect(bytes.length).toBeLessThan(calc().bytes.length * 1.5);
    const missing = wasmToolsMissing();
    if (missing === undefined) expect(validate(bytes)).toBeUndefined();
    else console.warn(`skipping wasm-tools validate: ${missing}`);
  });
});

describe('effective type size', () => {
  // One function taking 17 nested `tuple<T, T>`: a type of size 262,143 in a component that is valid alone.
  let nested = 'u8';
  for (let i = 0; i < 17; i++) nested = `tuple<${nested}, ${nested}>`;
  const big = (): ComposeInput =>
    componentFromWit('big.wasm', { text: `package ex:big@0.1.0;\ninterface i { f: func(x: ${nested}); }\nworld w { export i; }\n` }, 'w');
  const exporting = (count: number): CompositionBuilder => {
    const b = new CompositionBuilder();
    const def = b.addDefinition(big());
    for (let i = 0; i < count; i++) {
      b.export(i === 0 ? 'ex:big/i@0.1.0' : `copy${i}`, { kind: 'instance-export', instance: b.instantiate(def), name: 'ex:big/i@0.1.0' });
    }
    return b;
  };

  it('refuses a result whose own type adds up to the limit, though each input is below it', () => {
    let error: unknown;
    try {
      encodeComposition(exporting(4).build());
    } catch (e) {
      error = e;
    }
    expect((error as ComposeError).kind).toBe('too-large');
    expect((error as ComposeError).message).toBe(
      "the composed component's type would have an effective size of 1,048,581; the validator allows less than 1,000,000",
    );
  });

  it('accepts one below it', () => {
    const bytes = encodeComposition(exporting(3).build());
    const missing = wasmToolsMissing();
    if (missing === undefined) expect(validate(bytes)).toBeUndefined();
    else console.warn(`skipping wasm-tools validate: ${missing}`);
  });
});
