/** The explicit builder: named instances, the same definition twice, hand-set arguments. */
import { describe, expect, it } from 'vitest';
import { ComposeError, CompositionBuilder, encodeComposition } from '@weld/compose';
import * as f from './fixtures.js';
import { golden, validate, witOf } from './helpers.js';

describe('CompositionBuilder', () => {
  it('instantiates one definition twice and wires it by hand', () => {
    const b = new CompositionBuilder();
    const calc = b.addDefinition(f.calc());
    const app = b.addDefinition(f.app());
    const first = b.instantiate(calc);
    const second = b.instantiate(calc);
    const main = b.instantiate(app, 'main');
    expect([b.label(first), b.label(second), b.label(main)]).toEqual(['calc', 'calc-2', 'main']);
    b.setArgument(main, 'example:math/ops@1.0.0', { kind: 'instance-export', instance: second, name: 'example:math/ops@1.0.0' });
    b.export('example:math/ops@1.0.0', { kind: 'instance-export', instance: first, name: 'example:math/ops@1.0.0' });
    b.export('run', { kind: 'instance-export', instance: main, name: 'run' });
    const c = b.build();
    expect(c.graph.instances.map((i) => i.label)).toEqual(['calc', 'calc-2', 'main']);
    expect(Object.fromEntries(c.importUsers)).toEqual({ 'example:math/types@1.0.0': ['calc', 'calc-2', 'main'] });
    const bytes = encodeComposition(c);
    expect(validate(bytes)).toBeUndefined();
    const { expected, actual } = golden('builder-twice.wit', witOf(bytes));
    expect(actual).toBe(expected);
  });

  it('takes an explicit import of the result', () => {
    const b = new CompositionBuilder();
    const calc = b.addDefinition(f.calc());
    const inst = b.instantiate(calc);
    const types = b.addImport('example:math/types@1.0.0', { def: calc, importName: 'example:math/types@1.0.0' });
    b.setArgument(inst, 'example:math/types@1.0.0', { kind: 'import', import: types });
    b.export('ops', { kind: 'instance-export', instance: inst, name: 'example:math/ops@1.0.0' });
    const c = b.build();
    expect(c.bindings).toEqual([{ instance: 'calc', import: 'example:math/types@1.0.0', from: 'import example:math/types@1.0.0' }]);
    expect(validate(encodeComposition(c))).toBeUndefined();
  });

  it('refuses unknown names and repeated arguments', () => {
    const b = new CompositionBuilder();
    const inst = b.instantiate(b.addDefinition(f.app()));
    const calc = b.instantiate(b.addDefinition(f.calc()));
    const source = { kind: 'instance-export', instance: calc, name: 'example:math/ops@1.0.0' } as const;
    expect(() => b.setArgument(inst, 'nope', source)).toThrow(ComposeError);
    expect(() => b.setArgument(inst, 'example:math/ops@1.0.0', { ...source, name: 'nope' })).toThrow(
      'calc (calc.wasm) has no export named nope',
    );
    b.setArgument(inst, 'example:math/ops@1.0.0', source);
    expect(() => b.setArgument(inst, 'example:math/ops@1.0.0', source)).toThrow("app's import example:math/ops@1.0.0 is set twice");
    expect(() => b.instantiate(0, 'calc')).toThrow('there is already an instance named calc');
  });

  it('names a cycle by instance labels when a definition is instantiated twice', () => {
    const b = new CompositionBuilder();
    const a = b.addDefinition(f.loopA());
    const bb = b.addDefinition(f.loopB());
    const a1 = b.instantiate(a);
    b.instantiate(a);
    const b1 = b.instantiate(bb);
    b.setArgument(a1, 'example:chain/b@0.1.0', { kind: 'instance-export', instance: b1, name: 'example:chain/b@0.1.0' });
    b.setArgument(b1, 'example:chain/a@0.1.0', { kind: 'instance-export', instance: a1, name: 'example:chain/a@0.1.0' });
    expect(() => b.build()).toThrow('the components depend on each other in a cycle: a → b.wasm → a');
  });
});
