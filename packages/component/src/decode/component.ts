/** Reader for a whole component: the header, then sections until the end. */
import { BinaryReader } from '../binary/reader.js';
import { lebWidth } from '../binary/writer.js';
import { BinaryError, hex } from '../errors.js';
import type { Component, Section, SectionEncoding } from '../model/component.js';
import { readAlias } from './alias.js';
import { readCanon } from './canon.js';
import { readCoreType } from './core.js';
import { readCoreInstance } from './core-instance.js';
import { readCustomSection } from './custom.js';
import { readExport } from './export.js';
import { readImport } from './import.js';
import { readComponentInstance } from './instance.js';
import { readStart } from './start.js';
import { countLimitMessage, MAX_WASM_MODULES_AND_COMPONENTS } from '../limits.js';
import { readComponentType } from './type.js';

/** The magic number `\0asm`. */
export const MAGIC = [0x00, 0x61, 0x73, 0x6d] as const;
/** The version field of a component header. */
export const COMPONENT_VERSION = 0x0d;
/** The layer field of a component header; core modules have 0 there (and version 1). */
export const COMPONENT_LAYER = 0x01;

/** Reads the 8-byte preamble; returns version and layer. */
export function readHeader(r: BinaryReader, expect: 'component' | 'module'): { version: number; layer: number } {
  const start = r.position;
  for (const byte of MAGIC) {
    if (r.remaining === 0) throw r.endError('the magic number \\0asm');
    if (r.u8('the magic number') !== byte) {
      throw new BinaryError('invalid-header', `invalid magic number at offset ${hex(start)}: expected \\0asm`, start);
    }
  }
  const versionOffset = r.position;
  const version = r.u8('the version') | (r.u8('the version') << 8);
  const layer = r.u8('the layer') | (r.u8('the layer') << 8);
  const isComponent = version === COMPONENT_VERSION && layer === COMPONENT_LAYER;
  const isModule = version === 1 && layer === 0;
  if (expect === 'component' && !isComponent) {
    const found = isModule ? 'a core module' : `version 0x${version.toString(16)} layer ${layer}`;
    throw new BinaryError('invalid-header', `expected a component header at offset ${hex(versionOffset)}, found ${found}`, versionOffset);
  }
  if (expect === 'module' && !isModule) {
    const found = isComponent ? 'a component' : `version 0x${version.toString(16)} layer ${layer}`;
    throw new BinaryError('invalid-header', `expected a core module header at offset ${hex(versionOffset)}, found ${found}`, versionOffset);
  }
  return { version, layer };
}

function encodingOf(sizeValue: number, sizeWidth: number, countValue?: number, countWidth?: number): SectionEncoding | undefined {
  const enc: { sizeWidth?: number; countWidth?: number } = {};
  if (sizeWidth !== lebWidth(sizeValue)) enc.sizeWidth = sizeWidth;
  if (countValue !== undefined && countWidth !== undefined && countWidth !== lebWidth(countValue)) enc.countWidth = countWidth;
  return enc.sizeWidth === undefined && enc.countWidth === undefined ? undefined : enc;
}

function withEncoding<T extends Section>(section: T, encoding: SectionEncoding | undefined): T {
  return encoding === undefined ? section : { ...section, encoding };
}

const SECTION_NAMES: Readonly<Record<number, string>> = {
  0: 'custom', 1: 'core module', 2: 'core instance', 3: 'core type', 4: 'component', 5: 'instance',
  6: 'alias', 7: 'type', 8: 'canon', 9: 'start', 10: 'import', 11: 'export',
};

/** Reads a vector section body: count, items, end. */
function readItems<T>(body: BinaryReader, what: string, item: (r: BinaryReader) => T): { items: T[]; count: number; countWidth: number } {
  const count = body.count(`${what} section entries`);
  const countWidth = body.lastLebWidth;
  const items: T[] = [];
  for (let i = 0; i < count; i++) items.push(item(body));
  body.expectEnd(`the ${what} section`);
  return { items, count, countWidth };
}

/**
 * Core modules and components read so far in one binary, itself included.
 * Their limit also bounds how deep components nest, so every walk over
 * nested components recurses at most that often.
 */
interface Binaries {
  count: number;
}

function countBinary(r: BinaryReader, binaries: Binaries, offset: number): void {
  const message = countLimitMessage(binaries.count, 1, MAX_WASM_MODULES_AND_COMPONENTS, 'modules and components');
  if (message !== undefined) throw r.error('out-of-bounds', message, offset);
  binaries.count++;
}

function readSection(r: BinaryReader, binaries: Binaries): Section {
  const idOffset = r.position;
  const id = r.u8('a section id');
  const what = SECTION_NAMES[id];
  if (what === undefined) throw r.invalidByte(id, 'a component section id (0 to 11)', idOffset);
  const size = r.u32(`the size of the ${what} section`);
  const sizeWidth = r.lastLebWidth;
  if (size > r.remaining) {
    throw new BinaryError(
      'unexpected-end',
      `unexpected end of input at offset ${hex(r.end)}: the ${what} section at offset ${hex(idOffset)} needs ${size} bytes, ${r.remaining} are left`,
      r.end,
    );
  }
  const body = r.sub(size, `the ${what} section`);
  const sized = encodingOf(size, sizeWidth);
  switch (id) {
    case 0:
      return withEncoding({ kind: 'custom', custom: readCustomSection(body, true) }, sized);
    case 1: {
      const offset = body.position;
      countBinary(r, binaries, offset);
      readHeader(new BinaryReader(body.bytes, body.position, body.end), 'module');
      return withEncoding({ kind: 'core-module', bytes: body.rest(), offset }, sized);
    }
    case 4: {
      countBinary(r, binaries, body.position);
      const component = readBody(body, binaries);
      return withEncoding({ kind: 'component', component, size }, sized);
    }
    case 9: {
      const start = readStart(body);
      body.expectEnd('the start section');
      return withEncoding({ kind: 'start', ...start }, sized);
    }
    default:
      break;
  }
  const vector = <S extends Section>(make: (items: never[]) => S, item: (r: BinaryReader) => unknown): S => {
    const { items, count, countWidth } = readItems(body, what, item);
    return withEncoding(make(items as never[]), encodingOf(size, sizeWidth, count, countWidth));
  };
  switch (id) {
    case 2: return vector((instances) => ({ kind: 'core-instance', instances }), readCoreInstance);
    case 3: return vector((types) => ({ kind: 'core-type', types }), readCoreType);
    case 5: return vector((instances) => ({ kind: 'instance', instances }), readComponentInstance);
    case 6: return vector((aliases) => ({ kind: 'alias', aliases }), readAlias);
    case 7: return vector((types) => ({ kind: 'type', types }), (rr) => readComponentType(rr));
    case 8: return vector((functions) => ({ kind: 'canon', functions }), readCanon);
    case 10: return vector((imports) => ({ kind: 'import', imports }), readImport);
    case 11: return vector((exports) => ({ kind: 'export', exports }), readExport);
    default: throw r.invalidByte(id, 'a component section id', idOffset);
  }
}

/** Reads a component (header and sections) spanning all of `r`. */
export function readComponentBody(r: BinaryReader): Component {
  return readBody(r, { count: 1 });
}

function readBody(r: BinaryReader, binaries: Binaries): Component {
  const { version, layer } = readHeader(r, 'component');
  const sections: Section[] = [];
  while (!r.eof()) sections.push(readSection(r, binaries));
  return { version, layer, sections };
}

/** Decodes a component binary. Throws {@link BinaryError} on malformed input. */
export function decodeComponent(bytes: Uint8Array): Component {
  return readComponentBody(new BinaryReader(bytes));
}

/** True when `bytes` start with the preamble of a component (not a core module). */
export function isComponent(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 8 &&
    MAGIC.every((b, i) => bytes[i] === b) &&
    bytes[4] === COMPONENT_VERSION && bytes[5] === 0 && bytes[6] === COMPONENT_LAYER && bytes[7] === 0
  );
}
