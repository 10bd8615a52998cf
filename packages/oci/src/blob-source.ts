/**
 * Blobs as sources (see `BlobSource`): bytes in memory as one, one read
 * whole when it must be (a tar of a layout, a page that cannot stream a
 * request body), and the blob an image holds either way.
 */
import { readSized } from './bytes.js';
import { OciError } from './errors.js';
import type { BlobSource, Digest, OciImage } from './model.js';

/** `bytes` as a source. */
export const bytesSource = (bytes: Uint8Array): BlobSource => ({
  size: bytes.length,
  open: async function* (start, end) {
    yield bytes.subarray(start, end);
  },
});

/** Reads all of `source` into memory; `what` names it when it does not hold the bytes it says. */
export const readSource = (source: BlobSource, what: string): Promise<Uint8Array> => readSized(source.open(0, source.size), source.size, what);

/** The blob `digest` of `image`: its bytes when it is in memory, else its source. */
export function imageBlob(image: OciImage, digest: Digest): Uint8Array | BlobSource {
  const blob = image.blobs.get(digest) ?? image.streamed?.get(digest);
  if (blob === undefined) throw new OciError('format', `the artifact lacks blob ${digest}`);
  return blob;
}
