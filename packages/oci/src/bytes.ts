/** Bytes without Node's Buffer, so that the core runs in a page. */
import { OciError } from './errors.js';

/**
 * Whether `value` is bytes rather than a source that streams them. Not
 * `instanceof Uint8Array`: bytes made in another realm (an iframe, a vm
 * context) are not instances of this realm's Uint8Array.
 */
export const isBytes = (value: Uint8Array | object): value is Uint8Array => ArrayBuffer.isView(value);

/** `chunks` joined into one array. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  let size = 0;
  for (const chunk of chunks) size += chunk.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** Reads `chunks` into one array, failing unless they hold exactly `size` bytes; `what` names them. */
export async function readSized(chunks: AsyncIterable<Uint8Array>, size: number, what: string): Promise<Uint8Array> {
  const out = new Uint8Array(size);
  let at = 0;
  for await (const chunk of chunks) {
    if (at + chunk.length > size) throw new OciError('format', `${what}: holds more than the ${size} bytes it was sized at`);
    out.set(chunk, at);
    at += chunk.length;
  }
  if (at !== size) throw new OciError('format', `${what}: holds ${at} bytes, not the ${size} it was sized at (did the file change?)`);
  return out;
}

/** `bytes` decoded as UTF-8 (malformed sequences become U+FFFD, as Buffer's toString does). */
export const utf8 = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/** `text` as UTF-8, in base64. */
export function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
