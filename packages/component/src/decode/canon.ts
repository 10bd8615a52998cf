/** Reader for canon section entries. */
import type { BinaryReader } from '../binary/reader.js';
import type { CanonFunction, CanonOption } from '../model/canon.js';
import { readCoreValType } from './core.js';
import { readResultList } from './type.js';
import { MAX_WASM_CANONICAL_OPTIONS } from '../limits.js';

function readOption(r: BinaryReader): CanonOption {
  const byte = r.u8('a canonical option');
  switch (byte) {
    case 0x00: return { kind: 'utf8' };
    case 0x01: return { kind: 'utf16' };
    case 0x02: return { kind: 'compact-utf16' };
    case 0x03: return { kind: 'memory', index: r.u32('a memory index') };
    case 0x04: return { kind: 'realloc', index: r.u32('a realloc function index') };
    case 0x05: return { kind: 'post-return', index: r.u32('a post-return function index') };
    case 0x06: return { kind: 'async' };
    case 0x07: return { kind: 'callback', index: r.u32('a callback function index') };
    case 0x08: return { kind: 'core-type', index: r.u32('a core type index') };
    case 0x09: return { kind: 'gc' };
    default: throw r.invalidByte(byte, 'a canonical option');
  }
}

function readOptions(r: BinaryReader): CanonOption[] {
  return r.vec('canonical options', readOption, { max: MAX_WASM_CANONICAL_OPTIONS, desc: 'canonical options' });
}

function readBool(r: BinaryReader, what: string): boolean {
  const byte = r.u8(what);
  if (byte > 1) throw r.invalidByte(byte, `${what} (0x00 or 0x01)`);
  return byte === 1;
}

/** The zero byte that was once the `cancellable` flag. */
function readLegacyZero(r: BinaryReader): void {
  const byte = r.u8('a zero byte');
  if (byte === 0x01) {
    throw r.invalidByte(byte, 'a zero byte (0x01 was `cancellable` until WebAssembly/component-model#716)');
  }
  if (byte !== 0x00) throw r.invalidByte(byte, 'a zero byte');
}

/** Reads one canonical function. */
export function readCanon(r: BinaryReader): CanonFunction {
  const byte = r.u8('a canonical function');
  const ty = (): number => r.u32('a type index');
  switch (byte) {
    case 0x00: {
      const sub = r.u8('canon lift (0x00)');
      if (sub !== 0x00) throw r.invalidByte(sub, 'canon lift (0x00)');
      const coreFunc = r.u32('a core function index');
      const options = readOptions(r);
      return { kind: 'lift', coreFunc, options, type: ty() };
    }
    case 0x01: {
      const sub = r.u8('canon lower (0x00)');
      if (sub !== 0x00) throw r.invalidByte(sub, 'canon lower (0x00)');
      const func = r.u32('a function index');
      return { kind: 'lower', func, options: readOptions(r) };
    }
    case 0x02: return { kind: 'resource.new', resource: ty() };
    case 0x03: return { kind: 'resource.drop', resource: ty() };
    case 0x04: return { kind: 'resource.rep', resource: ty() };
    case 0x05: return { kind: 'task.cancel' };
    case 0x06: return { kind: 'subtask.cancel', async: readBool(r, 'an async flag') };
    case 0x09: {
      const result = readResultList(r);
      return { kind: 'task.return', result, options: readOptions(r) };
    }
    case 0x0a: return { kind: 'context.get', type: readCoreValType(r), slot: r.u32('a context slot') };
    case 0x0b: return { kind: 'context.set', type: readCoreValType(r), slot: r.u32('a context slot') };
    case 0x0c: readLegacyZero(r); return { kind: 'thread.yield' };
    case 0x0d: return { kind: 'subtask.drop' };
    case 0x0e: return { kind: 'stream.new', type: ty() };
    case 0x0f: { const type = ty(); return { kind: 'stream.read', type, options: readOptions(r) }; }
    case 0x10: { const type = ty(); return { kind: 'stream.write', type, options: readOptions(r) }; }
    case 0x11: { const type = ty(); return { kind: 'stream.cancel-read', type, async: readBool(r, 'an async flag') }; }
    case 0x12: { const type = ty(); return { kind: 'stream.cancel-write', type, async: readBool(r, 'an async flag') }; }
    case 0x13: return { kind: 'stream.drop-readable', type: ty() };
    case 0x14: return { kind: 'stream.drop-writable', type: ty() };
    case 0x15: return { kind: 'future.new', type: ty() };
    case 0x16: { const type = ty(); return { kind: 'future.read', type, options: readOptions(r) }; }
    case 0x17: { const type = ty(); return { kind: 'future.write', type, options: readOptions(r) }; }
    case 0x18: { const type = ty(); return { kind: 'future.cancel-read', type, async: readBool(r, 'an async flag') }; }
    case 0x19: { const type = ty(); return { kind: 'future.cancel-write', type, async: readBool(r, 'an async flag') }; }
    case 0x1a: return { kind: 'future.drop-readable', type: ty() };
    case 0x1b: return { kind: 'future.drop-writable', type: ty() };
    case 0x1c: return { kind: 'error-context.new', options: readOptions(r) };
    case 0x1d: return { kind: 'error-context.debug-message', options: readOptions(r) };
    case 0x1e: return { kind: 'error-context.drop' };
    case 0x1f: return { kind: 'waitable-set.new' };
    case 0x20: readLegacyZero(r); return { kind: 'waitable-set.wait', memory: r.u32('a memory index') };
    case 0x21: readLegacyZero(r); return { kind: 'waitable-set.poll', memory: r.u32('a memory index') };
    case 0x22: return { kind: 'waitable-set.drop' };
    case 0x23: return { kind: 'waitable.join' };
    case 0x24: return { kind: 'backpressure.inc' };
    case 0x25: return { kind: 'backpressure.dec' };
    case 0x26: return { kind: 'thread.index' };
    case 0x27: {
      const funcType = r.u32('a core function type index');
      return { kind: 'thread.new-indirect', funcType, table: r.u32('a table index') };
    }
    case 0x28: return { kind: 'thread.resume-later' };
    case 0x29: readLegacyZero(r); return { kind: 'thread.suspend' };
    case 0x2a: readLegacyZero(r); return { kind: 'thread.suspend-then-resume' };
    case 0x2b: readLegacyZero(r); return { kind: 'thread.yield-then-resume' };
    case 0x2c: readLegacyZero(r); return { kind: 'thread.suspend-then-promote' };
    case 0x2d: readLegacyZero(r); return { kind: 'thread.yield-then-promote' };
    case 0x2e: return { kind: 'stream.forward', type: ty() };
    case 0x2f: return { kind: 'future.forward', type: ty() };
    case 0x40: return { kind: 'thread.spawn-ref', funcType: r.u32('a core function type index') };
    case 0x41: {
      const funcType = r.u32('a core function type index');
      return { kind: 'thread.spawn-indirect', funcType, table: r.u32('a table index') };
    }
    case 0x42: return { kind: 'thread.available-parallelism' };
    default: throw r.invalidByte(byte, 'a canonical function');
  }
}
