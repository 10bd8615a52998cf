/** Writer for a whole component: the mirror image of `decode/component.ts`. */
import { unreachable } from '@weld/wit';
import { BinaryWriter } from '../binary/writer.js';
import type { Component, Section } from '../model/component.js';
import { writeAlias } from './alias.js';
import { writeCanon } from './canon.js';
import { writeCoreType } from './core.js';
import { writeCoreInstance } from './core-instance.js';
import { writeCustomSection } from './custom.js';
import { writeExport } from './export.js';
import { writeImport } from './import.js';
import { writeComponentInstance } from './instance.js';
import { writeStart } from './start.js';
import { writeComponentType } from './type.js';

function writeSection(w: BinaryWriter, s: Section): void {
  const sizeWidth = s.encoding?.sizeWidth;
  const countWidth = s.encoding?.countWidth;
  const section = (id: number, body: (b: BinaryWriter) => void): void => {
    w.u8(id).nested(body, sizeWidth);
  };
  switch (s.kind) {
    case 'custom': section(0, (b) => writeCustomSection(b, s.custom)); return;
    case 'core-module': section(1, (b) => b.bytes(s.bytes)); return;
    case 'core-instance': section(2, (b) => b.vec(s.instances, writeCoreInstance, countWidth)); return;
    case 'core-type': section(3, (b) => b.vec(s.types, writeCoreType, countWidth)); return;
    case 'component': section(4, (b) => (s.bytes ? b.bytes(s.bytes) : writeComponentBody(b, s.component))); return;
    case 'instance': section(5, (b) => b.vec(s.instances, writeComponentInstance, countWidth)); return;
    case 'alias': section(6, (b) => b.vec(s.aliases, writeAlias, countWidth)); return;
    case 'type': section(7, (b) => b.vec(s.types, writeComponentType, countWidth)); return;
    case 'canon': section(8, (b) => b.vec(s.functions, writeCanon, countWidth)); return;
    case 'start': section(9, (b) => writeStart(b, s)); return;
    case 'import': section(10, (b) => b.vec(s.imports, writeImport, countWidth)); return;
    case 'export': section(11, (b) => b.vec(s.exports, writeExport, countWidth)); return;
    default: unreachable(s);
  }
}

function writeComponentBody(w: BinaryWriter, c: Component): void {
  w.u8(0x00).u8(0x61).u8(0x73).u8(0x6d);
  w.u8(c.version).u8(c.version >>> 8).u8(c.layer).u8(c.layer >>> 8);
  for (const s of c.sections) writeSection(w, s);
}

/** Encodes a component model to bytes. */
export function encodeComponent(component: Component): Uint8Array {
  const w = new BinaryWriter(4096);
  writeComponentBody(w, component);
  return w.finish();
}
