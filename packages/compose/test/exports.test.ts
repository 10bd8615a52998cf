/**
 * Exports that use types of a plugged interface: the result exports that
 * interface too (the component model wants exported instance types to refer
 * to imported or exported types only), and when it cannot, composition fails
 * naming the type and the export — both in the graph and in the encoder's
 * own check of what it wrote.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ComposeError, CompositionBuilder, encodeComposition, plug, type ComposeInput } from '@weld/compose';
import { repoRoot, validate } from './helpers.js';
import { wasmToolsMissing } from '../../../test/support/wasm-tools.js';

const prebuilt = (name: string): ComposeInput => ({
  name: `${name}.wasm`,
  bytes: readFileSync(join(repoRoot, 'components', 'prebuilt', `${name}.wasm`)),
});
const CALC = 'weld:demo/calc@0.1.0';
const FORMAT = 'weld:demo/format@0.1.0';

function thrown(step: () => unknown): ComposeError {
  try {
    step();
  } catch (e) {
    if (e instanceof ComposeError) return e;
    throw e;
  }
  throw new Error('expected a ComposeError');
}

describe('exports whose types come from a plug', () => {
  it('exports the interface the types come from, before the export that uses them', () => {
    const composition = plug(prebuilt('format'), [prebuilt('calc')]);
    expect(composition.graph.exports.map((e) => e.name)).toEqual([CALC, FORMAT]);
    const bytes = encodeComposition(composition);
    const missing = wasmToolsMissing();
    if (missing === undefined) expect(validate(bytes)).toBeUndefined();
    else console.warn(`skipping wasm-tools validate: ${missing}`);
  });

  it('fails naming the type and the export when that interface\'s name is taken', () => {
    const b = new CompositionBuilder();
    const calc = b.addDefinition(prebuilt('calc'));
    const format = b.instantiate(b.addDefinition(prebuilt('format')));
    const used = b.instantiate(calc);
    const other = b.instantiate(calc);
    b.setArgument(format, CALC, { kind: 'instance-export', instance: used, name: CALC });
    b.export(CALC, { kind: 'instance-export', instance: other, name: CALC });
    b.export(FORMAT, { kind: 'instance-export', instance: format, name: FORMAT });
    const e = thrown(() => b.build());
    expect(e.kind).toBe('internal-type');
    expect(e.message).toBe(
      `the export ${FORMAT} uses the type \`op\` of calc's ${CALC}, which cannot be exported as well: the result already exports another ${CALC}`,
    );
  });

  it('never encodes a graph whose export refers to an internal type', () => {
    const { graph } = plug(prebuilt('format'), [prebuilt('calc')]);
    const e = thrown(() => encodeComposition({ ...graph, exports: graph.exports.filter((x) => x.name === FORMAT) }));
    expect(e.kind).toBe('internal-type');
    expect(e.message).toBe(`the export ${FORMAT} refers to the type \`op\` (in expr), which the result neither imports nor exports`);
  });
});
