/**
 * The resolver's start: `let`/`new` with named, inferred and `...`
 * arguments and `export x.y` build a composition of the demo's calc and
 * format components that encodes and validates, with wac's world; its
 * errors are located in the WAC text with wac's messages.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeComposition } from '@weld/compose';
import { parseWac, resolveWac, WacError, type PackageLookup, type WacPackage } from '@weld/wac';
import { loadWitText } from '@weld/wit';
import { wasmToolsPath } from '../../../test/support/wasm-tools.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const component = (name: string): WacPackage => ({
  kind: 'component', input: { name: `${name}.wasm`, bytes: new Uint8Array(readFileSync(join(root, 'components', 'prebuilt', `${name}.wasm`))) },
});
const calcWit = loadWitText('calc.wit', readFileSync(join(root, 'wit', 'calc.wit'), 'utf8')).resolve;
const lookup: PackageLookup = (name) => {
  if (name === 'weld:demo') return { kind: 'wit', resolve: calcWit };
  return name === 'weld:calc' ? component('calc') : name === 'weld:format' ? component('format') : undefined;
};
const scratch = mkdtempSync(join(tmpdir(), 'weld-wac-resolve-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function compose(text: string) {
  return resolveWac(parseWac(text, 'app.wac'), text, 'app.wac', { lookup });
}

/** The error `text` fails with, as `line:col: message`. */
async function failure(text: string): Promise<string> {
  try {
    await compose(text);
  } catch (error) {
    if (!(error instanceof WacError)) throw error;
    return `${error.location.line}:${error.location.column}: ${error.message}`;
  }
  throw new Error('expected a WacError');
}

describe('resolveWac', () => {
  it('plugs calc into format by interface names and exports format, leaving WASI to the host', async () => {
    const text = `package weld:app;
let calc = new weld:calc {};
let format = new weld:format { calc: calc.calc, ... };
export format.format;
`;
    const composition = await compose(text);
    expect(composition.graph.instances.map((i) => i.label)).toEqual(['calc', 'format']);
    expect(composition.graph.instances[1]!.args.get('weld:demo/calc@0.1.0')).toEqual({ kind: 'instance-export', instance: 0, name: 'weld:demo/calc@0.1.0' });
    const out = join(scratch, 'app.wasm');
    writeFileSync(out, encodeComposition(composition));
    execFileSync(wasmToolsPath(), ['validate', out]);
    const wit = execFileSync(wasmToolsPath(), ['component', 'wit', out], { encoding: 'utf8' });
    expect(wit).toContain('export weld:demo/format@0.1.0;');
    expect(wit).not.toContain('import weld:demo/calc@0.1.0;');
    expect(wit).toContain('import wasi:cli/stdout@0.2.12;');
  });

  it('takes an inferred argument, a string name and `as`', async () => {
    const text = `package weld:app;
let calc = new weld:calc {}["weld:demo/calc@0.1.0"];
let format = new weld:format { calc, ... };
export format["weld:demo/format@0.1.0"] as "my:app/format";
`;
    const composition = await compose(text);
    expect(composition.graph.exports.map((e) => e.name)).toContain('my:app/format');
  });

  it.each([
    ['package weld:app;\nlet x = new weld:nope {};\n', '2:13: unknown package `weld:nope`'],
    ['package weld:app;\nlet x = new weld:app {};\n', '2:13: unknown package `weld:app`'],
    ['package weld:app;\nexport y.z;\n', '2:8: undefined name `y`'],
    ['package weld:app;\nlet c = new weld:calc {};\nexport c.nope;\n', '3:9: the instance has no export named `nope`'],
    ['package weld:app;\nlet c = new weld:calc {};\nlet c = new weld:calc {};\n', '3:5: `c` is already defined'],
    ['package weld:app;\nlet f = new weld:format {};\n', '2:13: missing instantiation argument `weld:demo/calc@0.1.0` for package `weld:format`'],
    ['package weld:app;\nlet c = new weld:calc {};\nlet f = new weld:format { x: c.calc, ... };\n', '3:27: component `weld:format` has no import named `x`'],
    ['package weld:app;\nlet c = new weld:calc {};\nlet f = new weld:format { calc: c.calc, calc: c.calc, ... };\n', '3:41: duplicate instantiation argument `weld:demo/calc@0.1.0`'],
    ['package weld:app;\nlet c = new weld:calc {};\nlet f = new weld:format { ..., calc: c.calc };\n', '3:27: implicit import argument `...` must be the last argument'],
    ['package weld:app;\nlet c = new weld:calc {};\nexport c.calc;\nexport c.calc;\n', '4:8: duplicate export `weld:demo/calc@0.1.0`'],
    ['package weld:app;\nlet c = new weld:calc {};\nexport c;\n', '3:8: exporting a whole instance is not supported yet'],
    ['package weld:app;\nlet c = new weld:calc {};\nlet f = new weld:format { ...c, ...c, ... };\n', '3:36: the instance has no matching exports for the remaining unsatisfied arguments'],
    ['package weld:app;\nlet c = new weld:calc {};\nexport c...;\nexport c...;\n', '4:8: instance has no exports or all exports of the instance match previously exported names'],
    ['package weld:app;\nlet c = new weld:calc {};\nexport c.calc.x;\n', '3:8: an access operation on an instance exported by another instance is not supported yet'],
    ['package weld:app;\nimport i: a:b/c;\n', '2:11: unknown package `a:b`'],
    ['package weld:app;\nimport i: weld:demo/nope@0.1.0;\n', '2:11: package `weld:demo` has no export named `nope`'],
    ['package weld:app;\nimport i: weld:demo/calc@0.1.0;\nimport j: weld:demo/calc@0.1.0;\n', '3:11: duplicate import `weld:demo/calc@0.1.0`'],
    ['package weld:app;\nimport i: func();\n', '2:8: importing a function is not supported yet'],
    ['package weld:app;\nlet x = new weld:demo {};\n', '2:13: package `weld:demo` is WIT, not a component, and cannot be instantiated'],
    ['package weld:app targets a:b/w;\n', '1:26: `targets` is not supported yet'],
  ])('refuses %j', async (text, expected) => {
    expect(await failure(text)).toBe(expected);
  });

  it('spreads an instance into the arguments and another into the exports, as wac does', async () => {
    const text = `package weld:app;
let calc = new weld:calc {};
let format = new weld:format { ...calc, ... };
export format...;
`;
    const composition = await compose(text);
    expect(composition.graph.instances[1]!.args.get('weld:demo/calc@0.1.0')).toEqual({ kind: 'instance-export', instance: 0, name: 'weld:demo/calc@0.1.0' });
    expect(composition.graph.exports.map((e) => e.name)).toContain('weld:demo/format@0.1.0');
  });

  it('imports an interface of a WIT package and passes it on by its inferred name', async () => {
    const text = `package weld:app;
import calc: weld:demo/calc@0.1.0;
let format = new weld:format { calc, ... };
export format.format;
`;
    const composition = await compose(text);
    expect(composition.graph.instances[0]!.args.get('weld:demo/calc@0.1.0')?.kind).toBe('import');
    const out = join(scratch, 'imported.wasm');
    writeFileSync(out, encodeComposition(composition));
    execFileSync(wasmToolsPath(), ['validate', out]);
    const wit = execFileSync(wasmToolsPath(), ['component', 'wit', out], { encoding: 'utf8' });
    expect(wit).toContain('import weld:demo/calc@0.1.0;');
    expect(wit).toContain('export weld:demo/format@0.1.0;');
  });

  it('locates a type mismatch at the argument', async () => {
    const text = 'package weld:app;\nlet c = new weld:calc {};\nlet f = new weld:format { "wasi:cli/stdout@0.2.12": c.calc, ... };\n';
    expect(await failure(text)).toMatch(/^3:27: mismatched instantiation argument `wasi:cli\/stdout@0.2.12`: /);
  });
});
