import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byteOffsetToPosition, positionToByteOffset } from './lsp-position.js';

const bytesOf = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Text from ASCII, two- and three-byte characters, astral ones (surrogate pairs) and every line break LSP knows. */
const textArb = fc
  .array(fc.constantFrom('a', 'Z', ' ', 'é', 'ß', '€', '中', '😀', '𝄞', '\n', '\r\n', '\r'), { maxLength: 40 })
  .map((parts) => parts.join(''));

/** The UTF-16 indexes a byte offset can name: every code point boundary, none inside `\r\n`. */
function boundaries(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i <= text.length; i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1) {
    if (!(text[i - 1] === '\r' && text[i] === '\n')) out.push(i);
  }
  return out;
}

/** The reference: split the prefix at its line breaks and count UTF-16 units of the last line. */
function oracle(text: string, index: number): { line: number; character: number } {
  const lines = text.slice(0, index).split(/\r\n|\r|\n/u);
  return { line: lines.length - 1, character: lines.at(-1)!.length };
}

describe('LSP positions', () => {
  it('maps byte offsets to lines and UTF-16 units, and back', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        for (const index of boundaries(text)) {
          const offset = bytesOf(text.slice(0, index));
          const position = byteOffsetToPosition(text, offset);
          expect(position).toEqual(oracle(text, index));
          expect(positionToByteOffset(text, position)).toBe(offset);
        }
      }),
    );
  });

  it('reads an offset inside a character as that character, and clamps positions past a line or the text', () => {
    fc.assert(
      fc.property(textArb, fc.nat(200), fc.nat(5), fc.nat(50), (text, offset, line, character) => {
        const position = byteOffsetToPosition(text, offset);
        const back = positionToByteOffset(text, position);
        expect(back).toBeLessThanOrEqual(Math.min(offset, bytesOf(text)));
        expect(byteOffsetToPosition(text, back)).toEqual(position);
        const clamped = positionToByteOffset(text, { line, character });
        expect(clamped).toBeLessThanOrEqual(bytesOf(text));
        // The offset found lies on the line asked for, or on the last line when there are fewer.
        expect(byteOffsetToPosition(text, clamped).line).toBe(Math.min(line, oracle(text, text.length).line));
      }),
    );
  });

  it('counts an astral character as two UTF-16 units and four bytes', () => {
    const text = 'a😀b\n€x';
    expect(byteOffsetToPosition(text, 5)).toEqual({ line: 0, character: 3 });
    expect(byteOffsetToPosition(text, 3)).toEqual({ line: 0, character: 1 });
    expect(positionToByteOffset(text, { line: 1, character: 1 })).toBe(10);
    expect(positionToByteOffset(text, { line: 0, character: 2 })).toBe(1);
  });
});
