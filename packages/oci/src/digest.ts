/**
 * Content addresses: computing sha256 digests, checking them, and a stream
 * that verifies one while the bytes go by and only then makes them visible.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { Sha256, sha256Hex } from '@weld/component';
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

/**
 * Reads `source` to its end, hashing as it goes, into a temporary file next
 * to `path`; renames it to `path` only when the digest (and size) match,
 * else removes it and throws a `digest` error. Nothing is ever visible at
 * `path` that does not match.
 */
export async function writeVerified(
  source: ByteSource,
  path: string,
  expected: { readonly digest: Digest; readonly size?: number },
  what: string,
  onBytes?: OnBytes,
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.partial`);
  const hash = new Sha256();
  const out = createWriteStream(temp);
  let size = 0;
  try {
    for await (const chunk of source) {
      hash.update(chunk);
      size += chunk.length;
      if (expected.size !== undefined && size > expected.size) {
        throw new OciError('digest', `${what}: more than the ${expected.size} bytes its descriptor names (${expected.digest})`);
      }
      if (!out.write(chunk)) await drained(out);
      onBytes?.(chunk.length);
    }
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    const actual: Digest = `sha256:${hash.hex()}`;
    if (expected.size !== undefined && size !== expected.size) {
      throw new OciError('digest', `${what}: expected ${expected.size} bytes, got ${size} (${expected.digest})`);
    }
    if (actual !== expected.digest) throw new OciError('digest', `${what}: digest mismatch: expected ${expected.digest}, got ${actual}`);
    await rename(temp, path);
  } catch (error) {
    out.destroy();
    await rm(temp, { force: true });
    throw error;
  }
}

/** Waits until `out` wants more, or fails. */
function drained(out: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      out.off('drain', settle).off('error', settle);
      if (error) reject(error);
      else resolve();
    };
    out.on('drain', settle).on('error', settle);
  });
}

/** Reads `source` into memory, verifying its digest and size as {@link writeVerified} does. */
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
  const bytes = Buffer.concat(chunks);
  verifyBytes(bytes, expected.digest, what, expected.size);
  return bytes;
}
