/** Reader for type section entries: defined, function, component, instance and resource types. */
import type { BinaryReader } from '../binary/reader.js';
import type {
  ComponentType, ComponentTypeDecl, DefinedType, InstanceTypeDecl, NamedValType, VariantCase,
} from '../model/types.js';
import type { ValType } from '../model/val-type.js';
import { readAlias } from './alias.js';
import { readCoreType, readCoreValType } from './core.js';
import { PRIMITIVES, readExternName, readExternType, readOptionalValType, readValType } from './externs.js';
import {
  MAX_WASM_COMPONENT_TYPE_DECLS, MAX_WASM_COMPONENT_TYPE_DEPTH, MAX_WASM_ENUM_CASES, MAX_WASM_FLAG_NAMES, MAX_WASM_FUNCTION_PARAMS,
  MAX_WASM_INSTANCE_TYPE_DECLS, MAX_WASM_RECORD_FIELDS, MAX_WASM_TUPLE_TYPES, MAX_WASM_VARIANT_CASES,
} from '../limits.js';

const COMPONENT_DECLS = { max: MAX_WASM_COMPONENT_TYPE_DECLS, desc: 'component type declaration' } as const;
const INSTANCE_DECLS = { max: MAX_WASM_INSTANCE_TYPE_DECLS, desc: 'instance type declaration' } as const;

function readNamedValType(r: BinaryReader): NamedValType {
  return { name: r.name('a field name'), type: readValType(r) };
}

function readCase(r: BinaryReader): VariantCase {
  const name = r.name('a case name');
  const type = readOptionalValType(r, 'an optional case type');
  const zero = r.u8('a zero byte after a variant case');
  if (zero !== 0) throw r.invalidByte(zero, 'a zero byte after a variant case');
  return { name, type };
}

/** Reads a function result list: `0x00 t` or `0x01 0x00`. */
export function readResultList(r: BinaryReader): ValType | undefined {
  const byte = r.u8('a function result');
  if (byte === 0x00) return readValType(r);
  if (byte === 0x01) {
    const n = r.u8('the number of named results (0)');
    if (n !== 0) throw r.invalidByte(n, 'the number of named results (0)');
    return undefined;
  }
  throw r.invalidByte(byte, 'a function result (0x00 or 0x01)');
}

function readDefinedType(r: BinaryReader, byte: number): DefinedType {
  const primitive = PRIMITIVES.get(byte);
  if (primitive !== undefined) return { kind: 'primitive', type: primitive };
  switch (byte) {
    case 0x72: return { kind: 'record', fields: r.vec('record fields', readNamedValType, { max: MAX_WASM_RECORD_FIELDS, desc: 'record field' }) };
    case 0x71: return { kind: 'variant', cases: r.vec('variant cases', readCase, { max: MAX_WASM_VARIANT_CASES, desc: 'variant cases' }) };
    case 0x70: return { kind: 'list', element: readValType(r) };
    case 0x63: return { kind: 'map', key: readValType(r), value: readValType(r) };
    case 0x6f: return { kind: 'tuple', types: r.vec('tuple types', (rr) => readValType(rr), { max: MAX_WASM_TUPLE_TYPES, desc: 'tuple types' }) };
    case 0x6e: return { kind: 'flags', names: r.vec('flag names', (rr) => rr.name('a flag name'), { max: MAX_WASM_FLAG_NAMES, desc: 'flag names' }) };
    case 0x6d: return { kind: 'enum', names: r.vec('enum cases', (rr) => rr.name('an enum case'), { max: MAX_WASM_ENUM_CASES, desc: 'enum cases' }) };
    case 0x6b: return { kind: 'option', type: readValType(r) };
    case 0x6a: return {
      kind: 'result',
      ok: readOptionalValType(r, 'an optional ok type'),
      err: readOptionalValType(r, 'an optional error type'),
    };
    case 0x69: return { kind: 'own', resource: r.u32('a resource type index') };
    case 0x68: return { kind: 'borrow', resource: r.u32('a resource type index') };
    case 0x67: return { kind: 'fixed-size-list', element: readValType(r), length: r.u32('a fixed list length') };
    case 0x66: return { kind: 'stream', type: readOptionalValType(r, 'an optional stream element type') };
    case 0x65: return { kind: 'future', type: readOptionalValType(r, 'an optional future value type') };
    default: throw r.invalidByte(byte, 'a component type');
  }
}

function readInstanceTypeDecl(r: BinaryReader, depth: number): InstanceTypeDecl {
  const byte = r.u8('an instance type declaration');
  switch (byte) {
    case 0x00: return { kind: 'core-type', type: readCoreType(r) };
    case 0x01: return { kind: 'type', type: readComponentType(r, depth) };
    case 0x02: return { kind: 'alias', alias: readAlias(r) };
    case 0x04: return { kind: 'export', name: readExternName(r), type: readExternType(r) };
    default: throw r.invalidByte(byte, 'a component or instance type declaration');
  }
}

function readComponentTypeDecl(r: BinaryReader, depth: number): ComponentTypeDecl {
  if (r.peek('a component type declaration') === 0x03) {
    r.u8('an import declaration');
    return { kind: 'import', name: readExternName(r), type: readExternType(r) };
  }
  return readInstanceTypeDecl(r, depth);
}

function checkDepth(r: BinaryReader, depth: number): void {
  if (depth >= MAX_WASM_COMPONENT_TYPE_DEPTH) throw r.error('malformed', 'component type nesting is too deep');
}

/** Reads one type: `depth` counts the enclosing component and instance types. */
export function readComponentType(r: BinaryReader, depth = 0): ComponentType {
  const byte = r.u8('a type section entry');
  switch (byte) {
    case 0x3f: {
      const rep = readCoreValType(r);
      const tag = r.u8('a resource destructor');
      if (tag === 0x00) return { kind: 'resource', rep, destructor: undefined };
      if (tag === 0x01) return { kind: 'resource', rep, destructor: r.u32('a destructor function index') };
      throw r.invalidByte(tag, 'a resource destructor (0x00 or 0x01)');
    }
    case 0x40:
    case 0x43:
      return {
        kind: 'func',
        async: byte === 0x43,
        params: r.vec('function parameters', readNamedValType, { max: MAX_WASM_FUNCTION_PARAMS, desc: 'component function parameters' }),
        result: readResultList(r),
      };
    case 0x41: {
      checkDepth(r, depth);
      return { kind: 'component', decls: r.vec('component type declarations', (rr) => readComponentTypeDecl(rr, depth + 1), COMPONENT_DECLS) };
    }
    case 0x42: {
      checkDepth(r, depth);
      return { kind: 'instance', decls: r.vec('instance type declarations', (rr) => readInstanceTypeDecl(rr, depth + 1), INSTANCE_DECLS) };
    }
    default:
      return readDefinedType(r, byte);
  }
}
