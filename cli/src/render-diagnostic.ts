import type { SourceLocation } from '@weld/wit';

/** What a diagnostic needs: a `WitError` fits, and so does a plain object in tests. */
export interface Diagnostic {
  readonly message: string;
  readonly location: SourceLocation | undefined;
}

/**
 * The reference wit-parser gives up on the snippet past this many bytes: a
 * minified line would flood the terminal (and Rust's format width caps it).
 */
const MAX_SNIPPET_BYTES = 500;

/**
 * Renders a diagnostic byte for byte like `highlight_err` in the reference
 * `wit-parser` (`src/ast.rs`), so weld and wasm-tools errors read the same:
 *
 * ```text
 * <message>
 *      --> <path>:<line>:<col>
 *       |
 *  <line> | <source line>
 *       | <spaces>^---
 * ```
 *
 * Without a location it is just the message. No trailing newline.
 */
export function renderDiagnostic(diagnostic: Diagnostic): string {
  const { message, location } = diagnostic;
  if (location === undefined) return message;
  const { path, line, column, length } = location;
  // Rust's `str::lines` drops the `\r` of a CRLF line ending.
  const snippet = location.lineText.endsWith('\r') ? location.lineText.slice(0, -1) : location.lineText;
  if (Buffer.byteLength(snippet, 'utf8') > MAX_SNIPPET_BYTES) {
    return `${path}:${line}:${column}: ${message}`;
  }
  // The column counts UTF-8 bytes and the caret is padded to that width, as
  // the reference does with `{marker:>col$}`.
  const marker = `${' '.repeat(Math.max(0, column - 1))}^${'-'.repeat(Math.max(0, length - 1))}`;
  return [
    message,
    `     --> ${path}:${line}:${column}`,
    '      |',
    ` ${String(line).padStart(4)} | ${snippet}`,
    `      | ${marker}`,
  ].join('\n');
}
