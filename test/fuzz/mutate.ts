/**
 * Mutations of real inputs, as fast-check arbitraries: a seed and a few edits
 * (bit flips, boundary bytes, inserted, deleted, duplicated and truncated
 * runs; for text, also tokens of the language and swapped lines). Positions
 * are drawn as fractions so that one edit list applies to any seed.
 */
import fc from 'fast-check';

type ByteEdit =
  | { readonly kind: 'flip'; readonly at: number; readonly bit: number }
  | { readonly kind: 'set'; readonly at: number; readonly value: number }
  | { readonly kind: 'insert'; readonly at: number; readonly bytes: Uint8Array }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'duplicate'; readonly at: number; readonly length: number; readonly to: number }
  | { readonly kind: 'truncate'; readonly at: number };

/** Bytes that sit on the edges of LEB128 and section encodings. */
const boundaryBytes = [0x00, 0x01, 0x7f, 0x80, 0xff, 0x40, 0x3f, 0xc0];

const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fraction, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('set' as const), at: fraction, value: fc.constantFrom(...boundaryBytes) }),
  fc.record({ kind: fc.constant('insert' as const), at: fraction, bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fraction, length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fraction, length: fc.integer({ min: 1, max: 256 }), to: fraction }),
  fc.record({ kind: fc.constant('truncate' as const), at: fraction }),
);

const position = (at: number, length: number): number => Math.floor(at * (length + 1));

function splice(bytes: Uint8Array, start: number, removed: number, inserted: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length - removed + inserted.length);
  out.set(bytes.subarray(0, start), 0);
  out.set(inserted, start);
  out.set(bytes.subarray(start + removed), start + inserted.length);
  return out;
}

function applyByteEdit(bytes: Uint8Array, edit: ByteEdit): Uint8Array {
  const at = Math.min(position(edit.at, bytes.length), bytes.length);
  switch (edit.kind) {
    case 'flip':
    case 'set': {
      if (bytes.length === 0) return bytes;
      const out = bytes.slice();
      const index = Math.min(at, out.length - 1);
      out[index] = edit.kind === 'flip' ? (out[index] ?? 0) ^ (1 << edit.bit) : edit.value;
      return out;
    }
    case 'insert':
      return splice(bytes, at, 0, edit.bytes);
    case 'delete':
      return splice(bytes, at, Math.min(edit.length, bytes.length - at), new Uint8Array(0));
    case 'duplicate': {
      const run = bytes.slice(at, at + edit.length);
      return splice(bytes, position(edit.to, bytes.length), 0, run);
    }
    case 'truncate':
      return bytes.subarray(0, at);
    default:
      return edit satisfies never;
  }
}

/** A seed with one to eight byte edits applied. */
export function mutatedBytes(seeds: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> {
  return fc
    .record({ seed: fc.integer({ min: 0, max: seeds.length - 1 }), edits: fc.array(byteEdit, { minLength: 1, maxLength: 8 }) })
    .map(({ seed, edits }) => edits.reduce(applyByteEdit, seeds[seed] ?? new Uint8Array(0)));
}

type TextEdit =
  | { readonly kind: 'bytes'; readonly edit: ByteEdit }
  | { readonly kind: 'token'; readonly at: number; readonly token: string }
  | { readonly kind: 'swap-lines'; readonly first: number; readonly second: number };

const textEdit = (tokens: readonly string[]): fc.Arbitrary<TextEdit> =>
  fc.oneof(
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('bytes' as const), edit: byteEdit }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('token' as const), at: fraction, token: fc.constantFrom(...tokens) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('swap-lines' as const), first: fraction, second: fraction }) },
  );

const utf8 = new TextEncoder();

function applyTextEdit(bytes: Uint8Array, edit: TextEdit): Uint8Array {
  switch (edit.kind) {
    case 'bytes':
      return applyByteEdit(bytes, edit.edit);
    case 'token':
      return splice(bytes, position(edit.at, bytes.length), 0, utf8.encode(edit.token));
    case 'swap-lines': {
      const lines = new TextDecoder().decode(bytes).split('\n');
      const first = Math.min(position(edit.first, lines.length - 1), lines.length - 1);
      const second = Math.min(position(edit.second, lines.length - 1), lines.length - 1);
      [lines[first], lines[second]] = [lines[second] ?? '', lines[first] ?? ''];
      return utf8.encode(lines.join('\n'));
    }
    default:
      return edit satisfies never;
  }
}

/** A text seed with one to eight edits, half of them inserting tokens of its language. */
export function mutatedText(seeds: readonly Uint8Array[], tokens: readonly string[]): fc.Arbitrary<Uint8Array> {
  return fc
    .record({ seed: fc.integer({ min: 0, max: seeds.length - 1 }), edits: fc.array(textEdit(tokens), { minLength: 1, maxLength: 8 }) })
    .map(({ seed, edits }) => edits.reduce(applyTextEdit, seeds[seed] ?? new Uint8Array(0)));
}

/** Words and punctuation of WIT, with the corner cases of names, versions and gates. */
export const witTokens = [
  '{', '}', '(', ')', '<', '>', ',', ';', ':', '/', '@', '.', '=', '->', '_', '%', '*',
  'package ', 'interface ', 'world ', 'use ', 'type ', 'record ', 'variant ', 'enum ', 'flags ', 'resource ', 'func', 'static ',
  'constructor', 'import ', 'export ', 'include ', 'with ', 'as ', 'from ', 'async ', 'list<', 'option<', 'result<', 'tuple<',
  'borrow<', 'own<', 'stream<', 'future<', 'u8', 'u64', 's32', 'f64', 'char', 'bool', 'string', 'error-context',
  '@since(version = 0.2.0)', '@unstable(feature = x)', '@deprecated(version = 1.0.0)', '1.0.0', '0.2.0-rc.1+build',
  'a:b', 'a:b/c', 'a:b/c@1.0.0', 'x-y', '-x', '%world', '/// doc\n', '/* c */', '\n', '\t', '\u00e9', '\u{1f600}',
];

/** Words of the composition file: its keys, references and YAML's own syntax. */
export const configTokens = [
  'components:', 'instances:', 'exports:', 'policy:', 'deny:', 'allow:', 'component:', 'with:', 'import:x', '\n  ', '\n    ',
  ': ', '- ', '[', ']', '{', '}', ',', '&a ', '*a', '<<: *a', '!!binary ', '!!str ', '? ', '|', '>', '"', "'", '#', '---\n',
  'calc.weld:calc/calc@1.0.0', 'app', 'calc', 'wasi:*', '*', '**', 'weld:calc/calc@1.0.0',
];
