/** Writer for canon entries: the mirror image of `decode/canon.ts`. */
import { unreachable } from '@weld/wit';
import type { BinaryWriter } from '../binary/writer.js';
import type { CanonFunction, CanonOption } from '../model/canon.js';
import { writeCoreValType } from './core.js';
import { writeResultList } from './type.js';

function writeOption(w: BinaryWriter, o: CanonOption): void {
  switch (o.kind) {
    case 'utf8': w.u8(0x00); return;
    case 'utf16': w.u8(0x01); return;
    case 'compact-utf16': w.u8(0x02); return;
    case 'memory': w.u8(0x03).u32(o.index); return;
    case 'realloc': w.u8(0x04).u32(o.index); return;
    case 'post-return': w.u8(0x05).u32(o.index); return;
    case 'async': w.u8(0x06); return;
    case 'callback': w.u8(0x07).u32(o.index); return;
    case 'core-type': w.u8(0x08).u32(o.index); return;
    case 'gc': w.u8(0x09); return;
    default: unreachable(o);
  }
}

function writeOptions(w: BinaryWriter, options: readonly CanonOption[]): void {
  w.vec(options, writeOption);
}

/** Writes one canonical function. */
export function writeCanon(w: BinaryWriter, f: CanonFunction): void {
  switch (f.kind) {
    case 'lift': w.u8(0x00).u8(0x00).u32(f.coreFunc); writeOptions(w, f.options); w.u32(f.type); return;
    case 'lower': w.u8(0x01).u8(0x00).u32(f.func); writeOptions(w, f.options); return;
    case 'resource.new': w.u8(0x02).u32(f.resource); return;
    case 'resource.drop': w.u8(0x03).u32(f.resource); return;
    case 'resource.rep': w.u8(0x04).u32(f.resource); return;
    case 'task.cancel': w.u8(0x05); return;
    case 'subtask.cancel': w.u8(0x06).u8(f.async ? 1 : 0); return;
    case 'task.return': w.u8(0x09); writeResultList(w, f.result); writeOptions(w, f.options); return;
    case 'context.get': w.u8(0x0a); writeCoreValType(w, f.type); w.u32(f.slot); return;
    case 'context.set': w.u8(0x0b); writeCoreValType(w, f.type); w.u32(f.slot); return;
    case 'thread.yield': w.u8(0x0c).u8(0x00); return;
    case 'subtask.drop': w.u8(0x0d); return;
    case 'stream.new': w.u8(0x0e).u32(f.type); return;
    case 'stream.read': w.u8(0x0f).u32(f.type); writeOptions(w, f.options); return;
    case 'stream.write': w.u8(0x10).u32(f.type); writeOptions(w, f.options); return;
    case 'stream.cancel-read': w.u8(0x11).u32(f.type).u8(f.async ? 1 : 0); return;
    case 'stream.cancel-write': w.u8(0x12).u32(f.type).u8(f.async ? 1 : 0); return;
    case 'stream.drop-readable': w.u8(0x13).u32(f.type); return;
    case 'stream.drop-writable': w.u8(0x14).u32(f.type); return;
    case 'future.new': w.u8(0x15).u32(f.type); return;
    case 'future.read': w.u8(0x16).u32(f.type); writeOptions(w, f.options); return;
    case 'future.write': w.u8(0x17).u32(f.type); writeOptions(w, f.options); return;
    case 'future.cancel-read': w.u8(0x18).u32(f.type).u8(f.async ? 1 : 0); return;
    case 'future.cancel-write': w.u8(0x19).u32(f.type).u8(f.async ? 1 : 0); return;
    case 'future.drop-readable': w.u8(0x1a).u32(f.type); return;
    case 'future.drop-writable': w.u8(0x1b).u32(f.type); return;
    case 'error-context.new': w.u8(0x1c); writeOptions(w, f.options); return;
    case 'error-context.debug-message': w.u8(0x1d); writeOptions(w, f.options); return;
    case 'error-context.drop': w.u8(0x1e); return;
    case 'waitable-set.new': w.u8(0x1f); return;
    case 'waitable-set.wait': w.u8(0x20).u8(0x00).u32(f.memory); return;
    case 'waitable-set.poll': w.u8(0x21).u8(0x00).u32(f.memory); return;
    case 'waitable-set.drop': w.u8(0x22); return;
    case 'waitable.join': w.u8(0x23); return;
    case 'backpressure.inc': w.u8(0x24); return;
    case 'backpressure.dec': w.u8(0x25); return;
    case 'thread.index': w.u8(0x26); return;
    case 'thread.new-indirect': w.u8(0x27).u32(f.funcType).u32(f.table); return;
    case 'thread.resume-later': w.u8(0x28); return;
    case 'thread.suspend': w.u8(0x29).u8(0x00); return;
    case 'thread.suspend-then-resume': w.u8(0x2a).u8(0x00); return;
    case 'thread.yield-then-resume': w.u8(0x2b).u8(0x00); return;
    case 'thread.suspend-then-promote': w.u8(0x2c).u8(0x00); return;
    case 'thread.yield-then-promote': w.u8(0x2d).u8(0x00); return;
    case 'stream.forward': w.u8(0x2e).u32(f.type); return;
    case 'future.forward': w.u8(0x2f).u32(f.type); return;
    case 'thread.spawn-ref': w.u8(0x40).u32(f.funcType); return;
    case 'thread.spawn-indirect': w.u8(0x41).u32(f.funcType).u32(f.table); return;
    case 'thread.available-parallelism': w.u8(0x42); return;
    default: unreachable(f);
  }
}
