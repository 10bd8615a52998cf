/**
 * The real-toolchain fixtures run under jco on Node and give the right
 * answers: every export of every fixture is called through
 * test/support/run-component.ts, with host imports where the world has them.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, thrown } from './support/demo.js';
import { runCli, runComponent } from './support/run-component.js';


// ---------------------------------------------------------------------------
// rust-calc: weld:calc/calc@1.0.0, a resource, records, result, strings.

interface Point {
  x: number;
  y: number;
}
interface Accumulator {
  add(v: bigint): void;
  total(): bigint;
  summary(label: string): { count: number; total: bigint; label: string };
  [Symbol.dispose](): void;
}
interface Calc {
  calc: {
    Accumulator: new (start: bigint) => Accumulator;
    describe(p: Point): string;
    midpoint(a: Point, b: Point): Point;
    parseInt(text: string): bigint;
    shout(text: string): string;
  };
}

describe('rust-calc', () => {
  const log: [string, string][] = [];
  let calc: Calc['calc'];

  beforeAll(async () => {
    const { exports } = await runComponent<Calc>(fixture('rust-calc'), {
      imports: { 'weld:calc/log@1.0.0': { write: (level: string, message: string) => void log.push([level, message]) } },
    });
    calc = exports.calc;
  });

  it('keeps state in accumulator resources, one per handle', () => {
    const a = new calc.Accumulator(5n);
    const b = new calc.Accumulator(-1n);
    a.add(3n);
    a.add(4n);
    b.add(10n);
    expect(a.total()).toBe(12n);
    expect(b.total()).toBe(9n);
    expect(a.summary('sum')).toEqual({ count: 2, total: 12n, label: 'sum: 2 values' });
    expect(b.summary('b')).toEqual({ count: 1, total: 9n, label: 'b: 1 values' });
    a.add(9_000_000_000n);
    expect(a.total()).toBe(9_000_000_012n);
  });

  it('drops a resource: the handle is dead afterwards', () => {
    const a = new calc.Accumulator(1n);
    a[Symbol.dispose]();
    expect(() => a.total()).toThrow(/not a valid "Accumulator" resource/i);
  });

  it('passes records and strings both ways', () => {
    expect(calc.describe({ x: 1, y: -2 })).toBe('(1, -2)');
    expect(calc.midpoint({ x: 0, y: 0 }, { x: 4, y: 6 })).toEqual({ x: 2, y: 3 });
    expect(calc.midpoint({ x: -3, y: -5 }, { x: 4, y: 0 })).toEqual({ x: 0, y: -2 });
    expect(calc.midpoint({ x: 2147483647, y: 0 }, { x: 2147483647, y: 0 })).toEqual({ x: 2147483647, y: 0 });
  });

  it('returns result<s64, string>', () => {
    expect(calc.parseInt(' 42 ')).toBe(42n);
    expect(calc.parseInt('-9000000000')).toBe(-9_000_000_000n);
    const err = thrown(() => calc.parseInt('4x2'));
    expect(err).toMatchObject({ payload: '"4x2": invalid digit found in string' });
  });

  it('calls the host import weld:calc/log', () => {
    log.length = 0;
    expect(calc.shout('héllo wörld')).toBe('HÉLLO WÖRLD!');
    thrown(() => calc.parseInt(''));
    expect(log).toEqual([
      ['info', 'héllo wörld'],
      ['debug', 'parse-int failed'],
    ]);
  });
});

// ---------------------------------------------------------------------------
// ts-app: componentize-js; imports weld:ts-app/kv and WASI, exports
// weld:ts-app/greeter and wasi:cli/run.

interface Greeter {
  greeter: {
    greet(name: string): { text: string; lucky: number; atSeconds: bigint };
    shout(words: string[]): string;
  };
}

async function tsApp(store: Map<string, string>, env: Record<string, string> = {}): Promise<Greeter['greeter']> {
  const kv = { get: (key: string) => store.get(key), set: (key: string, value: string) => void store.set(key, value) };
  return (await runComponent<Greeter>(fixture('ts-app'), { imports: { 'weld:ts-app/kv': kv }, env })).exports.greeter;
}

describe('ts-app', () => {
  it('greets through the host kv store, counting calls', async () => {
    const store = new Map<string, string>();
    const greeter = await tsApp(store);
    const before = BigInt(Math.floor(Date.now() / 1000));
    const first = greeter.greet('Ada');
    expect(first.text).toBe('Hello, Ada! (#1)');
    expect(first.lucky).toBeGreaterThanOrEqual(0);
    expect(first.lucky).toBeLessThan(100);
    expect(first.atSeconds >= before - 1n && first.atSeconds <= before + 60n).toBe(true);
    expect(greeter.greet('Grace').text).toBe('Hello, Grace! (#2)');
    expect(store.get('count')).toBe('2');
  });

  it('takes the salutation from kv, else from the environment', async () => {
    expect((await tsApp(new Map([['salutation', 'Howdy']]))).greet('Ada').text).toBe('Howdy, Ada! (#1)');
    expect((await tsApp(new Map(), { GREETING: 'Hi' })).greet('Ada').text).toBe('Hi, Ada! (#1)');
  });

  it('shouts', async () => {
    expect((await tsApp(new Map())).shout(['hello', 'wide', 'world'])).toBe('HELLO WIDE WORLD!');
  });

  it('runs as a command (wasi:cli/run) and prints to stdout', async () => {
    const hostModule = fileURLToPath(new URL('./fixtures/hosts/ts-app.mjs', import.meta.url));
    expect(await runCli(fixture('ts-app'), [], { hostModule, env: { USER: 'ada' } })).toEqual({
      stdout: 'Hello, ada! (#1)\n',
      stderr: '',
      exitCode: 0,
    });
    const anonymous = await runCli(fixture('ts-app'), [], { hostModule });
    expect(anonymous.stdout).toBe('Hello, world! (#1)\n');
  });
});

// ---------------------------------------------------------------------------
// wat-wasi: hand-written WAT importing 27 WASI interfaces directly.

describe('wat-wasi', () => {
  it('reports', async () => {
    const { exports } = await runComponent<{ report: { summary(): string } }>(fixture('wat-wasi'));
    expect(exports.report.summary()).toBe('wasi-tour: 49 imports from 27 WASI interfaces');
  });

  it('runs as a command and prints to stdout', async () => {
    expect(await runCli(fixture('wat-wasi'))).toEqual({
      stdout: 'hello from hand-written WAT\n',
      stderr: '',
      exitCode: 0,
    });
  });
});

// ---------------------------------------------------------------------------
// wat-async: the component-model async ABI. jco 1.35 transpiles it, but its
// output needs JSPI's `WebAssembly.Suspending` and `WebAssembly.promising`,
// which Node 20 (V8 11.3) lacks: it has only the older, flag-gated
// `--experimental-wasm-stack-switching` API.

const jspi = typeof (globalThis as { WebAssembly?: { Suspending?: unknown } }).WebAssembly?.Suspending === 'function';

interface AsyncDemo {
  pipeline: { sum(xs: number[]): bigint; echo(s: string): Promise<string> };
}

describe('wat-async', () => {
  const host = {
    'weld:async-demo/host': {
      fetch: async (url: string) => `fetched ${url}`,
      sleep: async (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
    },
  };

  it.runIf(!jspi)('cannot be instantiated without JSPI', async () => {
    await expect(runComponent(fixture('wat-async'), { imports: host })).rejects.toThrow(
      'WebAssembly.Suspending is not a constructor',
    );
  });

  it.runIf(jspi)('sums synchronously and echoes asynchronously', async () => {
    const { exports } = await runComponent<AsyncDemo>(fixture('wat-async'), { imports: host });
    expect(exports.pipeline.sum([1, 2, 3, 4_000_000_000])).toBe(4_000_000_006n);
    expect(await exports.pipeline.echo('hi')).toBe('hi');
  });
});

// ---------------------------------------------------------------------------
// The harness's own failures say what is wrong.

describe('run-component harness', () => {
  it('names imports the host left out', async () => {
    await expect(runComponent(fixture('ts-app'))).rejects.toThrow(
      /no implementation for imported interface\(s\) weld:ts-app\/kv; pass them in `imports`/,
    );
  });

  it('fails a command run of a component without wasi:cli/run with exit code 2', async () => {
    const r = await runCli(fixture('demo-calc'));
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('does not export wasi:cli/run');
  });
});
