import { describe, expect, it } from 'vitest';
import { diagnostic } from '@weld/wit';
import { renderDiagnostic, renderWasmToolsDiagnostic, renderWeldDiagnostic } from './render-diagnostic.js';

// Expected strings are what `wasm-tools component wit` 1.263.0 printed for
// the same inputs (minus its leading `error: `).
describe('renderDiagnostic', () => {
  it('renders a one-character span as a caret', () => {
    const text = renderDiagnostic({
      message: "invalid character in identifier 'é'",
      location: { path: 'errt/b.wit', line: 3, column: 16, lineText: '  x: func() -> é;', length: 1 },
    });
    expect(text).toBe(
      [
        "invalid character in identifier 'é'",
        '     --> errt/b.wit:3:16',
        '      |',
        '    3 |   x: func() -> é;',
        '      |                ^',
      ].join('\n'),
    );
  });

  it('adds one dash per extra character and pads the caret by UTF-8 bytes', () => {
    // `é` is two bytes, so the reference puts the caret one cell to the right.
    const text = renderDiagnostic({
      message: 'type `strin` does not exist',
      location: { path: 'errd/c.wit', line: 3, column: 21, lineText: '  /* é */ type t = strin;', length: 5 },
    });
    expect(text).toBe(
      [
        'type `strin` does not exist',
        '     --> errd/c.wit:3:21',
        '      |',
        '    3 |   /* é */ type t = strin;',
        '      |                     ^----',
      ].join('\n'),
    );
  });

  it('right-aligns line numbers in four columns and lets longer ones grow', () => {
    const at = (line: number): string | undefined =>
      renderDiagnostic({
        message: 'm',
        location: { path: 'p.wit', line, column: 1, lineText: 'x', length: 1 },
      }).split('\n')[3];
    expect(at(42)).toBe('   42 | x');
    expect(at(12345)).toBe(' 12345 | x');
  });

  it('drops the carriage return of a CRLF line', () => {
    const text = renderDiagnostic({
      message: 'm',
      location: { path: 'p.wit', line: 1, column: 1, lineText: 'package\r', length: 7 },
    });
    expect(text.split('\n')[3]).toBe('    1 | package');
  });

  it('falls back to path:line:col when the line is over 500 bytes', () => {
    const location = { path: 'big.wit', line: 1, column: 7, lineText: `${'x'.repeat(250)}${'é'.repeat(126)}`, length: 3 };
    // 250 + 252 bytes: over the limit although it is only 376 characters.
    expect(renderDiagnostic({ message: 'bad', location })).toBe('big.wit:1:7: bad');
    const exactly500 = { ...location, lineText: 'x'.repeat(500) };
    expect(renderDiagnostic({ message: 'bad', location: exactly500 }).split('\n')).toHaveLength(5);
  });

  it('is just the message without a location', () => {
    expect(renderDiagnostic({ message: 'no package found in wit/', location: undefined })).toBe(
      'no package found in wit/',
    );
  });
});

describe('renderWeldDiagnostic', () => {
  const at = (column: number, lineText: string) => ({ kind: 'span' as const, path: 'c.yaml', start: 0, end: 1, resolved: { line: 12, column, lineText, length: 1 } });

  it('puts file:line:col before the message, the line under a gutter as wide as its number, and the notes after', () => {
    expect(renderWeldDiagnostic(diagnostic('there is no component named x', at(3, '  x: y'), { notes: ['components: a, b'] }))).toBe(
      ['c.yaml:12:3: there is no component named x', '     |', '  12 |   x: y', '     |   ^', '  components: a, b'].join('\n'),
    );
  });

  it('shows 40 characters before the column and 60 after of a long line, marking the cuts', () => {
    const line = `${'a'.repeat(100)}X${'b'.repeat(100)}`;
    const lines = renderWeldDiagnostic(diagnostic('m', at(101, line))).split('\n');
    expect(lines[2]).toBe(`  12 | …${'a'.repeat(40)}X${'b'.repeat(59)}…`);
    expect(lines[3]).toBe(`     | ${' '.repeat(41)}^`);
  });

  it('is the message and its notes without a source span', () => {
    expect(renderWeldDiagnostic(diagnostic('denied', { kind: 'binary', offset: 3 }, { notes: ['a', 'b'] }))).toBe('denied\n  a\n  b');
  });
});

describe('renderWasmToolsDiagnostic', () => {
  it('renders the span of a diagnostic in the wasm-tools layout', () => {
    const d = diagnostic('m', { kind: 'span', path: 'p.wit', resolved: { line: 1, column: 2, lineText: 'ab', length: 1 } });
    expect(renderWasmToolsDiagnostic(d)).toBe(renderDiagnostic({ message: 'm', location: { path: 'p.wit', line: 1, column: 2, lineText: 'ab', length: 1 } }));
  });
});
