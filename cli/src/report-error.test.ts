import { ComposeError } from '@weld/compose';
import { parseWac, WacError } from '@weld/wac';
import { WitError } from '@weld/wit';
import { describe, expect, it } from 'vitest';
import type { CliIo } from './io.js';
import { reportError, UsageError } from './report-error.js';

function capture(debug: boolean): { io: CliIo; stderr: () => string } {
  let text = '';
  return {
    io: { out: () => expect.fail('nothing goes to stdout'), err: (chunk) => void (text += chunk), debug },
    stderr: () => text,
  };
}

describe('reportError', () => {
  it('renders a WitError with its snippet and exits 1', () => {
    const { io, stderr } = capture(false);
    const location = { path: 'a.wit', line: 2, column: 3, lineText: '  oops', length: 4 };
    expect(reportError(new WitError('syntax', 'expected `;`', { start: 0, end: 4 }, location), io)).toBe(1);
    expect(stderr()).toBe('error: expected `;`\n     --> a.wit:2:3\n      |\n    2 |   oops\n      |   ^---\n');
  });

  it('renders a WacError from the WAC parser with file:line:col and a caret and exits 1', () => {
    const { io, stderr } = capture(false);
    let error: unknown;
    try {
      parseWac('package a:b;\nlet x = new a:c { ; };\n', 'app.wac');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WacError);
    expect(reportError(error, io)).toBe(1);
    expect(stderr()).toBe([
      'error: expected either `}`, `...`, identifier, or string literal, found `;`',
      '     --> app.wac:2:19',
      '      |',
      '    2 | let x = new a:c { ; };',
      '      |                   ^',
      '',
    ].join('\n'));
  });

  it('prints a usage error as one line and exits 1', () => {
    const { io, stderr } = capture(true);
    expect(reportError(new UsageError("cannot read 'x': no such file or directory"), io)).toBe(1);
    expect(stderr()).toBe("error: cannot read 'x': no such file or directory\n");
  });

  it('prints a usage error\'s hint on one indented line', () => {
    const { io, stderr } = capture(false);
    expect(reportError(new UsageError('wit/calc.wit: a WIT file, not a WebAssembly binary', 'to read it: weld wit wit/calc.wit'), io)).toBe(1);
    expect(stderr()).toBe('error: wit/calc.wit: a WIT file, not a WebAssembly binary\n  to read it: weld wit wit/calc.wit\n');
  });

  it('reports a file-system error (a full disk, a missing folder) as the user\'s, exit 1', () => {
    const { io, stderr } = capture(true);
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
    expect(reportError(full, io)).toBe(1);
    const missing = Object.assign(new Error("ENOENT: no such file or directory, open 'a/b'"), { code: 'ENOENT', path: 'a/b' });
    expect(reportError(missing, io)).toBe(1);
    expect(stderr()).toBe("error: no space left on the device\nerror: 'a/b': no such file or directory\n");
  });

  it('prints a ComposeError with its details indented and exits 1', () => {
    const { io, stderr } = capture(false);
    const error = new ComposeError('policy', 'the composition leaves an import the capability policy forbids', [
      "wasi:sockets/tcp@0.2.0 (denied by 'wasi:sockets/*'), needed by app.wasm",
    ]);
    expect(reportError(error, io)).toBe(1);
    expect(stderr()).toBe(
      "error: the composition leaves an import the capability policy forbids\n  wasi:sockets/tcp@0.2.0 (denied by 'wasi:sockets/*'), needed by app.wasm\n",
    );
  });

  it('reports anything else as an internal error on one line, exit 2', () => {
    const { io, stderr } = capture(false);
    expect(reportError(new TypeError('x is undefined\nsecond line'), io)).toBe(2);
    expect(stderr()).toBe('internal error: x is undefined\n');
  });

  it('adds the stack for internal errors only with WELD_DEBUG', () => {
    const { io, stderr } = capture(true);
    expect(reportError(new Error('boom'), io)).toBe(2);
    expect(stderr()).toMatch(/^internal error: boom\nError: boom\n {4}at /u);
  });

  it('copes with a thrown non-Error', () => {
    const { io, stderr } = capture(false);
    expect(reportError('just a string', io)).toBe(2);
    expect(stderr()).toBe('internal error: just a string\n');
  });
});
