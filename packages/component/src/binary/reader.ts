import { BinaryError, hex } from '../errors.js';
import { MAX_WASM_STRING_SIZE, sizeLimitMessage } from '../limits.js';

/** A limit on a vector's count and the words wasmparser names it with (`read_size`). */
export interface VecLimit {
  readonly max: number;
  readonly desc: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * A cursor over a byte range of one input buffer. Offsets in errors are
 * positions in that buffer, so a nested reader reports where the bytes are in
 * the whole input. Every read is bounds-checked; every count is checked
 * against the bytes left before anything is allocated.
 */
export class BinaryReader {
  readonly bytes: Uint8Array;
  /** Absolute position of the next byte. */
  position: number;
  /** Absolute end (exclusive) of the readable range. */
  readonly end: number;
  /** Width in bytes of the last LEB128 integer read. */
  lastLebWidth = 0;

  constructor(bytes: Uint8Array, start = 0, end = bytes.length) {
    this.bytes = bytes;
    this.position = start;
    this.end = end;
  }

  /** Bytes left before the end of the range. */
  get remaining(): number {
    return this.end - this.position;
  }

  /** True when every byte of the range has been read. */
  eof(): boolean {
    return this.position >= this.end;
  }

  /** An error at the current position (or `offset`). */
  error(kind: BinaryError['kind'], message: string, offset = this.position): BinaryError {
    return new BinaryError(kind, `${message} at offset ${hex(offset)}`, offset);
  }

  /** An "unexpected end" error saying what was being read. */
  endError(what: string, offset = this.position): BinaryError {
    return new BinaryError('unexpected-end', `unexpected end of input at offset ${hex(offset)}: expected ${what}`, offset);
  }

  /** An "invalid byte" error for a leading byte that starts no known `what`. */
  invalidByte(byte: number, what: string, offset = this.position - 1): BinaryError {
    return new BinaryError(
      'invalid-byte',
      `invalid leading byte 0x${byte.toString(16).padStart(2, '0')} at offset ${hex(offset)}: expected ${what}`,
      offset,
    );
  }

  /** Reads one byte. */
  u8(what: string): number {
    if (this.position >= this.end) throw this.endError(what);
    return this.bytes[this.position++]!;
  }

  /** Returns the next byte without consuming it. */
  peek(what: string): number {
    if (this.position >= this.end) throw this.endError(what);
    return this.bytes[this.position]!;
  }

  /** Reads a byte that must be `expected`. */
  expectByte(expected: number, what: string): void {
    const byte = this.u8(what);
    if (byte !== expected) throw this.invalidByte(byte, what);
  }

  /** Reads an unsigned LEB128 integer of at most 32 bits. */
  u32(what: string): number {
    const start = this.position;
    let result = 0;
    let shift = 0;
    for (;;) {
      if (this.position >= this.end) throw this.endError(what);
      const byte = this.bytes[this.position++]!;
      if (shift === 28) {
        if ((byte & 0x70) !== 0 || (byte & 0x80) !== 0) {
          throw this.error('invalid-leb', `invalid u32 LEB128 (too large or too long) reading ${what}`, start);
        }
        result += (byte & 0x0f) * 2 ** 28;
        break;
      }
      result |= (byte & 0x7f) << shift;
      shift += 7;
      if ((byte & 0x80) === 0) break;
    }
    this.lastLebWidth = this.position - start;
    return result;
  }

  /** Reads a signed LEB128 integer of at most `bits` bits (≤ 33) as a number. */
  private signed(bits: number, what: string): number {
    const start = this.position;
    const maxBytes = Math.ceil(bits / 7);
    let result = 0;
    let shift = 0;
    let byte: number;
    for (let i = 0; ; i++) {
      if (this.position >= this.end) throw this.endError(what);
      byte = this.bytes[this.position++]!;
      if (i === maxBytes - 1) {
        // Final byte: no continuation, and the unused bits must sign-extend.
        const used = bits - shift; // bits of payload in this byte, including sign
        const sign = (byte >> (used - 1)) & 1;
        const rest = (byte & 0x7f) >> used;
        const expected = sign === 1 ? 0x7f >> used : 0;
        if ((byte & 0x80) !== 0 || rest !== expected) {
          throw this.error('invalid-leb', `invalid s${bits} LEB128 (too large or too long) reading ${what}`, start);
        }
      }
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if ((byte & 0x80) === 0) break;
    }
    if (shift < 64 && (byte & 0x40) !== 0) result -= 2 ** shift;
    this.lastLebWidth = this.position - start;
    return result;
  }

  /** Reads a signed 32-bit LEB128 integer. */
  s32(what: string): number {
    return this.signed(32, what);
  }

  /** Reads a signed 33-bit LEB128 integer (type indices and value-type codes). */
  s33(what: string): number {
    return this.signed(33, what);
  }

  /** Reads an unsigned LEB128 integer of at most 64 bits. */
  u64(what: string): bigint {
    const start = this.position;
    let result = 0n;
    let shift = 0n;
    for (let i = 0; ; i++) {
      if (this.position >= this.end) throw this.endError(what);
      const byte = this.bytes[this.position++]!;
      if (i === 9 && (byte & 0xfe) !== 0) {
        throw this.error('invalid-leb', `invalid u64 LEB128 (too large or too long) reading ${what}`, start);
      }
      result |= BigInt(byte & 0x7f) << shift;
      shift += 7n;
      if ((byte & 0x80) === 0) break;
    }
    this.lastLebWidth = this.position - start;
    return result;
  }

  /** Reads a signed LEB128 integer of at most 64 bits. */
  s64(what: string): bigint {
    const start = this.position;
    let result = 0n;
    let shift = 0n;
    let byte = 0;
    for (let i = 0; ; i++) {
      if (this.position >= this.end) throw this.endError(what);
      byte = this.bytes[this.position++]!;
      if (i === 9 && byte !== 0 && byte !== 0x7f) {
        throw this.error('invalid-leb', `invalid s64 LEB128 (too large or too long) reading ${what}`, start);
      }
      result |= BigInt(byte & 0x7f) << shift;
      shift += 7n;
      if ((byte & 0x80) === 0) break;
    }
    if (shift < 64n && (byte & 0x40) !== 0) result -= 1n << shift;
    this.lastLebWidth = this.position - start;
    return BigInt.asIntN(64, result);
  }

  /** Reads a little-endian IEEE 754 single. */
  f32(what: string): number {
    const b = this.take(4, what);
    return new DataView(b.buffer, b.byteOffset, 4).getFloat32(0, true);
  }

  /** Reads a little-endian IEEE 754 double. */
  f64(what: string): number {
    const b = this.take(8, what);
    return new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, true);
  }

  /** Reads a little-endian u32 (not LEB128), as in the module header. */
  fixedU32(what: string): number {
    const b = this.take(4, what);
    return (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
  }

  /** Returns the next `length` bytes (a view, not a copy). */
  take(length: number, what: string): Uint8Array {
    if (length > this.remaining) throw this.endError(what);
    const out = this.bytes.subarray(this.position, this.position + length);
    this.position += length;
    return out;
  }

  /** Returns every byte left (a view). */
  rest(): Uint8Array {
    const out = this.bytes.subarray(this.position, this.end);
    this.position = this.end;
    return out;
  }

  /** Reads a length-prefixed UTF-8 name of at most {@link MAX_WASM_STRING_SIZE} bytes. */
  name(what: string): string {
    const offset = this.position;
    const length = this.u32(`the length of ${what}`);
    if (length > MAX_WASM_STRING_SIZE) throw this.error('out-of-bounds', 'string size out of bounds', offset);
    return this.utf8(length, what);
  }

  /** Reads a length-prefixed UTF-8 name of any length (as the `name` section's names are). */
  unlimitedName(what: string): string {
    return this.utf8(this.u32(`the length of ${what}`), what);
  }

  private utf8(length: number, what: string): string {
    const start = this.position;
    if (length > this.remaining) throw this.endError(`${length} bytes of ${what}`);
    const bytes = this.take(length, what);
    try {
      return utf8.decode(bytes);
    } catch {
      throw new BinaryError('invalid-utf8', `invalid UTF-8 at offset ${hex(start)}: expected ${what}`, start);
    }
  }

  /**
   * Reads a vector count, checked against `limit` when given, then against
   * the bytes left (each item takes at least `minItemSize` bytes).
   */
  count(what: string, minItemSize = 1, limit?: VecLimit): number {
    const offset = this.position;
    const n = this.u32(`the number of ${what}`);
    if (limit !== undefined && n > limit.max) throw this.error('out-of-bounds', sizeLimitMessage(limit.desc), offset);
    if (n * minItemSize > this.remaining) {
      throw new BinaryError(
        'out-of-bounds',
        `count ${n} at offset ${hex(offset)} exceeds the ${this.remaining} bytes left: expected ${what}`,
        offset,
      );
    }
    return n;
  }

  /** Reads a vector: a count (at most `limit.max` when given), then that many items. */
  vec<T>(what: string, item: (r: BinaryReader) => T, limit?: VecLimit): T[] {
    const n = this.count(what, 1, limit);
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(item(this));
    return out;
  }

  /** Splits off a reader over the next `length` bytes and skips them here. */
  sub(length: number, what: string): BinaryReader {
    if (length > this.remaining) throw this.endError(`${length} bytes of ${what}`);
    const r = new BinaryReader(this.bytes, this.position, this.position + length);
    this.position += length;
    return r;
  }

  /** Fails unless every byte of the range was read. */
  expectEnd(what: string): void {
    if (this.position !== this.end) {
      throw new BinaryError(
        'trailing-bytes',
        `unexpected ${this.end - this.position} trailing bytes at offset ${hex(this.position)}: expected the end of ${what}`,
        this.position,
      );
    }
  }
}
