/**
 * `plug` end to end: components made from WIT with wasm-tools, composed,
 * encoded, then checked with `wasm-tools validate` and compared, as WIT
 * (`wasm-tools component wit`), with the goldens in `test/golden/`
 * (`BLESS=1` rewrites them).
 */
import { describe, expect, it } from 'vitest';
import { encodeComposition, plug, plugExplicit, type Composition } from '@weld/compose';
import * as f from './fixtures.js';
import { golden, validate, witOf } from './helpers.js';

/** Encodes, validates with wasm-tools, and compares the WIT with a golden. */
function expectOutput(composition: Composition, name: string): void {
  const bytes = encodeComposition(composition);
  expect(validate(bytes)).toBeUndefined();
  const { expected, actual } = golden(`${name}.wit`, witOf(bytes));
  expect(actual).toBe(expected);
}

const users = (c: Composition): Record<string, readonly string[]> => Object.fromEntries(c.importUsers);

describe('plug', () => {
  it('plugs an interface a plug exports into the socket', () => {
    const c = plug(f.app(), [f.calc()]);
    expect(c.graph.instances.map((i) => i.label)).toEqual(['calc', 'app']);
    expect(c.graph.imports.map((i) => i.name)).toEqual(['example:math/types@1.0.0']);
    expect(c.bindings).toContainEqual({ instance: 'app', import: 'example:math/ops@1.0.0', from: 'calc.example:math/ops@1.0.0' });
    expect(users(c)).toEqual({ 'example:math/types@1.0.0': ['app', 'calc'] });
    expect(c.warnings).toEqual([]);
    expectOutput(c, 'basic');
  });

  it('keeps a resource alias (type trailers = fields) an alias in the import type of the result', () => {
    const c = plug(f.aliasApp(), [f.aliasUse()]);
    expect(c.graph.imports.map((i) => i.name)).toEqual(['example:alias/fields@0.1.0']);
    expectOutput(c, 'resource-alias');
  });

  it('accepts a plug that exports more than the socket needs', () => {
    const c = plug(f.app(), [f.bigCalc()]);
    expect(c.unusedExports.get('big-calc.wasm')).toEqual(['example:math/extra@1.0.0']);
    expectOutput(c, 'more-exports');
  });

  it('plugs transitively: socket ← first ← second, in dependency order', () => {
    const c = plug(f.chainApp(), [f.chainSecond(), f.chainFirst()]);
    expect(c.graph.instances.map((i) => i.label)).toEqual(['second', 'first', 'app']);
    expect(users(c)).toEqual({ 'example:chain/sink@0.1.0': ['second'] });
    expectOutput(c, 'chain');
  });

  it('does not instantiate a plug nobody imports from', () => {
    const c = plug(f.chainApp(), [f.chainFirst(), f.sinkPlug()]);
    expect(c.graph.instances.map((i) => i.label)).toEqual(['first', 'app']);
    expect(c.warnings).toEqual([{ kind: 'unused-plug', message: 'sink.wasm was not plugged: it satisfies no import' }]);
    expectOutput(c, 'unused-plug');
  });

  it('follows a resource from the plug that defines it to the socket through another plug', () => {
    const c = plug(f.resApp(), [f.resUse(), f.resTypes()]);
    expect(c.graph.imports).toEqual([]);
    expect(c.bindings).toEqual([
      { instance: 'use', import: 'example:res/types@0.1.0', from: 'types.example:res/types@0.1.0' },
      { instance: 'app', import: 'example:res/types@0.1.0', from: 'types.example:res/types@0.1.0' },
      { instance: 'app', import: 'example:res/consumer@0.1.0', from: 'use.example:res/consumer@0.1.0' },
    ]);
    expectOutput(c, 'resource');
  });

  it('merges semver-compatible imports into the highest version and keeps other tracks apart', () => {
    const c = plug(f.clockApp(), [f.clockOld(), f.clockNew(), f.clockOne()]);
    expect(users(c)).toEqual({
      'example:clock/types@0.2.12': ['old', 'new'],
      'example:clock/wall@0.2.12': ['old', 'new'],
      'example:clock/types@1.0.0': ['one'],
      'example:clock/wall@1.0.0': ['one'],
    });
    expectOutput(c, 'merge-versions');
  });

  it('plugs an import with a semver-compatible newer export', () => {
    const c = plug(f.clockOld(), [f.clockProvider()]);
    expect(c.bindings).toContainEqual({ instance: 'old', import: 'example:clock/wall@0.2.3', from: 'clock.example:clock/wall@0.2.12' });
    expect(Object.fromEntries(c.importUsers)).toEqual({ 'example:clock/types@0.2.12': ['old', 'clock'] });
    expectOutput(c, 'semver-plug');
  });

  it('merges jco WASI 0.2.10 and 0.2.12 imports into 0.2.12', () => {
    const c = plug(f.wasiApp(), [f.wasiOld(), f.wasiNew()]);
    expect(c.graph.imports.map((i) => i.name)).toEqual([
      'wasi:clocks/wall-clock@0.2.12', 'wasi:io/error@0.2.12', 'wasi:io/poll@0.2.12', 'wasi:io/streams@0.2.12',
    ]);
    expect(users(c)['wasi:io/streams@0.2.12']).toEqual(['old', 'new']);
    expectOutput(c, 'wasi-merge');
  });

  it('merges interface by interface: an older interface may use a newer one', () => {
    const c = plug(f.wasiApp(), [f.wasiOld(), f.wasiNewPoll()]);
    expect(c.graph.imports.map((i) => i.name)).toEqual([
      'wasi:clocks/wall-clock@0.2.12', 'wasi:io/error@0.2.10', 'wasi:io/poll@0.2.12', 'wasi:io/streams@0.2.10',
    ]);
    expectOutput(c, 'wasi-mixed');
  });
});

describe('plugExplicit', () => {
  it('wires the named import to the named export, or to the first compatible one', () => {
    const named = plugExplicit(f.app(), f.bigCalc(), 'example:math/ops@1.0.0', 'example:math/ops@1.0.0');
    expect(named.bindings).toContainEqual({ instance: 'app', import: 'example:math/ops@1.0.0', from: 'big-calc.example:math/ops@1.0.0' });
    expect(named.unusedExports.get('big-calc.wasm')).toEqual(['example:math/extra@1.0.0']);
    const found = plugExplicit(f.app(), f.calc(), 'example:math/ops@1.0.0');
    expect(found.bindings).toContainEqual({ instance: 'app', import: 'example:math/ops@1.0.0', from: 'calc.example:math/ops@1.0.0' });
    expect(found.unusedExports.size).toBe(0);
    expect(validate(encodeComposition(found))).toBeUndefined();
  });

  it('names what there is when the import or a fitting export is missing', () => {
    expect(() => plugExplicit(f.app(), f.calc(), 'example:math/nope@1.0.0')).toThrow(expect.objectContaining({
      kind: 'not-found',
      message: 'app.wasm has no import named example:math/nope@1.0.0',
      details: ['its imports: example:math/types@1.0.0, example:math/ops@1.0.0'],
    }));
    expect(() => plugExplicit(f.app(), f.unrelated(), 'example:math/ops@1.0.0')).toThrow(
      'unrelated.wasm exports nothing that fits example:math/ops@1.0.0',
    );
  });
});

describe('plug with a real component', () => {
  it('plugs the rust-calc fixture and a logger, merging WASI 0.2.10 into 0.2.12', () => {
    const c = plug(f.calcUser(), [f.rustCalc(), f.calcLogger()]);
    expect(c.graph.instances.map((i) => i.label)).toEqual(['logger', 'rust-calc', 'user']);
    expect(Object.fromEntries(c.importUsers)['wasi:io/streams@0.2.12']).toEqual(['rust-calc', 'logger']);
    // rust-calc declares only the parts of wasi:io it uses; the merged imports are the union.
    expect(c.graph.imports.filter((i) => i.name.startsWith('wasi:io/')).map((i) => i.name)).toEqual([
      'wasi:io/error@0.2.12', 'wasi:io/poll@0.2.10', 'wasi:io/streams@0.2.12',
    ]);
    expectOutput(c, 'rust-calc');
  });

  it('plugs a componentize-js socket (ts-app fixture), merging its WASI with the older WASI of a plug', () => {
    const c = plug(f.tsApp(), [f.kvPlug()]);
    expect(c.graph.instances.map((i) => i.label)).toEqual(['kv', 'ts-app']);
    expect(Object.fromEntries(c.importUsers)['wasi:clocks/monotonic-clock@0.2.12']).toEqual(['ts-app', 'kv']);
    expect(c.graph.imports.some((i) => i.name.includes('0.2.10'))).toBe(false);
    expectOutput(c, 'ts-app');
  });
});
