import { BinaryError } from '../errors.js';

const utf8 = new TextEncoder();

/** The number of bytes of the minimal unsigned LEB128 encoding of `value`. */
export function lebWidth(value: number): number {
  let width = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 128);
    width++;
  }
  return width;
}

/**
 * A growable byte buffer with chainable writers for the primitives of the
 * binary format, the mirror image of {@link BinaryReader}. `nested` writes a
 * length-prefixed body.
 */
export class BinaryWriter {
  private buf: Uint8Array;
  private len = 0;

  constructor(capacity = 256) {
    this.buf = new Uint8Array(capacity);
  }

  /** Bytes written so far. */
  get length(): number {
    return this.len;
  }

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  /** Writes one byte. */
  u8(value: number): this {
    this.reserve(1);
    this.buf[this.len++] = value & 0xff;
    return this;
  }

  /** Writes raw bytes. */
  bytes(data: Uint8Array): this {
    this.reserve(data.length);
    this.buf.set(data, this.len);
    this.len += data.length;
    return this;
  }

  /**
   * Writes an unsigned LEB128 integer of at most 32 bits, padded to `width`
   * bytes when given (a producer's non-minimal encoding).
   */
  u32(value: number, width?: number): this {
    if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff) {
      throw new BinaryError('invalid-model', `cannot encode ${value} as a u32`, this.len);
    }
    const min = lebWidth(value);
    const w = width !== undefined && width > min ? Math.min(width, 5) : min;
    this.reserve(w);
    for (let i = 0; i < w; i++) {
      const byte = value % 128;
      value = Math.floor(value / 128);
      this.buf[this.len++] = i < w - 1 ? byte | 0x80 : byte;
    }
    return this;
  }

  /** Writes a signed LEB128 integer (s32 or s33 range) given as a number. */
  signed(value: number): this {
    if (!Number.isInteger(value) || value < -(2 ** 32) || value >= 2 ** 32) {
      throw new BinaryError('invalid-model', `cannot encode ${value} as an s33`, this.len);
    }
    for (;;) {
      const byte = ((value % 128) + 128) % 128;
      value = Math.floor(value / 128);
      const done = (value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0);
      this.u8(done ? byte : byte | 0x80);
      if (done) return this;
    }
  }

  /** Writes an unsigned LEB128 integer of at most 64 bits. */
  u64(value: bigint): this {
    if (value < 0n || value >= 1n << 64n) {
      throw new BinaryError('invalid-model', `cannot encode ${value} as a u64`, this.len);
    }
    do {
      const byte = Number(value & 0x7fn);
      value >>= 7n;
      this.u8(value !== 0n ? byte | 0x80 : byte);
    } while (value !== 0n);
    return this;
  }

  /** Writes a signed LEB128 integer of at most 64 bits. */
  s64(value: bigint): this {
    value = BigInt.asIntN(64, value);
    for (;;) {
      const byte = Number(value & 0x7fn);
      value >>= 7n;
      const done = (value === 0n && (byte & 0x40) === 0) || (value === -1n && (byte & 0x40) !== 0);
      this.u8(done ? byte : byte | 0x80);
      if (done) return this;
    }
  }

  /** Writes a little-endian IEEE 754 single. */
  f32(value: number): this {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    return this.bytes(b);
  }

  /** Writes a little-endian IEEE 754 double. */
  f64(value: number): this {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, value, true);
    return this.bytes(b);
  }

  /** Writes a little-endian u32 (not LEB128), as in the module header. */
  fixedU32(value: number): this {
    return this.u8(value).u8(value >>> 8).u8(value >>> 16).u8(value >>> 24);
  }

  /** Writes a length-prefixed UTF-8 name. */
  name(value: string): this {
    const data = utf8.encode(value);
    return this.u32(data.length).bytes(data);
  }

  /** Writes a vector: the count (padded to `countWidth` if given), then each item. */
  vec<T>(items: readonly T[], item: (w: this, value: T) => void, countWidth?: number): this {
    this.u32(items.length, countWidth);
    for (const value of items) item(this, value);
    return this;
  }

  /**
   * Writes a length-prefixed body: `body` writes into a fresh writer whose
   * bytes are then appended after their length (padded to `sizeWidth` if given).
   */
  nested(body: (w: BinaryWriter) => void, sizeWidth?: number): this {
    const inner = new BinaryWriter();
    body(inner);
    const data = inner.finish();
    return this.u32(data.length, sizeWidth).bytes(data);
  }

  /** The bytes written (a copy trimmed to length). */
  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}
