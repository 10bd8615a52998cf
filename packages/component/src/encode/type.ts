/** Writer for type section entries: the mirror image of `decode/type.ts`. */
import { unreachable } from '@weld/wit';
import type { BinaryWriter } from '../binary/writer.js';
import type { ComponentType, ComponentTypeDecl, DefinedType, NamedValType } from '../model/types.js';
import type { ValType } from '../model/val-type.js';
import { writeAlias } from './alias.js';
import { writeCoreType, writeCoreValType } from './core.js';
import { PRIMITIVE_BYTES, writeExternName, writeExternType, writeOptionalValType, writeValType } from './externs.js';

function writeNamed(w: BinaryWriter, f: NamedValType): void {
  w.name(f.name);
  writeValType(w, f.type);
}

/** Writes a function result list. */
export function writeResultList(w: BinaryWriter, result: ValType | undefined): void {
  if (result === undefined) w.u8(0x01).u8(0x00);
  else {
    w.u8(0x00);
    writeValType(w, result);
  }
}

function writeDefinedType(w: BinaryWriter, t: DefinedType): void {
  switch (t.kind) {
    case 'primitive': w.u8(PRIMITIVE_BYTES[t.type]); return;
    case 'record': w.u8(0x72).vec(t.fields, writeNamed); return;
    case 'variant':
      w.u8(0x71).vec(t.cases, (ww, c) => {
        ww.name(c.name);
        writeOptionalValType(ww, c.type);
        ww.u8(0x00);
      });
      return;
    case 'list': w.u8(0x70); writeValType(w, t.element); return;
    case 'map': w.u8(0x63); writeValType(w, t.key); writeValType(w, t.value); return;
    case 'tuple': w.u8(0x6f).vec(t.types, writeValType); return;
    case 'flags': w.u8(0x6e).vec(t.names, (ww, n) => ww.name(n)); return;
    case 'enum': w.u8(0x6d).vec(t.names, (ww, n) => ww.name(n)); return;
    case 'option': w.u8(0x6b); writeValType(w, t.type); return;
    case 'result': w.u8(0x6a); writeOptionalValType(w, t.ok); writeOptionalValType(w, t.err); return;
    case 'own': w.u8(0x69).u32(t.resource); return;
    case 'borrow': w.u8(0x68).u32(t.resource); return;
    case 'fixed-size-list': w.u8(0x67); writeValType(w, t.element); w.u32(t.length); return;
    case 'stream': w.u8(0x66); writeOptionalValType(w, t.type); return;
    case 'future': w.u8(0x65); writeOptionalValType(w, t.type); return;
    default: unreachable(t);
  }
}

function writeDecl(w: BinaryWriter, d: ComponentTypeDecl): void {
  switch (d.kind) {
    case 'core-type': w.u8(0x00); writeCoreType(w, d.type); return;
    case 'type': w.u8(0x01); writeComponentType(w, d.type); return;
    case 'alias': w.u8(0x02); writeAlias(w, d.alias); return;
    case 'import': w.u8(0x03); writeExternName(w, d.name); writeExternType(w, d.type); return;
    case 'export': w.u8(0x04); writeExternName(w, d.name); writeExternType(w, d.type); return;
    default: unreachable(d);
  }
}

/** Writes one type. */
export function writeComponentType(w: BinaryWriter, t: ComponentType): void {
  switch (t.kind) {
    case 'resource':
      w.u8(0x3f);
      writeCoreValType(w, t.rep);
      if (t.destructor === undefined) w.u8(0x00);
      else w.u8(0x01).u32(t.destructor);
      return;
    case 'func':
      w.u8(t.async ? 0x43 : 0x40).vec(t.params, writeNamed);
      writeResultList(w, t.result);
      return;
    case 'component': w.u8(0x41).vec(t.decls, writeDecl); return;
    case 'instance': w.u8(0x42).vec(t.decls, writeDecl); return;
    default: writeDefinedType(w, t);
  }
}
