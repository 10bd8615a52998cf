// app-ts: the demo command (world `app` of wit/app.wit) for componentize-js.
// For each argument it asks the Rust component (weld:demo/calc) to parse and
// evaluate, keeps a running total in a Rust `accumulator`, and asks the Go
// component (weld:demo/format) to write the results; one line per argument,
// then the total. `run` returns err (a non-zero exit) if any argument failed.
//
// Types come from imports.d.ts; build.mjs strips them with the TypeScript
// compiler (transpileModule) and hands the JS to componentize-js.
import { Accumulator, eval as evaluate, parse, type CalcError } from 'weld:demo/calc@0.1.0';
import { describeError, equation, number, type Style } from 'weld:demo/format@0.1.0';
import { getArguments } from 'wasi:cli/environment@0.2.12';
import { getStdout } from 'wasi:cli/stdout@0.2.12';

const style: Style = { notation: {} };
const credits = '(computed by Rust, formatted by Go, routed by TypeScript)';

/** Writes lines to `wasi:cli/stdout`, in chunks the stream accepts (4096 bytes). */
function print(...lines: string[]): void {
  const bytes = new TextEncoder().encode(lines.map((line) => `${line}\n`).join(''));
  const out = getStdout();
  for (let at = 0; at < bytes.length; at += 4096) out.blockingWriteAndFlush(bytes.subarray(at, at + 4096));
}

/**
 * The calc-error of a failed import call: componentize-js throws a
 * `ComponentError` (not an `Error`) whose `payload` is the `err` value.
 */
function calcError(err: unknown): CalcError {
  if (typeof err === 'object' && err !== null && 'payload' in err) return err.payload as CalcError;
  throw err;
}

export const run = {
  run(): void {
    const [program = 'app', ...expressions] = getArguments();
    if (expressions.length === 0) {
      print(`usage: ${program} EXPRESSION...   (e.g. '1.5 * 4')`);
      throw new Error('no expressions');
    }
    const total = new Accumulator(0);
    let failed = 0;
    for (const text of expressions) {
      try {
        const expression = parse(text);
        const value = evaluate(expression);
        total.apply('add', value);
        print(`${equation(expression, value, style)} ${credits}`);
      } catch (err) {
        failed++;
        print(`${text}: error: ${describeError(calcError(err))}`);
      }
    }
    const counted = expressions.length - failed;
    print(`total = ${number(total.total(), style)} (${counted} of ${expressions.length} expressions, accumulated by Rust)`);
    if (failed > 0) throw new Error(`${failed} expression(s) failed`);
  },
};
