/** `LineTable` agrees with `vscode-languageserver-textdocument` on every offset and position of any text. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineTable } from './text-position.js';

const textArb = fc.string({ unit: fc.constantFrom('a', 'é', '🦀', '\n', '\r', '\r\n', ' ', '\ud800'), maxLength: 60 });

describe('LineTable', () => {
  it('converts offsets and positions as TextDocument does', () => {
    fc.assert(
      fc.property(textArb, fc.nat(), fc.nat({ max: 30 }), fc.nat({ max: 30 }), (text, offset, line, character) => {
        const table = new LineTable(text);
        const document = TextDocument.create('file:///a.wit', 'wit', 1, text);
        const at = offset % (text.length + 2);
        // TextDocument keeps a `\r\n` together; an offset between its two units is not a position of its own there.
        if (text[at - 1] !== '\r' || text[at] !== '\n') expect(table.position(at)).toEqual(document.positionAt(at));
        expect(table.offset({ line, character })).toBe(document.offsetAt({ line, character }));
      }),
      { numRuns: 2000 },
    );
  });
});
