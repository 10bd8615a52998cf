/**
 * A WAC file as UTF-8 bytes: spans are byte offsets, as wac's are, and a
 * span is turned into a line and column only when an error is reported.
 */
import type { SourceLocation, Span } from '@weld/wit';

const decoder = new TextDecoder();

/** One WAC file: its name for diagnostics and its bytes. */
export interface WacSource {
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** The text of `bytes[start, end)`. */
export function textOf(source: WacSource, span: Span): string {
  return decoder.decode(source.bytes.subarray(span.start, span.end));
}

/** Where `span` is: 1-based line, column in UTF-8 bytes (as wasm-tools counts), its line and its length in characters. */
export function locate(source: WacSource, span: Span): SourceLocation {
  const { bytes } = source;
  const start = Math.min(span.start, bytes.length);
  let lineStart = start;
  while (lineStart > 0 && bytes[lineStart - 1] !== 0x0a) lineStart--;
  let line = 1;
  for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line++;
  let lineEnd = start;
  while (lineEnd < bytes.length && bytes[lineEnd] !== 0x0a) lineEnd++;
  const lineText = decoder.decode(bytes.subarray(lineStart, lineEnd));
  const shown = decoder.decode(bytes.subarray(start, Math.min(Math.max(start, span.end), lineEnd)));
  return { path: source.path, line, column: start - lineStart + 1, lineText, length: Math.max(1, [...shown].length), start, end: Math.max(start, span.end) };
}
