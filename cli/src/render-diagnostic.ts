/**
 * The one place diagnostics become text. Libraries report a `Diagnostic`
 * (`@weld/wit`); this renders it in one of two layouts: wasm-tools' own for
 * WIT, so weld and wasm-tools errors read the same, and weld's
 * `file:line:col: message` with a gutter for everything else.
 */
import type { Diagnostic, SourceLocation } from '@weld/wit';

/** A message with where it is, in the wasm-tools layout. */
export interface WasmToolsSnippet {
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
export function renderDiagnostic(diagnostic: WasmToolsSnippet): string {
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

/** The source span of a diagnostic with its line and column, or undefined. */
function resolvedSpan(d: Diagnostic): SourceLocation | undefined {
  const location = d.location;
  if (location?.kind !== 'span' || location.resolved === undefined) return undefined;
  return { path: location.path, ...location.resolved };
}

/** Notes follow the diagnostic, one per line, indented by two. */
const noteLines = (d: Diagnostic): string => d.notes.map((note) => `\n  ${note}`).join('');

/** A WIT diagnostic in wasm-tools' layout ({@link renderDiagnostic}), then its notes. No trailing newline. */
export function renderWasmToolsDiagnostic(d: Diagnostic): string {
  return `${renderDiagnostic({ message: d.message, location: resolvedSpan(d) })}${noteLines(d)}`;
}

/** How much of a long line weld's layout shows around the column it points at. */
const SNIPPET_BEFORE = 40;
const SNIPPET_AFTER = 60;

/** The part of `line` shown around `column` (1-based), with `…` where it is cut, and the caret's offset in it. */
function snippet(line: string, column: number): { readonly text: string; readonly caret: number } {
  const at = Math.max(0, column - 1);
  if (line.length <= SNIPPET_BEFORE + SNIPPET_AFTER) return { text: line, caret: at };
  const start = Math.max(0, at - SNIPPET_BEFORE);
  const end = Math.min(line.length, at + SNIPPET_AFTER);
  const head = start > 0 ? '…' : '';
  return { text: `${head}${line.slice(start, end)}${end < line.length ? '…' : ''}`, caret: head.length + at - start };
}

/**
 * A diagnostic in weld's layout, no trailing newline:
 *
 * ```text
 * <path>:<line>:<col>: <message>
 *     |
 *   <line> | <source line, cut around the column when long>
 *     |   ^
 *   <note>
 * ```
 *
 * Without a source span it is the message and its notes.
 */
export function renderWeldDiagnostic(d: Diagnostic): string {
  const at = resolvedSpan(d);
  if (at === undefined) return `${d.message}${noteLines(d)}`;
  const { text, caret } = snippet(at.lineText, at.column);
  const gutter = ' '.repeat(String(at.line).length);
  return [
    `${at.path}:${at.line}:${at.column}: ${d.message}`,
    `  ${gutter} |`,
    `  ${at.line} | ${text}`,
    `  ${gutter} | ${' '.repeat(caret)}^`,
  ].join('\n') + noteLines(d);
}
