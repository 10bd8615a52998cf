/** Building an {@link OciImage}: blobs accumulated by digest, JSON written once. */
import { sha256 } from './digest.js';
import type { BlobSource, Descriptor, Digest, OciImage } from './model.js';
import { isBytes } from './bytes.js';

/** The bytes weld writes for a JSON document (compact, keys in the order given). */
export const jsonBytes = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

/** A blob that is not held in memory: its digest (computed as it was read once) and where to read it again. */
export interface StreamedBlob {
  readonly digest: Digest;
  readonly source: BlobSource;
}

/** Collects blobs and hands out their descriptors. */
export class BlobSet {
  readonly #blobs = new Map<Digest, Uint8Array>();
  readonly #streamed = new Map<Digest, BlobSource>();

  /** Adds `blob` (bytes, or a streamed blob) and returns its descriptor. */
  add(mediaType: string, blob: Uint8Array | StreamedBlob, extra: Omit<Descriptor, 'mediaType' | 'digest' | 'size'> = {}): Descriptor {
    if (isBytes(blob)) {
      const digest = sha256(blob);
      this.#blobs.set(digest, blob);
      return { mediaType, digest, size: blob.length, ...extra };
    }
    this.#streamed.set(blob.digest, blob.source);
    return { mediaType, digest: blob.digest, size: blob.source.size, ...extra };
  }

  /** Adds `value` as JSON. */
  addJson(mediaType: string, value: unknown, extra: Omit<Descriptor, 'mediaType' | 'digest' | 'size'> = {}): Descriptor {
    return this.add(mediaType, jsonBytes(value), extra);
  }

  /** The image rooted at `root`. */
  image(root: Descriptor): OciImage {
    return { root, blobs: new Map(this.#blobs), ...(this.#streamed.size > 0 && { streamed: new Map(this.#streamed) }) };
  }
}
