/**
 * The demo components (components/*, built from the repository's wit/ by
 * @weld/build as fixtures demo-calc, demo-format and demo-app): calc-rust and format-go run
 * alone under jco with real answers; app-ts runs composed with both by
 * `@weld/compose`, as a command.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeComposition, plug } from '@weld/compose';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, thrown } from './support/demo.js';
import { runCli, runComponent } from './support/run-component.js';
import { demoStdout } from './support/demo.js';


/** The `err` payload of a call that returned `result::err`. */
const errOf = (fn: () => unknown): unknown => (thrown(fn) as { payload: unknown }).payload;

// The types of weld:demo/calc and weld:demo/format as jco presents them.
type Op = 'add' | 'sub' | 'mul' | 'div';
interface Expr {
  op: Op;
  lhs: number;
  rhs: number;
}
type CalcError =
  | { tag: 'division-by-zero' }
  | { tag: 'not-finite'; val: number }
  | { tag: 'syntax'; val: [number, string] };
interface Accumulator {
  apply(op: Op, operand: number): number;
  total(): number;
  history(): Expr[];
  [Symbol.dispose](): void;
}
interface Calc {
  calc: {
    Accumulator: new (initial: number) => Accumulator;
    parse(text: string): Expr;
    eval(expression: Expr): number;
  };
}
interface Notation {
  showSign?: boolean;
  scientific?: boolean;
}
interface Style {
  precision?: number | undefined;
  groupSeparator?: string | undefined;
  notation: Notation;
}
interface Format {
  format: {
    symbol(op: Op): string;
    number(value: number, style: Style): string;
    equation(expression: Expr, value: number, style: Style): string;
    describeError(error: CalcError): string;
  };
}

/** The world of a fixture as `wasm-tools component wit` printed it (saved by the builder as out/NAME.wit). */
function worldOf(name: string): { imports: string[]; exports: string[]; wit: string } {
  const wit = readFileSync(fileURLToPath(new URL(`./fixtures/out/${name}.wit`, import.meta.url)), 'utf8');
  const world = /^world root \{\n([\s\S]*?)^\}/m.exec(wit)?.[1] ?? '';
  const items = (kind: string) => [...world.matchAll(new RegExp(`^  ${kind} ([^;]+);`, 'gm'))].map((m) => m[1]!);
  return { imports: items('import'), exports: items('export'), wit };
}

describe('demo components declare the worlds of wit/', () => {
  it('calc exports weld:demo/calc and imports nothing', () => {
    expect(worldOf('demo-calc')).toMatchObject({ imports: [], exports: ['weld:demo/calc@0.1.0'] });
  });

  it('format imports calc for its types only and exports weld:demo/format', () => {
    const { imports, exports, wit } = worldOf('demo-format');
    expect(imports).toContain('weld:demo/calc@0.1.0');
    expect(imports.filter((i) => !i.startsWith('wasi:'))).toEqual(['weld:demo/calc@0.1.0']);
    expect(exports).toEqual(['weld:demo/format@0.1.0']);
    const calc = /^  interface calc \{\n([\s\S]*?)^  \}/m.exec(wit)?.[1];
    expect(calc).toContain('variant calc-error');
    expect(calc).not.toMatch(/func\(|resource/);
  });

  it('app imports calc, format and WASI and exports wasi:cli/run and wasi:http/incoming-handler', () => {
    const { imports, exports } = worldOf('demo-app');
    expect(imports.filter((i) => !i.startsWith('wasi:'))).toEqual(['weld:demo/calc@0.1.0', 'weld:demo/format@0.1.0']);
    expect(imports).toEqual(expect.arrayContaining(['wasi:cli/environment@0.2.12', 'wasi:cli/stdout@0.2.12', 'wasi:http/types@0.2.12']));
    expect(exports).toEqual(['wasi:cli/run@0.2.12', 'wasi:http/incoming-handler@0.2.12']);
  });
});

// ---------------------------------------------------------------------------
// calc-rust

describe('demo-calc (Rust)', () => {
  let calc: Calc['calc'];

  beforeAll(async () => {
    calc = (await runComponent<Calc>(fixture('demo-calc'))).exports.calc;
  });

  it('parses expressions', () => {
    expect(calc.parse('1.5 * 4')).toEqual({ op: 'mul', lhs: 1.5, rhs: 4 });
    expect(calc.parse('10 / 0')).toEqual({ op: 'div', lhs: 10, rhs: 0 });
    expect(calc.parse('  -2.5e3+.5 ')).toEqual({ op: 'add', lhs: -2500, rhs: 0.5 });
    expect(calc.parse('1 - -2')).toEqual({ op: 'sub', lhs: 1, rhs: -2 });
    expect(calc.parse('7−3')).toEqual({ op: 'sub', lhs: 7, rhs: 3 });
    expect(calc.parse('6 × 7')).toEqual({ op: 'mul', lhs: 6, rhs: 7 });
  });

  it('reports syntax errors with the byte offset', () => {
    expect(errOf(() => calc.parse(''))).toEqual({ tag: 'syntax', val: [0, 'expected a number, found the end of the text'] });
    expect(errOf(() => calc.parse('1.5 ^ 4'))).toEqual({
      tag: 'syntax',
      val: [4, 'expected an operator (+, -, *, /), found `^`'],
    });
    expect(errOf(() => calc.parse('1 +'))).toEqual({
      tag: 'syntax',
      val: [3, 'expected a number after the operator, found the end of the text'],
    });
    expect(errOf(() => calc.parse('1 + 2 3'))).toEqual({ tag: 'syntax', val: [6, 'unexpected `3` after the expression'] });
    expect(errOf(() => calc.parse('2e+ * 1'))).toEqual({ tag: 'syntax', val: [3, 'expected digits in the exponent'] });
    // Offsets count bytes: `×` is two.
    expect(errOf(() => calc.parse('× 2'))).toEqual({ tag: 'syntax', val: [0, 'expected a number, found `×`'] });
    expect(errOf(() => calc.parse('6 × x'))).toEqual({
      tag: 'syntax',
      val: [5, 'expected a number after the operator, found `x`'],
    });
  });

  it('evaluates', () => {
    expect(calc.eval({ op: 'mul', lhs: 1.5, rhs: 4 })).toBe(6);
    expect(calc.eval({ op: 'div', lhs: 10, rhs: 4 })).toBe(2.5);
    expect(calc.eval({ op: 'add', lhs: 0.1, rhs: 0.2 })).toBe(0.1 + 0.2);
    expect(calc.eval({ op: 'sub', lhs: 1, rhs: 3 })).toBe(-2);
    expect(calc.eval(calc.parse('-9 / 3'))).toBe(-3);
  });

  it('fails evaluation with division-by-zero and not-finite', () => {
    expect(errOf(() => calc.eval({ op: 'div', lhs: 10, rhs: 0 }))).toEqual({ tag: 'division-by-zero' });
    expect(errOf(() => calc.eval({ op: 'div', lhs: 0, rhs: -0 }))).toEqual({ tag: 'division-by-zero' });
    expect(errOf(() => calc.eval({ op: 'mul', lhs: 1e308, rhs: 10 }))).toEqual({ tag: 'not-finite', val: Infinity });
    expect(errOf(() => calc.eval({ op: 'add', lhs: NaN, rhs: 1 }))).toMatchObject({ tag: 'not-finite', val: NaN });
    expect(errOf(() => calc.eval(calc.parse('1e999 - 1')))).toEqual({ tag: 'not-finite', val: Infinity });
  });

  it('accumulates, with history, and leaves the total alone on error', () => {
    const acc = new calc.Accumulator(10);
    expect(acc.total()).toBe(10);
    expect(acc.history()).toEqual([]);
    expect(acc.apply('add', 5)).toBe(15);
    expect(acc.apply('mul', 2)).toBe(30);
    expect(errOf(() => acc.apply('div', 0))).toEqual({ tag: 'division-by-zero' });
    expect(errOf(() => acc.apply('mul', Infinity))).toEqual({ tag: 'not-finite', val: Infinity });
    expect(acc.total()).toBe(30);
    expect(acc.apply('div', 4)).toBe(7.5);
    expect(acc.history()).toEqual([
      { op: 'add', lhs: 10, rhs: 5 },
      { op: 'mul', lhs: 15, rhs: 2 },
      { op: 'div', lhs: 30, rhs: 4 },
    ]);
    const other = new calc.Accumulator(-1);
    other.apply('sub', 1);
    expect(other.total()).toBe(-2);
    expect(acc.total()).toBe(7.5);
    other[Symbol.dispose]();
    expect(() => other.total()).toThrow(/resource/i);
    expect(acc.total()).toBe(7.5);
  });

  it('keeps working over many calls that allocate and free (error strings, history lists, dropped resources)', () => {
    const acc = new calc.Accumulator(0);
    for (let i = 0; i < 2000; i++) {
      expect(errOf(() => calc.parse(`${i} ? ${'x'.repeat(1000)}`))).toMatchObject({ tag: 'syntax' });
      acc.apply('add', 1);
      if (i % 100 === 0) expect(acc.history()).toHaveLength(i + 1);
      const scratch = new calc.Accumulator(i);
      scratch[Symbol.dispose]();
    }
    expect(acc.total()).toBe(2000);
  });
});

// ---------------------------------------------------------------------------
// format-go

const plain: Style = { notation: {} };

describe('demo-format (Go)', () => {
  let format: Format['format'];

  beforeAll(async () => {
    // weld:demo/calc is imported for its types only, so jco needs nothing for it.
    format = (await runComponent<Format>(fixture('demo-format'))).exports.format;
  });

  it('writes operator symbols', () => {
    expect((['add', 'sub', 'mul', 'div'] as const).map((op) => format.symbol(op))).toEqual(['+', '-', '*', '/']);
  });

  it('writes numbers as short as they round-trip by default', () => {
    expect(format.number(6, plain)).toBe('6');
    expect(format.number(2.5, plain)).toBe('2.5');
    expect(format.number(-1234567.25, plain)).toBe('-1234567.25');
    expect(format.number(0.1 + 0.2, plain)).toBe('0.30000000000000004');
    expect(format.number(-0, plain)).toBe('0');
    expect(format.number(1e21, plain)).toBe('1000000000000000000000');
    expect(format.number(Infinity, plain)).toBe('∞');
    expect(format.number(-Infinity, plain)).toBe('-∞');
    expect(format.number(NaN, plain)).toBe('NaN');
  });

  it('honours precision', () => {
    expect(format.number(3.14159, { precision: 2, notation: {} })).toBe('3.14');
    expect(format.number(2, { precision: 3, notation: {} })).toBe('2.000');
    expect(format.number(-0.4, { precision: 0, notation: {} })).toBe('-0');
    expect(format.number(1 / 3, { precision: 255, notation: {} })).toHaveLength(257);
  });

  it('groups digits with any character', () => {
    expect(format.number(1234567.891, { groupSeparator: ',', notation: {} })).toBe('1,234,567.891');
    expect(format.number(-1234.5, { precision: 2, groupSeparator: '.', notation: {} })).toBe('-1.234.50');
    expect(format.number(999, { groupSeparator: ',', notation: {} })).toBe('999');
    expect(format.number(1000000, { groupSeparator: '\u202f', notation: {} })).toBe('1\u202f000\u202f000');
    expect(format.number(123456, { groupSeparator: '🦀', notation: {} })).toBe('123🦀456');
  });

  it('shows signs and writes scientific notation (flags)', () => {
    expect(format.number(6, { notation: { showSign: true } })).toBe('+6');
    expect(format.number(-6, { notation: { showSign: true } })).toBe('-6');
    expect(format.number(0, { notation: { showSign: true } })).toBe('+0');
    expect(format.number(Infinity, { notation: { showSign: true } })).toBe('+∞');
    expect(format.number(1500, { notation: { scientific: true } })).toBe('1.5e3');
    expect(format.number(0.000123, { notation: { scientific: true } })).toBe('1.23e-4');
    expect(format.number(0, { notation: { scientific: true } })).toBe('0e0');
    expect(format.number(1500, { precision: 2, notation: { scientific: true } })).toBe('1.50e3');
    expect(format.number(-1500, { notation: { showSign: true, scientific: true } })).toBe('-1.5e3');
    expect(format.number(1500, { groupSeparator: ',', notation: { showSign: true, scientific: true } })).toBe('+1.5e3');
    expect(format.number(1234567, { precision: 1, groupSeparator: ',', notation: { showSign: true } })).toBe(
      '+1,234,567.0',
    );
  });

  it('writes equations', () => {
    expect(format.equation({ op: 'mul', lhs: 1.5, rhs: 4 }, 6, plain)).toBe('1.5 * 4 = 6');
    expect(format.equation({ op: 'sub', lhs: 1, rhs: -2 }, 3, plain)).toBe('1 - -2 = 3');
    expect(format.equation({ op: 'div', lhs: 10, rhs: 4 }, 2.5, { precision: 1, notation: { showSign: true } })).toBe(
      '+10.0 / +4.0 = +2.5',
    );
    expect(format.equation({ op: 'add', lhs: 1500, rhs: 2500 }, 4000, { groupSeparator: ',', notation: {} })).toBe(
      '1,500 + 2,500 = 4,000',
    );
  });

  it('describes every calc-error case', () => {
    expect(format.describeError({ tag: 'division-by-zero' })).toBe('Cannot divide by zero.');
    expect(format.describeError({ tag: 'not-finite', val: Infinity })).toBe('Not a finite number: ∞.');
    expect(format.describeError({ tag: 'not-finite', val: -Infinity })).toBe('Not a finite number: -∞.');
    expect(format.describeError({ tag: 'not-finite', val: NaN })).toBe('Not a finite number: NaN.');
    expect(format.describeError({ tag: 'syntax', val: [4, 'expected an operator (+, -, *, /), found `^`'] })).toBe(
      'Syntax error at byte 4: expected an operator (+, -, *, /), found `^`.',
    );
    expect(format.describeError({ tag: 'syntax', val: [4_000_000_000, 'héllo'] })).toBe(
      'Syntax error at byte 4000000000: héllo.',
    );
  });

  it('keeps working while the Go heap grows and collects', () => {
    for (let i = 0; i < 200; i++) {
      const message = 'x'.repeat(50_000 + i);
      expect(format.describeError({ tag: 'syntax', val: [i, message] })).toHaveLength(message.length + 24 + String(i).length);
    }
    expect(format.number(1234.5, { groupSeparator: ',', notation: {} })).toBe('1,234.5');
  });
});

// ---------------------------------------------------------------------------
// app-ts, composed: demo-app's imports of calc and format plugged with
// demo-calc and demo-format by @weld/compose, run as a command.

describe('demo-app (TypeScript) composed with demo-calc and demo-format', () => {
  let demo: string;

  beforeAll(() => {
    const input = (name: string) => ({ name: `${name}.wasm`, bytes: readFileSync(fixture(name)) });
    const composition = plug(input('demo-app'), [input('demo-calc'), input('demo-format')]);
    expect(composition.warnings).toEqual([]);
    expect(composition.bindings.filter((b) => b.import.startsWith('weld:'))).toEqual([
      { instance: 'demo-format', import: 'weld:demo/calc@0.1.0', from: 'demo-calc.weld:demo/calc@0.1.0' },
      { instance: 'demo-app', import: 'weld:demo/calc@0.1.0', from: 'demo-calc.weld:demo/calc@0.1.0' },
      { instance: 'demo-app', import: 'weld:demo/format@0.1.0', from: 'demo-format.weld:demo/format@0.1.0' },
    ]);
    const dir = join(fileURLToPath(new URL('..', import.meta.url)), '.weld', 'cache', 'demo');
    mkdirSync(dir, { recursive: true });
    demo = join(dir, 'demo.wasm');
    const staged = `${demo}.${process.pid}.tmp`;
    writeFileSync(staged, encodeComposition(composition));
    renameSync(staged, demo);
  });

  it('computes in Rust, formats in Go and prints from TypeScript', async () => {
    expect(await runCli(demo, ['1.5 * 4', '10 / 4'])).toEqual({
      stdout: demoStdout,
      stderr: '',
      exitCode: 0,
    });
  });

  it('prints the Go-formatted error and exits non-zero', async () => {
    expect(await runCli(demo, ['10 / 0'])).toEqual({
      stdout: '10 / 0: error: Cannot divide by zero.\ntotal = 0 (0 of 1 expressions, accumulated by Rust)\n',
      stderr: '',
      exitCode: 1,
    });
    const mixed = await runCli(demo, ['2 * 3', '1 +', '1e308 * 10', '-1 - 0.5']);
    expect(mixed.stdout).toBe(
      '2 * 3 = 6 (computed by Rust, formatted by Go, routed by TypeScript)\n' +
        '1 +: error: Syntax error at byte 3: expected a number after the operator, found the end of the text.\n' +
        '1e308 * 10: error: Not a finite number: ∞.\n' +
        '-1 - 0.5 = -1.5 (computed by Rust, formatted by Go, routed by TypeScript)\n' +
        'total = 4.5 (2 of 4 expressions, accumulated by Rust)\n',
    );
    expect(mixed.exitCode).toBe(1);
  });

  it('prints its usage without arguments and exits non-zero', async () => {
    const r = await runCli(demo, []);
    expect(r).toEqual({ stdout: "usage: demo.wasm EXPRESSION...   (e.g. '1.5 * 4')\n", stderr: '', exitCode: 1 });
  });
});
