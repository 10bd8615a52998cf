/**
 * Content addresses: computing sha256 digests, checking them, and reading a
 * stream into memory verified (`@weld/oci/node` writes one into a file the
 * same way).
 */
import { sha256Hex } from '@weld/component';
import { concatBytes } from './bytes.js';
import { OciError } from './errors.js';
import type { Digest } from './model.js';

/** The sha256 digest of `bytes`. */
export function sha256(bytes: Uint8Array): Digest {
  return `sha256:${sha256Hex(bytes)}`;
}

/** Whether `text` is a sha256 digest (the only algorithm weld writes or accepts). */
export function isDigest(text: string): text is Digest {
  return /^sha256:[a-f0-9]{64}$/.test(text);
}

/** `text` as a digest, or an `OciError` naming `what`. */
export function parseDigest(text: string, what: string): Digest {
  if (!isDigest(text)) throw new OciError('format', `${what}: ${JSON.stringify(text)} is not a sha256 digest`);
  return text;
}

/** The hex part of a digest. */
export const digestHex = (digest: Digest): string => digest.slice('sha256:'.length);

/** Throws a `digest` error unless `bytes` has `expected` digest (and `size`, when given). */
export function verifyBytes(bytes: Uint8Array, expected: Digest, what: string, size?: number): void {
  if (size !== undefined && bytes.length !== size) {
    throw new OciError('digest', `${what}: expected ${size} bytes, got ${bytes.length} (${expected})`);
  }
  const actual = sha256(bytes);
  if (actual !== expected) throw new OciError('digest', `${what}: digest mismatch: expected ${expected}, got ${actual}`);
}

/** Bytes as they arrive: a stream, or chunks already in memory. */
export type ByteSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** Progress of one transfer, in bytes. */
export type OnBytes = (bytes: number) => void;

/** Reads `source` into memory, verifying its digest and size (and failing as soon as it holds more than `size`). */
export async function readVerified(
  source: ByteSource,
  expected: { readonly digest: Digest; readonly size?: number },
  what: string,
  onBytes?: OnBytes,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of source) {
    size += chunk.length;
    if (expected.size !== undefined && size > expected.size) {
      throw new OciError('digest', `${what}: more than the ${expected.size} bytes its descriptor names (${expected.digest})`);
    }
    chunks.push(chunk);
    onBytes?.(chunk.length);
  }
  const bytes = concatBytes(chunks);
  verifyBytes(bytes, expected.digest, what, expected.size);
  return bytes;
}
