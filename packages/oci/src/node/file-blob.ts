/**
 * A file as a streamed blob: read once to hash it (with whatever else wants
 * to see the bytes on the way), then read again, range by range, as it is
 * uploaded or copied. Never whole in memory.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Sha256 } from '@weld/component';
import type { StreamedBlob } from '../blobs.js';
import type { BlobSource } from '../model.js';

/** Reads files in slices of this size: few enough calls, little memory. */
const readSlice = 1024 * 1024;

/** The bytes of `path` from `start` to `end` (exclusive). */
async function* fileRange(path: string, start: number, end: number): AsyncGenerator<Uint8Array> {
  if (end <= start) return;
  yield* createReadStream(path, { start, end: end - 1, highWaterMark: readSlice }) as AsyncIterable<Buffer>;
}

/**
 * `path` as a streamed blob: its digest is computed as it is read here, and
 * `onChunk` sees every chunk on the way (to learn something else from the
 * same read; a chunk is valid only during the call, and copies are plain
 * `Uint8Array`s, never views of it). The file is expected to stay as it
 * is: one that changes before it is read again fails on its digest or size
 * where it is sent.
 */
export async function fileBlob(path: string, onChunk?: (chunk: Uint8Array) => void): Promise<StreamedBlob> {
  const hash = new Sha256();
  let size = 0;
  // One buffer for the whole pass: a fresh one per read made a third of a 1 GiB push's hashing garbage collection.
  const buffer = new Uint8Array(readSlice);
  const file = await open(path, 'r');
  try {
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      hash.update(chunk);
      size += bytesRead;
      onChunk?.(chunk);
    }
  } finally {
    await file.close();
  }
  const source: BlobSource = { size, open: (start, end) => fileRange(path, start, end) };
  return { digest: `sha256:${hash.hex()}`, source };
}
