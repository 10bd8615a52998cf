/**
 * What the bytes of a WIT input are, the way wit-parser's `resolve/fs.rs`
 * tells them apart: a file is WIT text or a WIT package encoded as a
 * component (binary, or WAT text); a folder's `*.wit` files are one package.
 * Reading the bytes is the caller's (`@weld/wit/node`'s file-system
 * resolver, or a browser's own files); this module does no I/O.
 */
import { WitError } from './errors.js';
import type { PackageSource, WitFile } from './resolver.js';

/** A file's bytes as read, and the name diagnostics give it. */
export interface FileBytes {
  readonly path: string;
  readonly bytes: Uint8Array;
}

/**
 * A package as read: one file (WIT text, or a package encoded as a
 * component, told apart by its bytes), or a package folder's `*.wit` files
 * (all WIT text). A folder's files are taken in order, each decoded as it
 * comes, so an iterable that reads as it goes reports the first bad file.
 */
export type WitInput =
  | { readonly kind: 'file'; readonly path: string; readonly bytes: Uint8Array }
  | { readonly kind: 'folder'; readonly path: string; readonly files: Iterable<FileBytes> };

/** What the input is made of: WIT source files, or an encoded package. */
export function packageSource(input: WitInput): PackageSource {
  if (input.kind === 'folder') {
    const files: WitFile[] = [];
    for (const { path, bytes } of input.files) files.push({ path, text: decodeText(bytes, path) });
    return { kind: 'wit', files };
  }
  const { path, bytes } = input;
  if (bytes[0] === 0x00 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d) {
    return { kind: 'encoded', path, encoded: { kind: 'binary', bytes } };
  }
  const text = decodeText(bytes, path);
  if (looksLikeWat(text)) return { kind: 'encoded', path, encoded: { kind: 'text', text } };
  return { kind: 'wit', files: [{ path, text }] };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Whether text is WAT, by wat's `Detect` rule: the first token after
 * whitespace and comments (`;; …`, nestable `(; … ;)`) is `(`.
 */
function looksLikeWat(text: string): boolean {
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
    else if (text.startsWith(';;', i)) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end + 1;
    } else if (text.startsWith('(;', i)) {
      let depth = 0;
      do {
        if (text.startsWith('(;', i)) depth++, (i += 2);
        else if (text.startsWith(';)', i)) depth--, (i += 2);
        else if (i < text.length) i++;
        else return false;
      } while (depth > 0);
    } else return c === '(';
  }
  return false;
}

function decodeText(bytes: Uint8Array, path: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new WitError('io', `input file is not valid utf-8 [${path}]`);
  }
}
