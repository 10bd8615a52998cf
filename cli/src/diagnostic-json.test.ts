import { ComposeError, composeFromConfig, parseComposeConfig } from '@weld/compose';
import { WitError, diagnostic, loadWitText } from '@weld/wit';
import { describe, expect, it } from 'vitest';
import { diagnosticToJson } from './diagnostic-json.js';

async function witFailure(text: string): Promise<WitError> {
  const error = await Promise.resolve()
    .then(() => loadWitText('a.wit', text))
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(WitError);
  return error as WitError;
}

describe('diagnosticToJson', () => {
  it('gives a WIT error its file, UTF-8 byte span, line and column', async () => {
    // `é` is two bytes: the span of `strin` starts at byte 40, not 39.
    const error = await witFailure('package a:b;\ninterface i { /* é */ type t = strin; }\n');
    expect(diagnosticToJson(error.toDiagnostic())).toEqual({
      severity: 'error',
      message: 'type `strin` does not exist',
      location: { kind: 'span', path: 'a.wit', start: 45, end: 50, line: 2, column: 33 },
      labels: [],
      notes: [],
      hint: null,
    });
  });

  it('carries the package a WIT error asks for as hint data, which the CLI words as where to put it', async () => {
    const error = await witFailure('package a:b;\ninterface i { use c:d/e.{t}; }\n');
    expect(error.message).toBe("package 'c:d' not found. known packages:\n    a:b");
    expect(diagnosticToJson(error.toDiagnostic()).hint).toEqual({ kind: 'missing-package', requested: 'c:d', known: ['a:b'] });
  });

  it('labels both definitions of a package defined twice, which the message lists as text', async () => {
    const error = await witFailure('package a:b;\npackage x:y { interface i {} }\npackage x:y { interface j {} }\n');
    expect(error.message).toBe('package `x:y` is defined in two different locations:\n  * a.wit:3:9\n  * a.wit:2:9');
    const json = diagnosticToJson(error.toDiagnostic());
    expect(json.location).toBeNull();
    expect(json.labels).toEqual([
      { span: { kind: 'span', path: 'a.wit', start: 52, end: 55, line: 3, column: 9 }, text: '`x:y` is defined here' },
      { span: { kind: 'span', path: 'a.wit', start: 21, end: 24, line: 2, column: 9 }, text: '`x:y` is defined here' },
    ]);
  });

  it('keeps the notes, labels and hint data, and binary and graph locations as they are', () => {
    const d = diagnostic('there is no component named calculator', { kind: 'binary', path: 'x.wasm', offset: 8 }, {
      notes: ['components: calc'],
      labels: [{ span: { kind: 'span', path: 'c.yaml', start: 3, end: 4 }, text: 'written here' }],
      hint: { kind: 'did-you-mean', requested: 'calculator', known: ['calc'] },
      severity: 'warning',
    });
    expect(diagnosticToJson(d)).toEqual({
      severity: 'warning',
      message: 'there is no component named calculator',
      location: { kind: 'binary', path: 'x.wasm', offset: 8 },
      labels: [{ span: { kind: 'span', path: 'c.yaml', start: 3, end: 4, line: null, column: null }, text: 'written here' }],
      notes: ['components: calc'],
      hint: { kind: 'did-you-mean', requested: 'calculator', known: ['calc'] },
    });
    expect(diagnosticToJson(diagnostic('m', { kind: 'graph', arena: 'instance', id: 2 })).location).toEqual({ kind: 'graph', arena: 'instance', id: 2 });
  });

  it('gives a configuration error its byte span and the column yaml counts, and keeps file:line:col in its message', async () => {
    // `é` is one UTF-16 unit and two bytes: yaml's column 11 is byte 11 (0-based) of the line, which starts at byte 12.
    const text = 'components:\n  é: { x: *nope }\ninstances: {}\nexports: {}\n';
    const error = await parseComposeConfig(text, 'c.yaml').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ComposeError);
    const compose = error as ComposeError;
    expect(compose.message).toBe("c.yaml:2:11: invalid YAML: the alias '*nope' refers to no anchor before it");
    expect(diagnosticToJson(compose.toDiagnostic())).toMatchObject({
      message: "invalid YAML: the alias '*nope' refers to no anchor before it",
      location: { kind: 'span', path: 'c.yaml', start: 23, end: 24, line: 2, column: 11 },
    });
  });

  it('gives a name in a configuration that refers to nothing the names there are, as did-you-mean data', async () => {
    const config = await parseComposeConfig('components: { calc: c.wasm }\ninstances: { a: { component: calculator } }\nexports: {}\n', 'c.yaml');
    const error = await composeFromConfig(config, () => new Uint8Array()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ComposeError);
    expect(diagnosticToJson((error as ComposeError).toDiagnostic())).toMatchObject({
      location: { kind: 'span', path: 'c.yaml', start: 58, end: 59, line: 2, column: 30 },
      notes: ['components: calc'],
      hint: { kind: 'did-you-mean', requested: 'calculator', known: ['calc'] },
    });
  });

  it('gives an error of no place a null location, and a ComposeError its details as notes', () => {
    const json = diagnosticToJson(new ComposeError('policy', 'denied', ['wasi:sockets/tcp, needed by app.wasm']).toDiagnostic());
    expect(json.location).toBeNull();
    expect(json.notes).toEqual(['wasi:sockets/tcp, needed by app.wasm']);
  });
});
