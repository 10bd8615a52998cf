/**
 * A `.wasm` file packaged without reading it whole into memory: one pass
 * hashes it and keeps a skeleton of it, the binary without its big custom
 * sections (a payload, debug info), which is all `binaryFacts` needs to
 * describe it; the layer is then streamed from the file.
 */
import { concatBytes } from '../bytes.js';
import type { PackageOptions } from '../package-options.js';
import type { OciImage } from '../model.js';
import { streamedWasmArtifact } from '../wasm-artifact.js';
import { binaryFacts } from '../wasm-config.js';
import { fileBlob } from './file-blob.js';

/**
 * Top-level custom sections larger than this are left out of the skeleton:
 * the metadata sections packaging reads (version, description, …) are a few
 * bytes to a few KiB.
 */
const maxKeptCustomSection = 1024 * 1024;

/** Keeps a wasm binary (component or core module) as it streams by, without its big custom sections. */
class Skeleton {
  readonly #kept: Uint8Array[] = [];
  /** The 8-byte preamble, then each section's id and LEB128 size, while they are read. */
  #head: number[] = [];
  #preamble = true;
  /** Bytes of the current section's body still to come, and whether they are kept. */
  #left = 0;
  #keep = true;
  /** The framing stopped making sense: keep everything, and let the decoder say what is wrong. */
  #opaque = false;

  add(chunk: Uint8Array): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.#opaque || this.#left > 0) {
        const n = this.#opaque ? chunk.length - at : Math.min(this.#left, chunk.length - at);
        if (this.#keep || this.#opaque) this.#kept.push(chunk.slice(at, at + n));
        at += n;
        this.#left -= n;
        continue;
      }
      const byte = chunk[at++]!;
      this.#head.push(byte);
      if (this.#preamble) {
        if (this.#head.length === 8) this.#emitHead();
        continue;
      }
      // An id byte, then at most 5 bytes of LEB128 for a u32 size.
      if (this.#head.length >= 2 && (byte & 0x80) === 0) {
        let size = 0;
        for (let i = this.#head.length - 1; i >= 1; i--) size = size * 128 + (this.#head[i]! & 0x7f);
        this.#keep = !(this.#head[0] === 0 && size > maxKeptCustomSection);
        this.#left = size;
        if (this.#keep) this.#emitHead();
        else this.#head = [];
      } else if (this.#head.length >= 6) {
        this.#opaque = true;
        this.#emitHead();
      }
    }
  }

  #emitHead(): void {
    this.#kept.push(Uint8Array.from(this.#head));
    this.#head = [];
    this.#preamble = false;
  }

  /** The binary as kept. */
  bytes(): Uint8Array {
    this.#kept.push(Uint8Array.from(this.#head));
    this.#head = [];
    return concatBytes(this.#kept);
  }
}

/**
 * Packages the component or core module at `path` as the CNCF Wasm
 * artifact, with the layer streamed from the file (see `pushImage`,
 * `writeLayout`). Throws `BinaryError` on malformed input, and Node's
 * errors when the file cannot be read.
 */
export async function wasmFileArtifact(path: string, options: PackageOptions): Promise<OciImage> {
  const skeleton = new Skeleton();
  const layer = await fileBlob(path, (chunk) => skeleton.add(chunk));
  return streamedWasmArtifact(layer, binaryFacts(skeleton.bytes()), options);
}
