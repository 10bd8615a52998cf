/**
 * A file as a streamed blob: read once to hash it (with whatever else wants
 * to see the bytes on the way), then read again, range by range, as it is
 * uploaded or copied. Never whole in memory.
 */
import { createReadStream } from 'node:fs';
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
 * same read). The file is expected to stay as it is: one that changes
 * before it is read again fails on its digest or size where it is sent.
 */
export async function fileBlob(path: string, onChunk?: (chunk: Uint8Array) => void): Promise<StreamedBlob> {
  const hash = new Sha256();
  let size = 0;
  for await (const chunk of fileRange(path, 0, Number.POSITIVE_INFINITY)) {
    hash.update(chunk);
    size += chunk.length;
    onChunk?.(chunk);
  }
  const source: BlobSource = { size, open: (start, end) => fileRange(path, start, end) };
  return { digest: `sha256:${hash.hex()}`, source };
}
