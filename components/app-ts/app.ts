// app-ts: the demo's router (world `app` of wit/app.wit) for componentize-js.
// For each expression it asks the Rust component (weld:demo/calc) to parse
// and evaluate, keeps a running total in a Rust `accumulator`, and asks the
// Go component (weld:demo/format) to write the results; one line per
// expression, then the total. Two ways in:
//   - wasi:cli/run: the expressions are the arguments; the lines go to
//     stdout; `run` returns err (a non-zero exit) if any failed.
//   - wasi:http/incoming-handler: the expressions are the `expr` query
//     parameters (`GET /?expr=1.5*4&expr=10/4`); the lines are the body,
//     with status 200, or 400 if any failed or none was given.
//
// Types come from `weld types` (types/, generated from wit/); `weld build` bundles this file with esbuild
// (the WIT imports stay imports) and hands it to componentize-js.
import { Accumulator, eval as evaluate, parse, type CalcError } from 'weld:demo/calc@0.1.0';
import { describeError, equation, number, type Style } from 'weld:demo/format@0.1.0';
import { getArguments } from 'wasi:cli/environment@0.2.12';
import { getStdout } from 'wasi:cli/stdout@0.2.12';
import {
  Fields,
  OutgoingBody,
  OutgoingResponse,
  ResponseOutparam,
  type IncomingRequest,
} from 'wasi:http/types@0.2.12';
import type { OutputStream } from 'wasi:io/streams@0.2.12';

const style: Style = { notation: {} };
const credits = '(computed by Rust, formatted by Go, routed by TypeScript)';
const encoder = new TextEncoder();

/** What a list of expressions comes to: the lines to show, and how many failed. */
interface Outcome {
  readonly lines: string[];
  readonly failed: number;
}

/**
 * The calc-error of a failed import call: componentize-js throws a
 * `ComponentError` (not an `Error`) whose `payload` is the `err` value.
 */
function calcError(err: unknown): CalcError {
  if (typeof err === 'object' && err !== null && 'payload' in err) return err.payload as CalcError;
  throw err;
}

/** Computes (Rust), formats (Go) and totals each expression. */
function evaluateAll(expressions: readonly string[]): Outcome {
  const total = new Accumulator(0);
  const lines: string[] = [];
  let failed = 0;
  for (const text of expressions) {
    try {
      const expression = parse(text);
      const value = evaluate(expression);
      total.apply('add', value);
      lines.push(`${equation(expression, value, style)} ${credits}`);
    } catch (err) {
      failed++;
      lines.push(`${text}: error: ${describeError(calcError(err))}`);
    }
  }
  const counted = expressions.length - failed;
  lines.push(`total = ${number(total.total(), style)} (${counted} of ${expressions.length} expressions, accumulated by Rust)`);
  return { lines, failed };
}

/** Writes bytes to a stream in chunks it accepts (4096 bytes). */
function writeAll(stream: OutputStream, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; at += 4096) stream.blockingWriteAndFlush(bytes.subarray(at, at + 4096));
}

/** Writes lines to `wasi:cli/stdout`. */
function print(...lines: string[]): void {
  writeAll(getStdout(), encoder.encode(lines.map((line) => `${line}\n`).join('')));
}

export const run = {
  run(): void {
    const [program = 'app', ...expressions] = getArguments();
    if (expressions.length === 0) {
      print(`usage: ${program} EXPRESSION...   (e.g. '1.5 * 4')`);
      throw new Error('no expressions');
    }
    const { lines, failed } = evaluateAll(expressions);
    print(...lines);
    if (failed > 0) throw new Error(`${failed} expression(s) failed`);
  },
};

/** The values of query parameter `name` in a path such as `/?expr=1.5*4` (form encoding: `+` is a space). */
function queryValues(pathWithQuery: string, name: string): string[] {
  const query = pathWithQuery.includes('?') ? pathWithQuery.slice(pathWithQuery.indexOf('?') + 1) : '';
  const values: string[] = [];
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = eq === -1 ? pair : pair.slice(0, eq);
    const value = eq === -1 ? '' : pair.slice(eq + 1);
    const decode = (text: string) => decodeURIComponent(text.replace(/\+/g, ' '));
    if (decode(key) === name) values.push(decode(value));
  }
  return values;
}

/** Sends a text/plain response with `status` and `body`. */
function respond(out: ResponseOutparam, status: number, body: string): void {
  const response = new OutgoingResponse(Fields.fromList([['content-type', encoder.encode('text/plain; charset=utf-8')]]));
  response.setStatusCode(status);
  const outgoing = response.body();
  const stream = outgoing.write();
  writeAll(stream, encoder.encode(body));
  // The stream is a child of the body: drop it before finishing the body.
  stream[Symbol.dispose]();
  OutgoingBody.finish(outgoing, undefined);
  ResponseOutparam.set(out, { tag: 'ok', val: response });
}

export const incomingHandler = {
  handle(request: IncomingRequest, out: ResponseOutparam): void {
    const expressions = queryValues(request.pathWithQuery() ?? '/', 'expr');
    if (expressions.length === 0) {
      respond(out, 400, "usage: GET /?expr=EXPRESSION[&expr=...]   (e.g. /?expr=1.5*4)\n");
      return;
    }
    const { lines, failed } = evaluateAll(expressions);
    respond(out, failed > 0 ? 400 : 200, lines.map((line) => `${line}\n`).join(''));
  },
};
