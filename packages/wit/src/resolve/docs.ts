import type * as ast from '../parse/ast.js';
import type { Docs } from '../model.js';

/**
 * Turns doc comment tokens into documentation text: comment markers removed,
 * trailing space trimmed, the common indentation removed, blank lines kept
 * inside and dropped at the end.
 */
export function docsText(docs: ast.Docs): Docs {
  const lines = docs.lines.map((raw) => {
    const body = raw.startsWith('/**') ? raw.slice(3, raw.endsWith('*/') ? -2 : undefined) : raw.replace(/^\/+/, '');
    return body.trimEnd();
  });
  if (lines.length === 0) return undefined;
  const indents = lines.filter((l) => l.length > 0).map((l) => /^[ \t\n\r\f]*/.exec(l)![0].length);
  const indent = indents.length === 0 ? 0 : indents.reduce((a, b) => Math.min(a, b));
  const prefix = ' '.repeat(indent);
  let text = '';
  for (const line of lines) {
    const stripped = indent > 0 && line.startsWith(prefix) ? line.slice(indent) : line;
    if (stripped.length === 0) text += '\n';
    else for (const part of splitLines(stripped)) text += `${part}\n`;
  }
  return text.replace(/\n+$/, '');
}

// Rust's `str::lines`: split on `\n`, drop one trailing `\r` per line, no final empty line.
function splitLines(text: string): string[] {
  const parts = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}
