import type { LineColumn } from './diagnostic.js';

/** A half-open range of offsets into a {@link SourceMap}'s combined text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A span resolved to one file: what a diagnostic shows. */
export interface SourceLocation extends LineColumn {
  readonly path: string;
  /** Half-open UTF-8 byte offsets of the span into its file, filled in by {@link SourceMap.locate}. */
  readonly start?: number;
  readonly end?: number;
}

interface Source {
  readonly offset: number;
  readonly path: string;
  readonly contents: string;
}

const utf8 = new TextEncoder();

/**
 * All files of a resolve in one offset space, so a span is two integers.
 * Each file is followed by one synthetic newline so an end-of-file span still
 * belongs to its file.
 */
export class SourceMap {
  readonly #sources: Source[] = [];
  #offset = 0;

  /** Adds a file and returns the offset its text starts at. */
  push(path: string, contents: string): number {
    const offset = this.#offset;
    this.#sources.push({ offset, path, contents });
    this.#offset += contents.length + 1;
    return offset;
  }

  /** The files in the order they were pushed. */
  get files(): readonly { readonly path: string; readonly contents: string; readonly offset: number }[] {
    return this.#sources;
  }

  /** Appends every file of `other`; returns the shift to add to its spans. */
  append(other: SourceMap): number {
    const base = this.#offset;
    for (const source of other.#sources) {
      this.#sources.push({ ...source, offset: source.offset + base });
    }
    this.#offset += other.#offset;
    return base;
  }

  /** Resolves a span to file, line and column; undefined for an unknown span. */
  locate(span: Span): SourceLocation | undefined {
    if (span.start < 0 || this.#sources.length === 0 || span.start >= this.#offset) return undefined;
    const source = this.#sourceFor(span.start);
    const relative = span.start - source.offset;
    let lineStart = 0;
    let line = 0;
    for (;;) {
      const newline = source.contents.indexOf('\n', lineStart);
      if (newline === -1 || newline >= relative) break;
      lineStart = newline + 1;
      line++;
    }
    const lineEnd = source.contents.indexOf('\n', lineStart);
    const lineText = source.contents.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
    const column = utf8.encode(source.contents.slice(lineStart, relative)).length + 1;
    const spanText = source.contents.slice(relative, Math.max(relative, span.end - source.offset));
    // Spans count UTF-16 units of the combined text; diagnostics count UTF-8 bytes of the file. Only errors get here, so encoding the prefix is cheap enough.
    const start = utf8.encode(source.contents.slice(0, relative)).length;
    const end = start + utf8.encode(spanText).length;
    return { path: source.path, line: line + 1, column, lineText, length: Math.max(1, [...spanText].length), start, end };
  }

  #sourceFor(offset: number): Source {
    let low = 0;
    let high = this.#sources.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.#sources[mid]!.offset <= offset) low = mid;
      else high = mid - 1;
    }
    return this.#sources[low]!;
  }
}
