/**
 * Positions in a file's text. The front end's syntax trees and resolves count
 * UTF-16 units of their (combined) text, its diagnostics UTF-8 bytes; LSP
 * counts lines and UTF-16 units. One line table per text converts the first,
 * `byteOffsetToPosition` the second.
 */
import { byteOffsetToPosition, type SourceSpan } from '@weld/wit';
import type { Position, Range } from 'vscode-languageserver';

/** Line starts of one text, for UTF-16 offset ↔ position in log time. */
export class LineTable {
  readonly text: string;
  readonly #starts: number[] = [0];

  constructor(text: string) {
    this.text = text;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      // LSP ends lines at `\n`, `\r\n` and a lone `\r`.
      if (unit === 0x0a || (unit === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) this.#starts.push(i + 1);
    }
  }

  /** The position of UTF-16 offset `offset`. */
  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.#starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.#starts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.#starts[low]! };
  }

  /** The UTF-16 offset of a position (a character past the line's end means its end). */
  offset(position: Position): number {
    const start = this.#starts[Math.min(position.line, this.#starts.length - 1)] ?? 0;
    if (position.line >= this.#starts.length) return this.text.length;
    const next = this.#starts[position.line + 1];
    // The line's end is before its line break, both units of a `\r\n`.
    const end = next === undefined ? this.text.length : next - (this.text.startsWith('\r\n', next - 2) ? 2 : 1);
    return Math.min(start + position.character, end);
  }

  /** The range of UTF-16 offsets `[start, end)`. */
  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }
}

/** The LSP range of a diagnostic's source span in `text` (the span's UTF-8 bytes, or its line and column). */
export function spanRange(text: string, span: SourceSpan): Range {
  if (span.start !== undefined) {
    return { start: byteOffsetToPosition(text, span.start), end: byteOffsetToPosition(text, span.end ?? span.start) };
  }
  const line = (span.resolved?.line ?? 1) - 1;
  const start = { line, character: 0 };
  return { start, end: start };
}
