/**
 * A blob streamed into a file that becomes visible only once its digest
 * (and size) match: what pulls and layouts write with.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Sha256 } from '@weld/component';
import type { ByteSource, OnBytes } from '../digest.js';
import { OciError } from '../errors.js';
import type { Digest } from '../model.js';

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
  // A deep buffer, so that the next chunk is read off the network while this one goes to disk.
  const out = createWriteStream(temp, { highWaterMark: 4 * 1024 * 1024 });
  // Kept, not thrown from an event: a write still in flight when a failed read destroys the stream errors after the fact.
  let failure: Error | undefined;
  out.on('error', (error) => (failure ??= error));
  let size = 0;
  try {
    for await (const chunk of source) {
      if (failure !== undefined) throw failure;
      hash.update(chunk);
      size += chunk.length;
      if (expected.size !== undefined && size > expected.size) {
        throw new OciError('digest', `${what}: more than the ${expected.size} bytes its descriptor names (${expected.digest})`);
      }
      if (!out.write(chunk)) await drained(out);
      onBytes?.(chunk.length);
    }
    if (failure !== undefined) throw failure;
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
