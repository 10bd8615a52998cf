/**
 * weld counts source offsets in UTF-8 bytes (as wasm-tools does); the
 * Language Server Protocol counts lines and UTF-16 code units. These convert
 * one into the other over a file's text, in one linear pass.
 */

/** An LSP position: 0-based line and 0-based UTF-16 code units into it. */
export interface LspPosition {
  readonly line: number;
  readonly character: number;
}

const LF = 0x0a;
const CR = 0x0d;

/** The UTF-8 length of a code point; a lone surrogate is encoded as U+FFFD, three bytes. */
function utf8Size(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  return codePoint < 0x10000 ? 3 : 4;
}

/** LSP ends lines at `\n`, `\r\n` and a lone `\r`; the `\r` of `\r\n` ends nothing by itself. */
function endsLine(text: string, index: number, unit: number): boolean {
  return unit === LF || (unit === CR && text.charCodeAt(index + 1) !== LF);
}

/**
 * The LSP position of UTF-8 byte `offset` into `text`. An offset inside a
 * character's bytes means that character; one past the end means the end.
 */
export function byteOffsetToPosition(text: string, offset: number): LspPosition {
  let line = 0;
  let character = 0;
  let bytes = 0;
  for (let i = 0; i < text.length; ) {
    const codePoint = text.codePointAt(i)!;
    // `\r\n` is one line break: an offset between its bytes means its start, like one inside a character.
    const crlf = codePoint === CR && text.charCodeAt(i + 1) === LF;
    const size = crlf ? 2 : utf8Size(codePoint);
    if (bytes + size > offset) break;
    const units = codePoint > 0xffff || crlf ? 2 : 1;
    if (crlf || endsLine(text, i, codePoint)) {
      line++;
      character = 0;
    } else {
      character += units;
    }
    bytes += size;
    i += units;
  }
  return { line, character };
}

/**
 * The UTF-8 byte offset of an LSP position in `text`. As LSP says, a
 * character past the end of its line means the line's end, and a line past
 * the last means the end of the text; a position inside a surrogate pair
 * means the pair.
 */
export function positionToByteOffset(text: string, position: LspPosition): number {
  let bytes = 0;
  let i = 0;
  for (let line = 0; line < position.line && i < text.length; ) {
    const codePoint = text.codePointAt(i)!;
    if (endsLine(text, i, codePoint)) line++;
    bytes += utf8Size(codePoint);
    i += codePoint > 0xffff ? 2 : 1;
  }
  for (let character = 0; i < text.length; ) {
    const codePoint = text.codePointAt(i)!;
    const units = codePoint > 0xffff ? 2 : 1;
    if (character + units > position.character || codePoint === LF || codePoint === CR) break;
    character += units;
    bytes += utf8Size(codePoint);
    i += units;
  }
  return bytes;
}
