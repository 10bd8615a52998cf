/** The reader and writer primitives, error messages, and encoding details kept in the model. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BinaryError, BinaryReader, BinaryWriter, decodeComponent, encodeComponent, isComponent } from '@weld/component';
import type { Component } from '@weld/component';

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];

function component(...sections: number[][]): Uint8Array {
  return Uint8Array.from([...HEADER, ...sections.flat()]);
}

function thrown(fn: () => unknown): BinaryError {
  try {
    fn();
  } catch (error) {
    if (error instanceof BinaryError) return error;
    throw error;
  }
  throw new Error('expected a BinaryError');
}

describe('LEB128', () => {
  it('u32 round-trips through the writer and reader', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff_ffff }), (n) => {
        const bytes = new BinaryWriter().u32(n).finish();
        const r = new BinaryReader(bytes);
        expect(r.u32('n')).toBe(n);
        expect(r.eof()).toBe(true);
      }),
    );
  });

  it('s33 and s64 round-trip', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 32), max: 2 ** 32 - 1 }), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (n, b) => {
        const bytes = new BinaryWriter().signed(n).s64(b).finish();
        const r = new BinaryReader(bytes);
        expect(r.s33('n')).toBe(n);
        expect(r.s64('b')).toBe(b);
        expect(r.eof()).toBe(true);
      }),
    );
  });

  it('u64 round-trips', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (n) => {
        expect(new BinaryReader(new BinaryWriter().u64(n).finish()).u64('n')).toBe(n);
      }),
    );
  });

  it('pads u32 to a requested width and reports the width read', () => {
    const bytes = new BinaryWriter().u32(3, 5).finish();
    expect([...bytes]).toEqual([0x83, 0x80, 0x80, 0x80, 0x00]);
    const r = new BinaryReader(bytes);
    expect(r.u32('n')).toBe(3);
    expect(r.lastLebWidth).toBe(5);
  });

  it('rejects over-long and too-large u32', () => {
    expect(thrown(() => new BinaryReader(Uint8Array.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x00])).u32('x')).kind).toBe('invalid-leb');
    expect(thrown(() => new BinaryReader(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x1f])).u32('x')).kind).toBe('invalid-leb');
    expect(new BinaryReader(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x0f])).u32('x')).toBe(0xffff_ffff);
  });

  it('rejects s33 whose unused bits do not sign-extend', () => {
    expect(thrown(() => new BinaryReader(Uint8Array.from([0x80, 0x80, 0x80, 0x80, 0x20])).s33('x')).kind).toBe('invalid-leb');
    expect(new BinaryReader(Uint8Array.from([0x80, 0x80, 0x80, 0x80, 0x70])).s33('x')).toBe(-(2 ** 32));
  });
});

describe('names and vectors', () => {
  it('rejects invalid UTF-8 with its offset', () => {
    const e = thrown(() => new BinaryReader(Uint8Array.from([0x02, 0xc3, 0x28])).name('an export name'));
    expect(e.kind).toBe('invalid-utf8');
    expect(e.offset).toBe(1);
    expect(e.message).toBe('invalid UTF-8 at offset 0x1: expected an export name');
  });

  it('checks a count against the bytes left before reading items', () => {
    const e = thrown(() => new BinaryReader(Uint8Array.from([0xff, 0xff, 0x03])).vec('fields', (r) => r.u8('x')));
    expect(e.kind).toBe('out-of-bounds');
    expect(e.message).toMatch(/^count 65535 at offset 0x0 exceeds the 0 bytes left: expected fields$/);
  });

  it('writes length-prefixed nested bodies', () => {
    const bytes = new BinaryWriter().u8(7).nested((w) => w.name('ab').u8(1)).finish();
    expect([...bytes]).toEqual([7, 4, 2, 0x61, 0x62, 1]);
  });
});

describe('errors', () => {
  it('says what was expected where the input ended', () => {
    // Two entries announced; the first is `(result)`, the second is missing.
    const e = thrown(() => decodeComponent(component([0x07, 0x04, 0x02, 0x6a, 0x00, 0x00])));
    expect(e.kind).toBe('unexpected-end');
    expect(e.offset).toBe(14);
    expect(e.message).toBe('unexpected end of input at offset 0xe: expected a type section entry');
  });

  it('reports an unknown leading byte', () => {
    const e = thrown(() => decodeComponent(component([0x07, 0x02, 0x01, 0x3e])));
    expect(e.kind).toBe('invalid-byte');
    expect(e.message).toBe('invalid leading byte 0x3e at offset 0xb: expected a component type');
  });

  it('reports a section larger than the input', () => {
    const e = thrown(() => decodeComponent(component([0x07, 0x10, 0x00])));
    expect(e.kind).toBe('unexpected-end');
    expect(e.message).toMatch(/the type section at offset 0x8 needs 16 bytes, 1 are left/);
  });

  it('reports trailing bytes in a section', () => {
    const e = thrown(() => decodeComponent(component([0x07, 0x03, 0x01, 0x73, 0x73])));
    expect(e.kind).toBe('trailing-bytes');
    expect(e.offset).toBe(12);
  });

  it('tells a core module from a component', () => {
    const e = thrown(() => decodeComponent(Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00])));
    expect(e.kind).toBe('invalid-header');
    expect(e.message).toMatch(/found a core module/);
    expect(isComponent(component())).toBe(true);
    expect(isComponent(Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]))).toBe(false);
  });

  it('reads components nested 999 deep and rejects the 1,001st binary without overflowing the stack', () => {
    const nested = (depth: number): Uint8Array => {
      let inner: number[] = [...HEADER];
      for (let i = 0; i < depth; i++) {
        const size = new BinaryWriter().u32(inner.length).finish();
        inner = [...HEADER, 0x04, ...size, ...inner];
      }
      return Uint8Array.from(inner);
    };
    const deep = nested(999);
    expect(encodeComponent(decodeComponent(deep))).toEqual(deep);
    const e = thrown(() => decodeComponent(nested(1000)));
    expect(e.kind).toBe('out-of-bounds');
    expect(e.message).toMatch(/^modules and components count exceeds limit of 1000 at offset 0x[0-9a-f]+$/);
  });

  it('rejects instance types nested too deeply', () => {
    // (type (instance (type (instance ... )))) 150 deep: 0x42, 1 decl, 0x01 (type), ...
    const body: number[] = [];
    for (let i = 0; i < 150; i++) body.push(0x42, 0x01, 0x01);
    body.push(0x73);
    const section = [0x01, ...body];
    const size = [...new BinaryWriter().u32(section.length).finish()];
    expect(thrown(() => decodeComponent(component([0x07, ...size, ...section]))).message).toMatch(/nesting is too deep/);
  });
});

describe('encoding details', () => {
  it('keeps padded section sizes and counts', () => {
    const bytes = component(
      [0x07, 0x84, 0x80, 0x80, 0x80, 0x00, 0x81, 0x80, 0x00, 0x73], // size padded to 5 bytes, count to 3
      [0x07, 0x02, 0x01, 0x7f],
    );
    const decoded = decodeComponent(bytes);
    expect(decoded.sections[0]?.encoding).toEqual({ sizeWidth: 5, countWidth: 3 });
    expect(decoded.sections[1]?.encoding).toBeUndefined();
    expect(encodeComponent(decoded)).toEqual(bytes);
  });

  it('keeps the legacy 0x01 name tag', () => {
    // (import "a" (func (type 0))) with the pre-2023 discriminant byte.
    const bytes = component([0x07, 0x05, 0x01, 0x40, 0x00, 0x01, 0x00], [0x0a, 0x06, 0x01, 0x01, 0x01, 0x61, 0x01, 0x00]);
    const decoded = decodeComponent(bytes);
    const imports = decoded.sections[1];
    if (imports?.kind !== 'import') throw new Error('expected an import section');
    expect(imports.imports[0]?.name).toEqual({
      name: 'a', implements: undefined, versionSuffix: undefined, externalId: undefined, encoding: { tag: 1, optionOrder: [] },
    });
    expect(encodeComponent(decoded)).toEqual(bytes);
  });

  it('encodes a model built by hand and decodes it back', () => {
    const model: Component = {
      version: 0x0d,
      layer: 1,
      sections: [
        { kind: 'type', types: [{ kind: 'record', fields: [{ name: 'x', type: 'u32' }, { name: 'y', type: 'string' }] }] },
        { kind: 'type', types: [{ kind: 'func', async: true, params: [{ name: 'p', type: 0 }], result: undefined }] },
        { kind: 'import', imports: [{
          name: { name: 'f', implements: undefined, versionSuffix: undefined, externalId: undefined },
          type: { kind: 'func', index: 1 },
        }] },
        { kind: 'custom', custom: { kind: 'producers', name: 'producers', fields: [{ name: 'language', values: [{ name: 'weld', version: '1' }] }] } },
      ],
    };
    const bytes = encodeComponent(model);
    expect(decodeComponent(bytes)).toEqual(model);
  });
});
