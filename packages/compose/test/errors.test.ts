/** What `plug` refuses, with the exact messages. */
import { describe, expect, it } from 'vitest';
import { ComposeError, plug, type ComposeInput } from '@weld/compose';
import * as f from './fixtures.js';

function failure(socket: ComposeInput, plugs: ComposeInput[]): ComposeError {
  try {
    plug(socket, plugs);
  } catch (e) {
    if (e instanceof ComposeError) return e;
    throw e;
  }
  throw new Error('expected plug to fail');
}

describe('plug errors', () => {
  it('refuses to import an interface that uses resources of a plugged one', () => {
    const e = failure(f.resApp(), [f.resTypes()]);
    expect(e.kind).toBe('invalid-input');
    expect(e.message).toBe(
      'the result cannot import example:res/consumer@0.1.0: it uses resources of example:res/types@0.1.0, which is plugged rather than imported; plug example:res/consumer@0.1.0 as well, or leave example:res/types@0.1.0 unplugged',
    );
  });

  it('names the parameter whose type differs', () => {
    const e = failure(f.app(), [f.badParam()]);
    expect(e.kind).toBe('type-mismatch');
    expect(e.message).toBe(
      "cannot plug app.wasm's import example:math/ops@1.0.0 with bad-param.wasm's export: example:math/ops.add: parameter b: expected s32, found string",
    );
    // The path of the difference is in the message only: the CLI prints details too.
    expect(e.details).toEqual([]);
  });

  it('names a missing function', () => {
    const e = failure(f.app(), [f.missingFunc()]);
    expect(e.kind).toBe('type-mismatch');
    expect(e.message).toBe(
      "cannot plug app.wasm's import example:math/ops@1.0.0 with missing.wasm's export: example:math/ops: missing function `make`",
    );
  });

  it('tells sync from async', () => {
    const e = failure(f.app(), [f.asyncAdd()]);
    expect(e.kind).toBe('type-mismatch');
    expect(e.message).toBe(
      "cannot plug app.wasm's import example:math/ops@1.0.0 with async.wasm's export: example:math/ops.add: expected a sync function, found an async one",
    );
  });

  it('compares resources by identity, not by name', () => {
    // app's types come from types.wasm; both.wasm's consumer uses its own `r`.
    const e = failure(f.resApp(), [f.resTypes(), f.resBoth()]);
    expect(e.kind).toBe('type-mismatch');
    expect(e.message).toBe(
      "cannot plug app.wasm's import example:res/consumer@0.1.0 with both.wasm's export: example:res/consumer.r: expected resource `r` defined by types.wasm, found resource `r` defined by both.wasm",
    );
  });

  it('names a cycle among plugs', () => {
    const e = failure(f.chainApp(), [f.loopA(), f.loopB()]);
    expect(e.kind).toBe('cycle');
    expect(e.message).toBe('the components depend on each other in a cycle: a.wasm → b.wasm → a.wasm');
    expect(e.details).toEqual([]);
  });

  it('refuses when no plug satisfies anything', () => {
    const e = failure(f.chainApp(), [f.unrelated()]);
    expect(e.kind).toBe('nothing-plugged');
    expect(e.message).toBe('no plug satisfies any import of app.wasm');
    expect(e.details).toEqual([
      'app.wasm imports: example:chain/a@0.1.0',
      'unrelated.wasm exports: example:chain/unrelated@0.1.0',
    ]);
  });

  it('warns about a plug that satisfies nothing when others do', () => {
    const c = plug(f.chainApp(), [f.chainFirst(), f.unrelated()]);
    expect(c.warnings).toEqual([{ kind: 'unused-plug', message: 'unrelated.wasm was not plugged: it satisfies no import' }]);
    expect(c.unusedExports.get('unrelated.wasm')).toEqual(['example:chain/unrelated@0.1.0']);
  });

  it('refuses an input that is not a component', () => {
    const e = failure({ name: 'junk.wasm', bytes: new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]) }, [f.calc()]);
    expect(e.kind).toBe('invalid-input');
    expect(e.message).toBe('junk.wasm is not a WebAssembly component');
  });
});
