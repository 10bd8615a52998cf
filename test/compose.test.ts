/**
 * End-to-end tests of `weld compose`, through the built binary:
 *   - plugging (direct, transitive, one explicit `--plug A#x --into S#y`),
 *     a configuration file with two instances of one component, the
 *     capability policy, warnings and errors with their exact text;
 *   - every composed output passes `wasm-tools validate`, and `weld inspect
 *     --wit` of it prints exactly what `wasm-tools component wit` prints;
 *   - the `weld-composition` provenance section, as `weld inspect` shows it
 *     and as `--graph dot|mermaid` draws it;
 *   - compositions of real components run under jco: the rust-calc fixture
 *     with a logger written in WAT, and the demo (TypeScript app, Rust calc,
 *     Go format) as a command.
 * Small inputs are made from WIT by test/support/components.ts; the WIT
 * ones are those of the @weld/compose tests (packages/compose/test/fixtures.ts).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeConfigSchema } from '@weld/compose';
import * as f from '../packages/compose/test/fixtures.js';
import { componentFileFromWit, rustCalcWitDir, watBumpAllocator } from './support/components.js';
import { expectGoodOutput, expectOk } from './support/compose-output.js';
import { runCli, runComponent } from './support/run-component.js';
import { root, weld, type Run } from './support.js';
import { demoStdout } from './support/demo.js';
import { wasmToolsMissing } from './support/wasm-tools.js';

const fixturesOut = join(root, 'test', 'fixtures', 'out');
const scratch = mkdtempSync(join(tmpdir(), 'weld-compose-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Writes a test input into the scratch folder under its name; returns the path. */
function put(input: { readonly name: string; readonly bytes: Uint8Array }, dir = scratch): string {
  const file = join(dir, input.name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, input.bytes);
  return file;
}

/** A fresh folder for one test's files. */
function folder(name: string): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * A logger in WAT: exports weld:calc/log@1.0.0 (what rust-calc imports) and
 * weld:test/stats@0.1.0 (`count` of writes so far); each write goes on to
 * the import weld:test/sink@0.1.0 with a sequence number.
 */
const loggerWit = `
package weld:test@0.1.0;

interface sink {
  note: func(seq: u32, level: u8, message: string);
}

interface stats {
  count: func() -> u32;
}

world logger {
  import sink;
  export weld:calc/log@1.0.0;
  export stats;
}
`;

const loggerWat = `
(module
  (import "weld:test/sink@0.1.0" "note" (func $note (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (global $count (mut i32) (i32.const 0))${watBumpAllocator}
  (func (export "weld:calc/log@1.0.0#write") (param $level i32) (param $ptr i32) (param $len i32)
    (global.set $count (i32.add (global.get $count) (i32.const 1)))
    (call $note (global.get $count) (local.get $level) (local.get $ptr) (local.get $len)))
  (func (export "weld:test/stats@0.1.0#count") (result i32)
    (global.get $count)))
`;

const logger = (): { name: string; bytes: Uint8Array } => ({
  name: 'logger.wasm',
  bytes: readFileSync(componentFileFromWit({ text: loggerWit, deps: [rustCalcWitDir], core: loggerWat }, 'logger')),
});
const rustCalc = (): { name: string; bytes: Uint8Array } => ({
  name: 'rust-calc.wasm',
  bytes: readFileSync(join(fixturesOut, 'rust-calc.wasm')),
});

interface Calc {
  calc: { shout(text: string): string; parseInt(text: string): bigint };
}

describe('weld compose: plugging', () => {
  it('plugs an export into the socket and writes a valid component', () => {
    const dir = folder('plug');
    const [app, calc] = [put(f.app(), dir), put(f.calc(), dir)];
    const out = join(dir, 'out.wasm');
    const result = expectOk(weld('compose', app, '--plug', calc, '-o', out));
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('');
    expectGoodOutput(out);
    expect(weld('inspect', '--wit', out).stdout).toMatch(/^world root \{\n {2}import example:math\/types@1\.0\.0;\n\n {2}export run: func\(\) -> s32;\n {2}export example:math\/report@1\.0\.0;\n\}/mu);
  });

  it('plugs transitively: socket ← first ← second', () => {
    const dir = folder('chain');
    const out = join(dir, 'out.wasm');
    const result = expectOk(weld('compose', put(f.chainApp(), dir), '--plug', put(f.chainSecond(), dir), '--plug', put(f.chainFirst(), dir),
      '-o', out, '--json'));
    const summary = JSON.parse(result.stdout) as { instances: { label: string }[]; imports: unknown; bindings: unknown };
    expect(summary.instances.map((i) => i.label)).toEqual(['second', 'first', 'app']);
    expect(summary.imports).toEqual([{ name: 'example:chain/sink@0.1.0', users: ['second'] }]);
    expect(summary.bindings).toEqual([
      { instance: 'second', import: 'example:chain/sink@0.1.0', from: 'import example:chain/sink@0.1.0' },
      { instance: 'first', import: 'example:chain/b@0.1.0', from: 'second.example:chain/b@0.1.0' },
      { instance: 'app', import: 'example:chain/a@0.1.0', from: 'first.example:chain/a@0.1.0' },
    ]);
    expectGoodOutput(out);
  });

  it('wires one explicit --plug FILE#EXPORT --into SOCKET#IMPORT', () => {
    const dir = folder('explicit');
    const [app, calc] = [put(f.app(), dir), put(f.bigCalc(), dir)];
    const out = join(dir, 'out.wasm');
    const result = expectOk(weld('compose', app, '--plug', `${calc}#example:math/ops@1.0.0`, '--into', 'app.wasm#example:math/ops@1.0.0',
      '-o', out, '--verbose'));
    expect(result.stderr).toBe(
      'plugged: app example:math/ops@1.0.0 ← big-calc.example:math/ops@1.0.0\n' +
        'unused exports of big-calc.wasm: example:math/extra@1.0.0\n' +
        'imports left for the host: 1\n',
    );
    expectGoodOutput(out);
    const wrongSocket = weld('compose', app, '--plug', `${calc}#example:math/ops@1.0.0`, '--into', 'other.wasm#example:math/ops@1.0.0', '-o', out);
    expect(wrongSocket).toMatchObject({ status: 1, stderr: `error: --into other.wasm#example:math/ops@1.0.0: other.wasm is not the socket ${app}\n` });
    const noImport = weld('compose', app, '--plug', calc, '--into', 'app#example:math/nope@1.0.0', '-o', out);
    expect(noImport.status).toBe(1);
    expect(noImport.stderr).toBe(
      'error: app.wasm has no import named example:math/nope@1.0.0\n  its imports: example:math/types@1.0.0, example:math/ops@1.0.0\n',
    );
  });

  it('also exports the plugged interface whose types an export uses, so the result is valid', () => {
    const out = join(folder('type-exports'), 'out.wasm');
    const prebuilt = (name: string): string => join(root, 'components', 'prebuilt', `${name}.wasm`);
    expect(expectOk(weld('compose', prebuilt('format'), '--plug', prebuilt('calc'), '-o', out))).toMatchObject({ stdout: '', stderr: '' });
    expect(weld('inspect', '--wit', out).stdout).toMatch(/^ {2}export weld:demo\/calc@0\.1\.0;\n {2}export weld:demo\/format@0\.1\.0;\n\}/mu);
    const missing = wasmToolsMissing();
    if (missing === undefined) expectGoodOutput(out);
    else console.warn(`skipping wasm-tools validate: ${missing}`);
  });

  it('fails naming the type and the export when the interface it comes from cannot be exported too', () => {
    const dir = folder('type-exports-taken');
    const prebuilt = (name: string): string => join(root, 'components', 'prebuilt', `${name}.wasm`);
    const file = join(dir, 'weld.compose.yaml');
    writeFileSync(file, [
      `components: { calc: ${JSON.stringify(prebuilt('calc'))}, format: ${JSON.stringify(prebuilt('format'))} }`,
      'instances:',
      '  calc: { component: calc }',
      '  other: { component: calc }',
      '  format: { component: format, with: { "weld:demo/calc@0.1.0": calc.weld:demo/calc@0.1.0 } }',
      'exports:',
      '  "weld:demo/calc@0.1.0": other.weld:demo/calc@0.1.0',
      '  "weld:demo/format@0.1.0": format.weld:demo/format@0.1.0',
      '',
    ].join('\n'));
    const out = join(dir, 'out.wasm');
    expect(weld('compose', file, '-o', out)).toMatchObject({
      status: 1,
      stderr: "error: the export weld:demo/format@0.1.0 uses the type `op` of calc's weld:demo/calc@0.1.0, which cannot be exported as well: the result already exports another weld:demo/calc@0.1.0\n",
    });
    expect(existsSync(out)).toBe(false);
  });

  it('warns about a plug that satisfies nothing, on stderr, and still composes', () => {
    const dir = folder('warn');
    const out = join(dir, 'out.wasm');
    const result = expectOk(weld('compose', put(f.chainApp(), dir), '--plug', put(f.chainFirst(), dir), '--plug', put(f.sinkPlug(), dir), '-o', out));
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('warning: sink.wasm was not plugged: it satisfies no import\n');
    expectGoodOutput(out);
  });

  it('fails when no plug satisfies anything, and writes nothing', () => {
    const dir = folder('nothing');
    const out = join(dir, 'out.wasm');
    const result = weld('compose', put(f.app(), dir), '--plug', put(f.sinkPlug(), dir), '-o', out);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `error: no plug satisfies any import of app.wasm\n  app.wasm imports: example:math/types@1.0.0, example:math/ops@1.0.0\n  sink.wasm exports: example:chain/sink@0.1.0\n`,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('reports a type mismatch with the path of the difference', () => {
    const dir = folder('mismatch');
    const result = weld('compose', put(f.app(), dir), '--plug', put(f.badParam(), dir), '-o', join(dir, 'out.wasm'));
    expect(result.status).toBe(1);
    // One line: the path of the difference is not repeated as a detail.
    expect(result.stderr).toBe(
      "error: cannot plug app.wasm's import example:math/ops@1.0.0 with bad-param.wasm's export: example:math/ops.add: parameter b: expected s32, found string\n",
    );
  });

  it('names a cycle once, and warns once about a plug given twice', () => {
    const dir = folder('cycle-twice');
    const cycle = weld('compose', put(f.chainApp(), dir), '--plug', put(f.loopA(), dir), '--plug', put(f.loopB(), dir), '-o', join(dir, 'o.wasm'));
    expect(cycle).toMatchObject({ status: 1, stderr: 'error: the components depend on each other in a cycle: a.wasm → b.wasm → a.wasm\n' });
    const calc = put(f.calc(), dir);
    const twice = expectOk(weld('compose', put(f.app(), dir), '--plug', calc, '--plug', calc, '-o', join(dir, 'o.wasm')));
    expect(twice.stderr).toBe(`warning: ${calc} is given twice as a plug; it is plugged once\n`);
  });

  it('reports missing files and wrong command lines in one line, exit 1', () => {
    const dir = folder('missing');
    const app = put(f.app(), dir);
    const missing = join(dir, 'missing.wasm');
    expect(weld('compose', app, '--plug', missing, '-o', join(dir, 'o.wasm'))).toMatchObject({
      status: 1,
      stderr: `error: cannot read '${missing}': no such file or directory\n`,
    });
    expect(weld('compose', missing, '--plug', app, '-o', join(dir, 'o.wasm'))).toMatchObject({
      status: 1,
      stderr: `error: cannot read '${missing}': no such file or directory\n`,
    });
    expect(weld('compose', app, '-o', join(dir, 'o.wasm'))).toMatchObject({
      status: 1,
      stderr: `error: nothing to plug into ${app}: give at least one --plug FILE\n`,
    });
    const noOutput = weld('compose', app, '--plug', app);
    expect(noOutput.status).toBe(1);
    expect(noOutput.stderr).toContain("required option '-o, --output <file>' not specified");
    const notComponent = join(dir, 'core.wasm');
    writeFileSync(notComponent, Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0));
    expect(weld('compose', app, '--plug', notComponent, '-o', join(dir, 'o.wasm'))).toMatchObject({
      status: 1,
      stderr: 'error: core.wasm is not a WebAssembly component\n',
    });
  });

  it('runs: rust-calc with the WAT logger plugged into its weld:calc/log import', async () => {
    const dir = folder('run-plug');
    const out = join(dir, 'calc-logged.wasm');
    expectOk(weld('compose', put(rustCalc(), dir), '--plug', put(logger(), dir), '-o', out));
    expectGoodOutput(out);
    const notes: [number, number, string][] = [];
    const { exports } = await runComponent<Calc>(out, {
      imports: { 'weld:test/sink@0.1.0': { note: (seq: number, level: number, message: string) => void notes.push([seq, level, message]) } },
    });
    expect(exports.calc.shout('héllo wörld')).toBe('HÉLLO WÖRLD!');
    expect(() => exports.calc.parseInt('')).toThrow();
    // info = 1, debug = 0; the sequence numbers come from the logger's own state.
    expect(notes).toEqual([
      [1, 1, 'héllo wörld'],
      [2, 0, 'parse-int failed'],
    ]);
  });
});

describe('weld compose: capability policy', () => {
  let dir: string;
  let socket: string;
  let plugFile: string;
  beforeAll(() => {
    dir = folder('policy');
    socket = put(rustCalc(), dir);
    plugFile = put(logger(), dir);
  });
  const compose = (...extra: string[]): Run => weld('compose', socket, '--plug', plugFile, '-o', join(dir, 'out.wasm'), ...extra);

  it('denies imports matching --deny, naming who needs each, exit 1, nothing written', () => {
    rmSync(join(dir, 'out.wasm'), { force: true });
    const result = compose('--deny', 'wasi:filesystem/*', '--deny', 'weld:test/sink');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'error: the composition leaves 3 imports the capability policy forbids\n' +
        "  wasi:filesystem/types@0.2.12 (denied by 'wasi:filesystem/*'), needed by rust-calc.wasm\n" +
        "  wasi:filesystem/preopens@0.2.12 (denied by 'wasi:filesystem/*'), needed by rust-calc.wasm\n" +
        "  weld:test/sink@0.1.0 (denied by 'weld:test/sink'), needed by logger.wasm\n",
    );
    expect(existsSync(join(dir, 'out.wasm'))).toBe(false);
  });

  it('passes when nothing denied remains, and --allow makes exceptions', () => {
    expectOk(compose('--deny', 'wasi:sockets/*', '--deny', 'wasi:http/*'));
    expectOk(compose('--deny', 'wasi:*', '--allow', 'wasi:cli/*', '--allow', 'wasi:io/*', '--allow', 'wasi:clocks/*', '--allow', 'wasi:filesystem/*@0.2.12'));
    expectGoodOutput(join(dir, 'out.wasm'));
  });

  it('matches a 100 KB glob without a regular expression, and shows it cut short', () => {
    const long = `wasi:cli/${'*'.repeat(100_000)}`;
    const result = compose('--deny', long);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`(denied by 'wasi:cli/${'*'.repeat(71)}…' (100,009 characters)), needed by `);
    expect(result.stderr.length).toBeLessThan(1_000);
    expect(compose('--deny', `wasi:cli/${'a*'.repeat(50_000)}`).status).toBe(0);
  });

  it('treats an allow list on its own as the only imports allowed', () => {
    const result = compose('--allow', 'wasi:*', '--allow', 'weld:calc/*');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'error: the composition leaves an import the capability policy forbids\n' +
        '  weld:test/sink@0.1.0 (not allowed), needed by logger.wasm\n',
    );
  });
});

describe('weld compose: configuration file', () => {
  let dir: string;
  let out: string;
  const config = `# two calculators, each with its own logger
components:
  calc: rust-calc.wasm
  logger: ../logger.wasm
instances:
  log-a: { component: logger }
  log-b: { component: logger }
  calc-a:
    component: calc
    with:
      weld:calc/log@1.0.0: log-a.weld:calc/log@1.0.0
  calc-b:
    component: calc
    with:
      weld:calc/log@1.0.0: log-b.weld:calc/log@1.0.0
exports:
  weld:calc/calc@1.0.0: calc-a.weld:calc/calc@1.0.0
  weld:test/stats@0.1.0: log-a.weld:test/stats@0.1.0
  other-stats: log-b.weld:test/stats@0.1.0
policy:
  deny: ["wasi:sockets/*"]
`;

  beforeAll(() => {
    dir = folder('config/inner');
    put(rustCalc(), dir);
    put(logger(), join(dir, '..'));
    writeFileSync(join(dir, 'weld.compose.yaml'), config);
    out = join(dir, 'out.wasm');
  });

  it('instantiates one component twice, as the file says, with paths relative to the file', () => {
    const result = expectOk(weld('compose', join(dir, 'weld.compose.yaml'), '-o', out, '--json'));
    const summary = JSON.parse(result.stdout) as { instances: unknown; bindings: { instance: string; import: string; from: string }[] };
    expect(summary.instances).toEqual([
      { label: 'log-a', component: 'logger' },
      { label: 'log-b', component: 'logger' },
      { label: 'calc-a', component: 'calc' },
      { label: 'calc-b', component: 'calc' },
    ]);
    expect(summary.bindings.filter((b) => !b.from.startsWith('import '))).toEqual([
      { instance: 'calc-a', import: 'weld:calc/log@1.0.0', from: 'log-a.weld:calc/log@1.0.0' },
      { instance: 'calc-b', import: 'weld:calc/log@1.0.0', from: 'log-b.weld:calc/log@1.0.0' },
    ]);
    expectGoodOutput(out);
    expect(weld('compose', '--config', join(dir, 'weld.compose.yaml'), '-o', out).status).toBe(0);
  });

  it('runs: each instance keeps its own state', async () => {
    const notes: [number, string][] = [];
    const { exports } = await runComponent<Calc & { stats: { count(): number }; otherStats: { count(): number } }>(out, {
      imports: { 'weld:test/sink@0.1.0': { note: (seq: number, _level: number, message: string) => void notes.push([seq, message]) } },
    });
    exports.calc.shout('a');
    exports.calc.shout('b');
    expect(notes).toEqual([[1, 'a'], [2, 'b']]);
    expect(exports.stats.count()).toBe(2);
    // log-b belongs to calc-b, which nobody called.
    expect(exports.otherStats.count()).toBe(0);
  });

  it('applies the file\'s policy together with the command line\'s', () => {
    const result = weld('compose', join(dir, 'weld.compose.yaml'), '-o', out, '--deny', 'weld:test/*');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'error: the composition leaves an import the capability policy forbids\n' +
        "  weld:test/sink@0.1.0 (denied by 'weld:test/*'), needed by log-a (logger), log-b (logger)\n",
    );
  });

  /** Writes `text` as a configuration and returns weld's stderr for it (exit 1 expected). */
  function configError(name: string, text: string): string {
    const file = join(dir, name);
    writeFileSync(file, text);
    const result = weld('compose', file, '-o', join(dir, 'never.wasm'));
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    return result.stderr.replaceAll(dir, '<dir>');
  }

  it('refuses a composition over the validator\'s 1,000 instances, exit 1, nothing written', () => {
    const dir = folder('config-too-large');
    writeFileSync(join(dir, 'calc.wasm'), readFileSync(join(root, 'components', 'prebuilt', 'calc.wasm')));
    const instances = Array.from({ length: 1001 }, (_, i) => `  c${i}: { component: calc }`).join('\n');
    const file = join(dir, 'weld.compose.yaml');
    writeFileSync(file, `components: { calc: ./calc.wasm }\ninstances:\n${instances}\nexports: {}\n`);
    const out = join(dir, 'out.wasm');
    expect(weld('compose', file, '-o', out)).toMatchObject({
      status: 1,
      stderr: 'error: the composed component would have 1,001 instances; the validator allows at most 1,000\n' +
        '  each instance, imported instance and aliased instance export counts; split the composition into smaller ones and compose those\n',
    });
    expect(existsSync(out)).toBe(false);
  });

  it('reports malformed YAML with file:line:col and the line', () => {
    expect(configError('bad-yaml.yaml', 'components:\n  calc: [rust-calc.wasm\ninstances: {}\n')).toBe(
      'error: <dir>/bad-yaml.yaml:3:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]\n' +
        '    |\n' +
        '  3 | instances: {}\n' +
        '    | ^\n',
    );
  });

  it('reports an alias bomb, an alias without an anchor and a key given twice with file:line:col, exit 1', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const name of 'bcdefg') {
      const previous = String.fromCharCode(name.charCodeAt(0) - 1);
      levels.push(`${name}: &${name} [${Array.from({ length: 9 }, () => `*${previous}`).join(', ')}]`);
    }
    expect(configError('bomb.yaml', `${levels.join('\n')}\ncomponents: *g\ninstances: {}\nexports: {}\n`)).toBe(
      'error: <dir>/bomb.yaml:3:8: invalid YAML: its aliases expand too far (an alias may stand for at most 100 nodes)\n' +
        '    |\n' +
        '  3 | c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n' +
        '    |        ^\n',
    );
    expect(configError('nope.yaml', 'components:\n  calc: *nope\ninstances: {}\nexports: {}\n')).toBe(
      "error: <dir>/nope.yaml:2:9: invalid YAML: the alias '*nope' refers to no anchor before it\n" +
        '    |\n' +
        '  2 |   calc: *nope\n' +
        '    |         ^\n',
    );
    expect(configError('twice.yaml', 'components:\n  calc: a.wasm\n  calc: b.wasm\ninstances: {}\nexports: {}\n')).toBe(
      "error: <dir>/twice.yaml:3:3: invalid YAML: the key 'calc' is given twice in one mapping\n" +
        '    |\n' +
        '  3 |   calc: b.wasm\n' +
        '    |   ^\n',
    );
  });

  it('reports collections nested too deeply, showing only the part of a long line around the column', () => {
    const text = `components: ${'['.repeat(20_000)}${']'.repeat(20_000)}\ninstances: {}\nexports: {}\n`;
    // Where yaml runs out of stack depends on the machine; the line shown is 100 characters around it.
    const stderr = configError('deep.yaml', text);
    expect(stderr).toMatch(/^error: <dir>\/deep\.yaml:1:\d+: invalid YAML: its collections are nested too deeply\n {4}\|\n {2}1 \| …\[{100}…\n {4}\| {42}\^\n$/u);
  });

  it('reports what the schema rejects at the offending key or value', () => {
    const head = 'components:\n  calc: rust-calc.wasm\ninstances:\n';
    expect(configError('typo.yaml', `${head}  calc:\n    componnt: calc\nexports: {}\n`)).toBe(
      'error: <dir>/typo.yaml:5:5: unknown key \'componnt\' in instances.calc (expected component, with)\n' +
        '    |\n' +
        '  5 |     componnt: calc\n' +
        '    |     ^\n',
    );
    expect(configError('source.yaml', `${head}  calc: { component: calc, with: { "weld:calc/log@1.0.0": logger } }\nexports: {}\n`)).toBe(
      "error: <dir>/source.yaml:4:59: instances.calc.with.weld:calc/log@1.0.0: 'logger' is not valid; expected `LABEL.EXPORT`, an export of another instance, or `import:NAME`, an import of the result named NAME.\n" +
        '    |\n' +
        '  4 |   calc: { component: calc, with: { "weld:calc/log@1.0.0": logger } }\n' +
        '    |                                                           ^\n',
    );
    expect(configError('no-exports.yaml', `${head}  calc: { component: calc }\n`)).toMatch(/^error: <dir>\/no-exports\.yaml:1:1: the file needs 'exports'\n/u);
  });

  it('reports names that refer to nothing at the place they are written', () => {
    const head = 'components:\n  calc: rust-calc.wasm\ninstances:\n';
    expect(configError('unknown-component.yaml', `${head}  calc: { component: calculator }\nexports: {}\n`)).toBe(
      'error: <dir>/unknown-component.yaml:4:22: there is no component named calculator\n' +
        '    |\n' +
        '  4 |   calc: { component: calculator }\n' +
        '    |                      ^\n' +
        '  components: calc\n',
    );
    expect(configError('unknown-export.yaml', `${head}  calc: { component: calc }\nexports:\n  x: calc.weld:calc/nope\n`)).toBe(
      'error: <dir>/unknown-export.yaml:6:6: calc (calc) has no export named weld:calc/nope\n' +
        '    |\n' +
        '  6 |   x: calc.weld:calc/nope\n' +
        '    |      ^\n' +
        '  its exports: weld:calc/calc@1.0.0\n',
    );
    expect(configError('missing-file.yaml', 'components:\n  calc: nowhere.wasm\ninstances:\n  calc: { component: calc }\nexports: {}\n')).toBe(
      "error: <dir>/missing-file.yaml:2:9: cannot load component calc: cannot read '<dir>/nowhere.wasm': no such file or directory\n" +
        '    |\n' +
        '  2 |   calc: nowhere.wasm\n' +
        '    |         ^\n',
    );
  });

  it('says where an import: source is wrong once, and names a self-cycle by its instance', () => {
    const head = 'components:\n  calc: rust-calc.wasm\ninstances:\n';
    expect(configError('import-first.yaml', `${head}  calc: { component: calc }\nexports:\n  x: import:foo\n`)).toBe(
      "error: <dir>/import-first.yaml:6:6: import:foo must first be given to an instance's `with` so its type is known\n" +
        '    |\n' +
        '  6 |   x: import:foo\n' +
        '    |      ^\n',
    );
    const self = `${head}  mine:\n    component: calc\n    with: { weld:calc/log@1.0.0: mine.weld:calc/calc@1.0.0 }\nexports: {}\n`;
    expect(configError('self.yaml', self)).toBe(
      'error: the instance mine depends on itself: its import weld:calc/log@1.0.0 is set to its own export weld:calc/calc@1.0.0\n',
    );
  });

  it('cuts long names and long lists short in messages', () => {
    const instances = Array.from({ length: 30 }, (_, i) => `  c${i}: { component: calc }`).join('\n');
    const text = `components:\n  calc: rust-calc.wasm\ninstances:\n${instances}\nexports:\n  x: ${'n'.repeat(100_000)}.foo\n`;
    const stderr = configError('long-name.yaml', text);
    expect(stderr.split('\n')[0]).toBe(`error: <dir>/long-name.yaml:35:6: there is no instance labelled '${'n'.repeat(80)}…' (100,000 characters)`);
    expect(stderr).toContain(`  instances: ${Array.from({ length: 20 }, (_, i) => `c${i}`).join(', ')}, … and 10 more\n`);
    expect(stderr.length).toBeLessThan(1_000);
  });

  it('publishes its JSON Schema as schemas/weld.compose.schema.json (BLESS=1 rewrites it)', () => {
    const file = join(root, 'schemas', 'weld.compose.schema.json');
    const text = `${JSON.stringify(composeConfigSchema, null, 2)}\n`;
    if (process.env['BLESS'] === '1') writeFileSync(file, text);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});

describe('weld compose: provenance in weld inspect', () => {
  let out: string;
  let appSha: string;
  let calcSha: string;
  beforeAll(() => {
    const dir = folder('provenance');
    const app = f.app();
    const calc = f.calc();
    out = join(dir, 'out.wasm');
    expectOk(weld('compose', put(app, dir), '--plug', put(calc, dir), '-o', out));
    const sha = async (bytes: Uint8Array): Promise<string> => (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex');
    return Promise.all([sha(app.bytes), sha(calc.bytes)]).then(([a, c]) => {
      appSha = a;
      calcSha = c;
    });
  });

  it('records the components, instances, bindings and exports in a weld-composition section', () => {
    const report = JSON.parse(weld('inspect', '--json', out).stdout) as { composition: unknown; tree: { customSections: { name: string }[] } };
    expect(report.tree.customSections.map((s) => s.name)).toContain('weld-composition');
    expect(report.composition).toEqual({
      kind: 'record',
      record: {
        version: 1,
        components: [
          { name: 'app.wasm', sha256: appSha, size: f.app().bytes.length, producers: expect.any(Array) as unknown },
          { name: 'calc.wasm', sha256: calcSha, size: f.calc().bytes.length, producers: expect.any(Array) as unknown },
        ],
        instances: [{ label: 'calc', component: 'calc.wasm' }, { label: 'app', component: 'app.wasm' }],
        bindings: [
          { instance: 'calc', import: 'example:math/types@1.0.0', from: 'import example:math/types@1.0.0' },
          { instance: 'app', import: 'example:math/ops@1.0.0', from: 'calc.example:math/ops@1.0.0' },
          { instance: 'app', import: 'example:math/types@1.0.0', from: 'import example:math/types@1.0.0' },
        ],
        exports: [
          { name: 'run', from: 'app.run' },
          { name: 'example:math/report@1.0.0', from: 'app.example:math/report@1.0.0' },
        ],
      },
    });
  });

  it('shows the composition as a tree', () => {
    const text = weld('inspect', out).stdout;
    const tree = text.slice(text.indexOf('composition (weld compose)'));
    expect(tree.replace(/  sha256:[0-9a-f]{16}…/gu, '  sha256:…').replace(/  \d+(\.\d)? (B|KiB)/gu, '  SIZE')).toBe(
      'composition (weld compose)\n' +
        '  components\n' +
        '    app.wasm  SIZE  sha256:…  (processed-by: wit-component 0.263.0)\n' +
        '    calc.wasm  SIZE  sha256:…  (processed-by: wit-component 0.263.0)\n' +
        '  result\n' +
        '  ├─ calc  (calc.wasm)\n' +
        '  │  └─ from the imports of the result\n' +
        '  │     └─ example:math@1.0.0: types\n' +
        '  ├─ app  (app.wasm)\n' +
        '  │  ├─ example:math/ops@1.0.0 ← calc.example:math/ops@1.0.0\n' +
        '  │  └─ from the imports of the result\n' +
        '  │     └─ example:math@1.0.0: types\n' +
        '  └─ exports\n' +
        '     ├─ run ← app.run\n' +
        '     └─ example:math/report@1.0.0 ← app.example:math/report@1.0.0\n',
    );
  });

  it('draws it as Graphviz DOT', () => {
    expect(weld('inspect', '--graph', 'dot', out)).toMatchObject({
      status: 0,
      stdout:
        'digraph composition {\n' +
        '  rankdir=LR;\n' +
        '  node [fontname="Helvetica"];\n' +
        '  edge [fontname="Helvetica", fontsize=10];\n' +
        '  i0 [shape=box, label="calc\\ncalc.wasm"];\n' +
        '  i1 [shape=box, label="app\\napp.wasm"];\n' +
        '  import0 [shape=cds, label="import example:math/types@1.0.0"];\n' +
        '  export0 [shape=doubleoctagon, label="export run"];\n' +
        '  export1 [shape=doubleoctagon, label="export example:math/report@1.0.0"];\n' +
        '  import0 -> i0 [label="example:math/types@1.0.0"];\n' +
        '  i0 -> i1 [label="example:math/ops@1.0.0"];\n' +
        '  import0 -> i1 [label="example:math/types@1.0.0"];\n' +
        '  i1 -> export0 [label="run"];\n' +
        '  i1 -> export1 [label="example:math/report@1.0.0"];\n' +
        '}\n',
    });
  });

  it('draws it as a Mermaid flowchart', () => {
    expect(weld('inspect', '--graph', 'mermaid', out)).toMatchObject({
      status: 0,
      stdout:
        'flowchart LR\n' +
        '  i0["calc<br/>calc.wasm"]\n' +
        '  i1["app<br/>app.wasm"]\n' +
        '  import0(["import example:math/types@1.0.0"])\n' +
        '  export0(["export run"])\n' +
        '  export1(["export example:math/report@1.0.0"])\n' +
        '  import0 -->|"example:math/types@1.0.0"| i0\n' +
        '  i0 -->|"example:math/ops@1.0.0"| i1\n' +
        '  import0 -->|"example:math/types@1.0.0"| i1\n' +
        '  i1 -->|"run"| export0\n' +
        '  i1 -->|"example:math/report@1.0.0"| export1\n',
    });
  });

  it('refuses to draw a component weld compose did not make, and an unknown format', () => {
    const plain = join(fixturesOut, 'rust-calc.wasm');
    expect(weld('inspect', '--graph', 'dot', plain)).toMatchObject({
      status: 1,
      stderr: `error: ${plain}: has no weld-composition section; only components made by weld compose can be drawn\n`,
    });
    expect(weld('inspect', '--graph', 'svg', out)).toMatchObject({ status: 1, stderr: 'error: --graph svg: expected dot or mermaid\n' });
  });
});

const demoNames = ['demo-app', 'demo-calc', 'demo-format'];

describe('weld compose: the demo (TypeScript app, Rust calc, Go format)', () => {
  it('composes and runs as a command', async () => {
    const dir = folder('demo');
    const out = join(dir, 'demo.wasm');
    const [app, calc, format] = demoNames.map((name) => join(fixturesOut, `${name}.wasm`));
    const result = expectOk(weld('compose', app!, '--plug', calc!, '--plug', format!, '-o', out, '--deny', 'wasi:sockets/*'));
    expect(result.stderr).toBe('');
    expect(statSync(out).size).toBeGreaterThan(0);
    expectGoodOutput(out);
    expect(await runCli(out, ['1.5 * 4', '10 / 4'])).toEqual({
      stdout: demoStdout,
      stderr: '',
      exitCode: 0,
    });
  });
});
