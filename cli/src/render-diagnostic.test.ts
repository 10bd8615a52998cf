import { describe, expect, it } from 'vitest';
import { renderDiagnostic } from './render-diagnostic.js';

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
