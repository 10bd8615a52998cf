/** Bytes without Node's Buffer, so that the core runs in a page. */

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

/** `bytes` decoded as UTF-8 (malformed sequences become U+FFFD, as Buffer's toString does). */
export const utf8 = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/** `text` as UTF-8, in base64. */
export function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
