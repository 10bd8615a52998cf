/** Reader for component instance section entries. */
import type { BinaryReader } from '../binary/reader.js';
import type { Export } from '../model/externs.js';
import type { ComponentInstance, InstantiationArg } from '../model/instances.js';
import { readExternName, readSort } from './externs.js';
import { MAX_WASM_INSTANTIATION_ARGS, MAX_WASM_INSTANTIATION_EXPORTS } from '../limits.js';

function readArg(r: BinaryReader): InstantiationArg {
  return { name: r.name('an instantiation argument name'), sort: readSort(r), index: r.u32('an argument index') };
}

function readInlineExport(r: BinaryReader): Export {
  return { name: readExternName(r), sort: readSort(r), index: r.u32('an export index'), type: undefined };
}

/** Reads one component instance: an instantiation of a component, or inline exports. */
export function readComponentInstance(r: BinaryReader): ComponentInstance {
  const byte = r.u8('an instance');
  if (byte === 0x00) {
    return { kind: 'instantiate', component: r.u32('a component index'), args: r.vec('instantiation arguments', readArg, { max: MAX_WASM_INSTANTIATION_ARGS, desc: 'instantiation arguments' }) };
  }
  if (byte === 0x01) return { kind: 'from-exports', exports: r.vec('instance exports', readInlineExport, { max: MAX_WASM_INSTANTIATION_EXPORTS, desc: 'instantiation exports' }) };
  throw r.invalidByte(byte, 'an instance (0x00 or 0x01)');
}
