/** `readCoreModule`: the imports, exports and custom sections of a core module; other sections are skipped. */
import { BinaryReader } from '../binary/reader.js';
import { BinaryError, hex } from '../errors.js';
import type { CoreModuleInfo } from '../model/component.js';
import type { CoreExport, CoreImport } from '../model/core.js';
import type { CustomSection } from '../model/custom.js';
import { readHeader } from './component.js';
import { readCustomSection } from './custom.js';
import { readCoreExport, readCoreTypeRef } from './core.js';
import { countLimitMessage, MAX_WASM_EXPORTS, MAX_WASM_IMPORTS } from '../limits.js';

/** Reads one import-section entry, flattening the compact encodings (0x7f and 0x7e). */
function readImports(r: BinaryReader, out: CoreImport[]): void {
  const module = r.name('an import module name');
  const name = r.name('an import name');
  const next = r.peek('an import type');
  if (name === '' && next === 0x7f) {
    r.u8('compact imports');
    const n = r.count('compact import items', 2);
    for (let i = 0; i < n; i++) out.push({ module, name: r.name('an import name'), type: readCoreTypeRef(r) });
    return;
  }
  if (name === '' && next === 0x7e) {
    r.u8('compact imports');
    const type = readCoreTypeRef(r);
    const n = r.count('compact import names');
    for (let i = 0; i < n; i++) out.push({ module, name: r.name('an import name'), type });
    return;
  }
  out.push({ module, name, type: readCoreTypeRef(r) });
}

/** Reads a core module's imports, exports and custom sections. Throws {@link BinaryError}. */
export function readCoreModule(bytes: Uint8Array): CoreModuleInfo {
  const r = new BinaryReader(bytes);
  readHeader(r, 'module');
  const imports: CoreImport[] = [];
  const exports: CoreExport[] = [];
  const customs: CustomSection[] = [];
  while (!r.eof()) {
    const idOffset = r.position;
    const id = r.u8('a section id');
    const size = r.u32('a section size');
    if (size > r.remaining) {
      throw new BinaryError('unexpected-end', `unexpected end of input at offset ${hex(r.end)}: the section at offset ${hex(idOffset)} needs ${size} bytes, ${r.remaining} are left`, r.end);
    }
    const body = r.sub(size, 'a section');
    if (id === 0) {
      customs.push(readCustomSection(body, false));
    } else if (id === 2) {
      const n = checkedCount(body, 'imports', MAX_WASM_IMPORTS);
      for (let i = 0; i < n; i++) readImports(body, imports);
      body.expectEnd('the import section');
    } else if (id === 7) {
      const n = checkedCount(body, 'exports', MAX_WASM_EXPORTS);
      // One push per export: spreading a section's worth overflows the stack.
      for (let i = 0; i < n; i++) exports.push(readCoreExport(body));
      body.expectEnd('the export section');
    } else if (id > 13) {
      // Section ids 1-13 are known; skip their bodies unread.
      throw body.invalidByte(id, 'a core section id', idOffset);
    }
  }
  return { imports, exports, customs };
}

/** A section's item count, within wasmparser's limit for the module (`check_max`). */
function checkedCount(r: BinaryReader, desc: string, max: number): number {
  const offset = r.position;
  const n = r.count(desc);
  const message = countLimitMessage(0, n, max, desc);
  if (message !== undefined) throw r.error('out-of-bounds', message, offset);
  return n;
}
