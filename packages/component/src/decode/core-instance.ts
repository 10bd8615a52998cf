/** Reader for core instance section entries. */
import type { BinaryReader } from '../binary/reader.js';
import type { CoreInstance, CoreInstantiationArg } from '../model/instances.js';
import { readCoreExport } from './core.js';
import { MAX_WASM_INSTANTIATION_ARGS } from '../limits.js';

/** wasmparser counts both kinds of core instance items as instantiation arguments. */
const CORE_ARGS = { max: MAX_WASM_INSTANTIATION_ARGS, desc: 'core instantiation arguments' } as const;

function readArg(r: BinaryReader): CoreInstantiationArg {
  const name = r.name('an instantiation argument name');
  const kind = r.u8('an instantiation argument kind');
  if (kind !== 0x12) throw r.invalidByte(kind, 'an instantiation argument kind (instance, 0x12)');
  return { name, kind: 'instance', index: r.u32('a core instance index') };
}

/** Reads one core instance: an instantiation of a module, or inline exports. */
export function readCoreInstance(r: BinaryReader): CoreInstance {
  const byte = r.u8('a core instance');
  if (byte === 0x00) {
    return { kind: 'instantiate', module: r.u32('a module index'), args: r.vec('core instantiation arguments', readArg, CORE_ARGS) };
  }
  if (byte === 0x01) return { kind: 'from-exports', exports: r.vec('core instance exports', readCoreExport, CORE_ARGS) };
  throw r.invalidByte(byte, 'a core instance (0x00 or 0x01)');
}
