/**
 * Compositions made by the built `weld compose` that run under jco with the
 * right answers, each checked with `wasm-tools validate` (and `weld inspect
 * --wit` against `wasm-tools component wit`) before it runs:
 *   - Rust + TypeScript: demo-app with demo-calc plugged; weld:demo/format
 *     comes from a JavaScript host (test/fixtures/hosts/demo-format.mjs);
 *   - Go + TypeScript: demo-app with demo-format plugged; weld:demo/calc,
 *     with its `accumulator` resource as a class, comes from a JavaScript
 *     host (test/fixtures/hosts/demo-calc.mjs);
 *   - WASI at two 0.2.x versions merged into one import: two WAT components
 *     writing to stdout through WASI 0.2.10 and rust-calc writing to stderr
 *     through WASI 0.2.12 share one wasi:io/streams@0.2.12.
 * The chain of all three languages and a resource passed across components
 * are the demo's, in test/compose.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { componentFileFromWit, jcoWasiWit, rustCalcWitDir, watBumpAllocator } from './support/components.js';
import { expectGoodOutput, expectOk, worldImports } from './support/compose-output.js';
import { runCli } from './support/run-component.js';
import { root, weld } from './support.js';
import { demoCredits } from './support/demo.js';

const fixture = (name: string): string => join(root, 'test', 'fixtures', 'out', `${name}.wasm`);
const host = (name: string): string => join(root, 'test', 'fixtures', 'hosts', `${name}.mjs`);
const scratch = mkdtempSync(join(tmpdir(), 'weld-compose-run-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** `weld compose SOCKET --plug P… -o scratch/OUT`, checked; returns the output's path. */
function compose(out: string, socket: string, ...plugs: string[]): string {
  const file = join(scratch, out);
  expectOk(weld('compose', socket, ...plugs.flatMap((p) => ['--plug', p]), '-o', file));
  expectGoodOutput(file);
  return file;
}

/** The imports of a component as `weld inspect --wit` lists them. */
function importsOf(file: string): string[] {
  const result = expectOk(weld('inspect', '--wit', file));
  return worldImports(result.stdout);
}

const nonWasi = (imports: readonly string[]): string[] => imports.filter((name) => !name.startsWith('wasi:'));

// app-ts prints its credits line as written, whoever computed or formatted.
const credits = demoCredits;

describe('weld compose output runs: two languages and a JavaScript host', () => {
  // demo-app's import of weld:demo/format uses value types of weld:demo/calc,
  // which is plugged: the result's format import declares them itself.
  it('Rust + TypeScript: demo-app with demo-calc plugged, weld:demo/format from JavaScript', async () => {
    const out = compose('rust-ts.wasm', fixture('demo-app'), fixture('demo-calc'));
    expect(nonWasi(importsOf(out))).toEqual(['weld:demo/format@0.1.0']);
    // The JavaScript formatter writes × and ÷ where Go writes * and /.
    expect(await runCli(out, ['1.5 * 4', '10 / 4', '1 / 0'], { hostModule: host('demo-format') })).toEqual({
      stdout: `1.5 × 4 = 6 ${credits}\n10 ÷ 4 = 2.5 ${credits}\n1 / 0: error: JS: division-by-zero\ntotal = 8.5 (2 of 3 expressions, accumulated by Rust)\n`,
      stderr: '',
      exitCode: 1,
    });
  });

  it('Go + TypeScript: demo-app with demo-format plugged, weld:demo/calc and its accumulator from JavaScript', async () => {
    const out = compose('go-ts.wasm', fixture('demo-app'), fixture('demo-format'));
    expect(nonWasi(importsOf(out))).toEqual(['weld:demo/calc@0.1.0']);
    const result = await runCli(out, ['1e20 * 10', '2 - 0.5', '7 / 0', '1 +'], { hostModule: host('demo-calc') });
    // Go writes 1e21 in full where JavaScript would write 1e+21; the errors are
    // JavaScript's calc-error values in Go's sentences.
    expect(result.stdout).toBe(
      `100000000000000000000 * 10 = 1000000000000000000000 ${credits}\n` +
        `2 - 0.5 = 1.5 ${credits}\n` +
        '7 / 0: error: Cannot divide by zero.\n' +
        "1 +: error: Syntax error at byte 0: JavaScript cannot read '1 +'.\n" +
        'total = 1000000000000000000000 (2 of 4 expressions, accumulated by Rust)\n',
    );
    // The host traces its calls: the values and the accumulator are JavaScript's.
    expect(result.stderr).toBe('js calc: new accumulator(0)\njs calc: 100000000000000000000 mul 10 = 1e+21\njs calc: 2 sub 0.5 = 1.5\n');
    expect(result.exitCode).toBe(1);
  });
});

// ---------------------------------------------------------------------------
// WASI at two versions. jco ships WASI trees 0.2.10 and 0.2.12 (0.2.3, the
// issue's example, is not among them), and its 0.2.10 tree has wasi:io but
// no wasi:cli: wasi:cli/stdout@0.2.10 and wasi:cli/run@0.2.10 are declared
// below, as they are in every 0.2.x release.

const wasiMixWit = `
package weld:wasi-mix@0.1.0;

/// Prints each log line on stdout.
world logger {
  import wasi:io/streams@0.2.10;
  import wasi:cli/stdout@0.2.10;
  export weld:calc/log@1.0.0;
}

/// A command: shouts through weld:calc/calc and prints the answer on stdout.
world driver {
  import wasi:io/streams@0.2.10;
  import wasi:cli/stdout@0.2.10;
  import weld:calc/calc@1.0.0;
  export wasi:cli/run@0.2.10;
}

package wasi:cli@0.2.10 {
  interface stdout {
    use wasi:io/streams@0.2.10.{output-stream};
    get-stdout: func() -> output-stream;
  }
  interface run {
    run: func() -> result;
  }
}
`;

/** Core WAT both use: memory, an allocator, and `$print` (ptr, len) to wasi:cli/stdout through wasi:io/streams@0.2.10. */
const watStdout = `
  (import "wasi:cli/stdout@0.2.10" "get-stdout" (func $get_stdout (result i32)))
  (import "wasi:io/streams@0.2.10" "[method]output-stream.blocking-write-and-flush" (func $write (param i32 i32 i32 i32)))
  (import "wasi:io/streams@0.2.10" "[resource-drop]output-stream" (func $drop_stream (param i32)))
  (memory (export "memory") 1)${watBumpAllocator}
  ;; The result<_, stream-error> of each write lands at 0 and is ignored.
  (func $print (param $ptr i32) (param $len i32)
    (local $out i32)
    (local.set $out (call $get_stdout))
    (call $write (local.get $out) (local.get $ptr) (local.get $len) (i32.const 0))
    (call $drop_stream (local.get $out)))`;

const loggerCore = `
(module
  ${watStdout}
  (data (i32.const 64) "debug: ")
  (data (i32.const 72) "info: ")
  (data (i32.const 80) "warn: ")
  (data (i32.const 96) "\\n")
  ;; \`level\` is the enum's index: its name is at 64 + 8 × level, 7 bytes for debug, else 6.
  (func (export "weld:calc/log@1.0.0#write") (param $level i32) (param $ptr i32) (param $len i32)
    (call $print (i32.add (i32.const 64) (i32.shl (local.get $level) (i32.const 3)))
                 (select (i32.const 7) (i32.const 6) (i32.eqz (local.get $level))))
    (call $print (local.get $ptr) (local.get $len))
    (call $print (i32.const 96) (i32.const 1))))
`;

const driverCore = `
(module
  (import "weld:calc/calc@1.0.0" "shout" (func $shout (param i32 i32 i32)))
  (import "weld:calc/calc@1.0.0" "[constructor]accumulator" (func $accumulator (param i64) (result i32)))
  (import "weld:calc/calc@1.0.0" "[resource-drop]accumulator" (func $drop_accumulator (param i32)))
  ${watStdout}
  (data (i32.const 64) "merged streams")
  (data (i32.const 96) "\\n")
  (func (export "wasi:cli/run@0.2.10#run") (result i32)
    ;; rust-calc traces a new accumulator on its stderr (with CALC_TRACE set).
    (call $drop_accumulator (call $accumulator (i64.const 40)))
    ;; shout logs its text through the logger, then answers it upper-cased (pointer and length at 16).
    (call $shout (i32.const 64) (i32.const 14) (i32.const 16))
    (call $print (i32.load (i32.const 16)) (i32.load (i32.const 20)))
    (call $print (i32.const 96) (i32.const 1))
    (i32.const 0)))
`;

const wasiMix = { text: wasiMixWit, deps: [rustCalcWitDir, jcoWasiWit('0.2.10', 'wasi-io')] };

describe('weld compose output runs: WASI imports at different 0.2.x versions merged into one', () => {
  it('driver (0.2.10) ← rust-calc (0.2.12) ← logger (0.2.10): one wasi:io/streams@0.2.12 import, used by all three', async () => {
    const driver = componentFileFromWit({ ...wasiMix, core: driverCore }, 'driver');
    const logger = componentFileFromWit({ ...wasiMix, core: loggerCore }, 'logger');
    expect(importsOf(driver)).toContain('wasi:io/streams@0.2.10');
    expect(importsOf(logger)).toContain('wasi:io/streams@0.2.10');
    expect(importsOf(fixture('rust-calc'))).toContain('wasi:io/streams@0.2.12');

    const out = compose('wasi-mix.wasm', driver, fixture('rust-calc'), logger);
    const imports = importsOf(out);
    expect(imports.filter((name) => /^wasi:(io\/streams|cli\/std(out|err))@/u.test(name))).toEqual([
      'wasi:io/streams@0.2.12',
      'wasi:cli/stdout@0.2.12',
      'wasi:cli/stderr@0.2.12',
    ]);
    expect(imports.filter((name) => name.startsWith('wasi:') && !name.endsWith('@0.2.12'))).toEqual([]);

    // stdout: the logger's line (0.2.10 callers), then the driver's (0.2.10);
    // stderr: rust-calc's own trace (0.2.12) — all through the one import.
    expect(await runCli(out, [], { env: { CALC_TRACE: '1' } })).toEqual({
      stdout: 'info: merged streams\nMERGED STREAMS!\n',
      stderr: 'accumulator(40)\n',
      exitCode: 0,
    });
  });
});
