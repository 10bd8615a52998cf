/** Building an {@link OciImage}: blobs accumulated by digest, JSON written once. */
import { sha256 } from './digest.js';
import type { Descriptor, Digest, OciImage } from './model.js';

/** The bytes weld writes for a JSON document (compact, keys in the order given). */
export const jsonBytes = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

/** Collects blobs and hands out their descriptors. */
export class BlobSet {
  readonly #blobs = new Map<Digest, Uint8Array>();

  /** Adds `bytes` and returns its descriptor. */
  add(mediaType: string, bytes: Uint8Array, extra: Omit<Descriptor, 'mediaType' | 'digest' | 'size'> = {}): Descriptor {
    const digest = sha256(bytes);
    this.#blobs.set(digest, bytes);
    return { mediaType, digest, size: bytes.length, ...extra };
  }

  /** Adds `value` as JSON. */
  addJson(mediaType: string, value: unknown, extra: Omit<Descriptor, 'mediaType' | 'digest' | 'size'> = {}): Descriptor {
    return this.add(mediaType, jsonBytes(value), extra);
  }

  /** The image rooted at `root`. */
  image(root: Descriptor): OciImage {
    return { root, blobs: new Map(this.#blobs) };
  }
}
