/**
 * Reader for custom sections. Known sections whose contents do not parse, or
 * do not re-encode to the same bytes (non-minimal LEB128, ...), are kept as
 * `unknown` bytes: custom sections never make decoding fail.
 */
import { BinaryReader } from '../binary/reader.js';
import { BinaryError } from '../errors.js';
import { customContent } from '../encode/custom.js';
import type { CustomSection, NameSort, NameSubsection, Naming, ProducerField } from '../model/custom.js';

const CORE_NAME_SORTS: ReadonlyMap<number, NameSort> = new Map<number, NameSort>([
  [0x00, 'core-func'], [0x01, 'core-table'], [0x02, 'core-memory'], [0x03, 'core-global'],
  [0x04, 'core-tag'], [0x10, 'core-type'], [0x11, 'core-module'], [0x12, 'core-instance'],
]);
const NAME_SORTS: ReadonlyMap<number, NameSort> = new Map<number, NameSort>([
  [0x01, 'func'], [0x02, 'value'], [0x03, 'type'], [0x04, 'component'], [0x05, 'instance'],
]);

function readProducers(r: BinaryReader): ProducerField[] {
  return r.vec('producers fields', (rr) => ({
    name: rr.name('a producers field name'),
    values: rr.vec('producers field values', (v) => ({ name: v.name('a producer name'), version: v.name('a producer version') })),
  }));
}

function readNameSubsection(r: BinaryReader): NameSubsection {
  const id = r.u8('a name subsection id');
  const size = r.u32('a name subsection size');
  const body = r.sub(size, 'a name subsection');
  const start = body.position;
  if (id === 0) {
    const name = body.unlimitedName('the component name');
    body.expectEnd('the component name subsection');
    return { kind: 'component', name };
  }
  if (id === 1) {
    const b1 = body.u8('a name subsection sort');
    const sort = b1 === 0 ? CORE_NAME_SORTS.get(body.u8('a name subsection core sort')) : NAME_SORTS.get(b1);
    if (sort !== undefined) {
      const names: Naming[] = body.vec('names', (rr) => ({ index: rr.u32('a name index'), name: rr.unlimitedName('a name') }));
      body.expectEnd('a name map');
      return { kind: 'sort', sort, names };
    }
  }
  body.position = start;
  return { kind: 'unknown', id, data: body.rest() };
}

function readNameSection(r: BinaryReader): NameSubsection[] {
  const out: NameSubsection[] = [];
  while (!r.eof()) out.push(readNameSubsection(r));
  return out;
}

function parseKnown(name: string, r: BinaryReader, inComponent: boolean): CustomSection | undefined {
  if (name === 'producers') {
    const fields = readProducers(r);
    r.expectEnd('the producers section');
    return { kind: 'producers', name, fields };
  }
  if (name === 'component-name' && inComponent) {
    return { kind: 'name', name, subsections: readNameSection(r) };
  }
  if (name.startsWith('component-type')) {
    return { kind: 'component-type', name, data: r.rest() };
  }
  if (name === 'wit-component-encoding') {
    if (r.remaining !== 2) return undefined;
    return { kind: 'wit-component-encoding', name, version: r.u8('a version'), encoding: r.u8('a string encoding') };
  }
  if (name === 'package-docs') {
    const version = r.u8('a package-docs version');
    const bytes = r.rest();
    try {
      return { kind: 'package-docs', name, version, json: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Reads a custom section body (name and contents) from `r`, which spans the
 * whole section. `inComponent` tells a component from a core module.
 */
export function readCustomSection(r: BinaryReader, inComponent: boolean): CustomSection {
  const name = r.name('a custom section name');
  const contentStart = r.position;
  const data = r.bytes.subarray(contentStart, r.end);
  let parsed: CustomSection | undefined;
  try {
    parsed = parseKnown(name, new BinaryReader(r.bytes, contentStart, r.end), inComponent);
  } catch (error) {
    if (!(error instanceof BinaryError)) throw error;
    parsed = undefined;
  }
  r.position = r.end;
  if (parsed !== undefined && sameBytes(customContent(parsed), data)) return parsed;
  return { kind: 'unknown', name, data };
}
