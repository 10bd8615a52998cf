/** Reader for alias section entries (also used in component and instance type declarations). */
import type { BinaryReader } from '../binary/reader.js';
import type { Alias, OuterAliasSort } from '../model/aliases.js';
import type { Sort } from '../model/externs.js';
import type { CoreSort } from '../model/core.js';

const CORE_SORTS: Readonly<Record<number, CoreSort>> = { 0x00: 'func', 0x01: 'table', 0x02: 'memory', 0x03: 'global', 0x04: 'tag' };
const SORTS: Readonly<Record<number, Sort>> = { 0x01: 'func', 0x02: 'value', 0x03: 'type', 0x04: 'component', 0x05: 'instance' };

/** Reads one alias: sort, target tag, then the target. */
export function readAlias(r: BinaryReader): Alias {
  const offset = r.position;
  const byte1 = r.u8('an alias sort');
  const byte2 = byte1 === 0x00 ? r.u8('an alias core sort') : undefined;
  const target = r.u8('an alias target');
  switch (target) {
    case 0x00: {
      let sort: Sort | undefined;
      if (byte2 === undefined) sort = SORTS[byte1];
      else if (byte2 === 0x11) sort = 'module';
      if (sort === undefined) throw r.invalidByte(byte2 ?? byte1, 'an alias sort', byte2 === undefined ? offset : offset + 1);
      return { kind: 'instance-export', sort, instance: r.u32('an instance index'), name: r.name('an export name') };
    }
    case 0x01: {
      if (byte2 === undefined) throw r.invalidByte(byte1, 'a core instance export kind', offset);
      const sort = CORE_SORTS[byte2];
      if (sort === undefined) {
        if (byte2 === 0x20) throw r.error('malformed', 'exact type is not allowed in core export aliases', offset);
        throw r.invalidByte(byte2, 'a core instance export kind', offset + 1);
      }
      return { kind: 'core-instance-export', sort, instance: r.u32('a core instance index'), name: r.name('an export name') };
    }
    case 0x02: {
      let sort: OuterAliasSort | undefined;
      if (byte2 === undefined) sort = byte1 === 0x03 ? 'type' : byte1 === 0x04 ? 'component' : undefined;
      else sort = byte2 === 0x10 ? 'core-type' : byte2 === 0x11 ? 'module' : undefined;
      if (sort === undefined) throw r.invalidByte(byte2 ?? byte1, 'an outer alias sort', byte2 === undefined ? offset : offset + 1);
      return { kind: 'outer', sort, count: r.u32('an outer alias count'), index: r.u32('an outer alias index') };
    }
    default:
      throw r.invalidByte(target, 'an alias target (0x00, 0x01 or 0x02)');
  }
}
