/**
 * decode → encode is byte-identical for every component of the corpus, and
 * the re-encoded bytes pass `wasm-tools validate --features all`.
 */
import { describe, expect, it } from 'vitest';
import { decodeComponent, encodeComponent, isComponent, readCoreModule } from '@weld/component';
import type { Component, CustomSection } from '@weld/component';
import { corpus, dump, embedded, validate } from './corpus.js';

function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

function roundTrip(name: string, bytes: Uint8Array): Uint8Array {
  const encoded = encodeComponent(decodeComponent(bytes));
  const diff = firstDifference(bytes, encoded);
  if (diff !== -1) {
    const path = dump(`${name}.reencoded.wasm`, encoded);
    expect.fail(`${name}: re-encoded bytes differ at offset 0x${diff.toString(16)} (written to ${path})`);
  }
  return encoded;
}

/** Every custom section, at any depth. */
function customs(c: Component): CustomSection[] {
  return c.sections.flatMap((s) =>
    s.kind === 'custom' ? [s.custom] : s.kind === 'component' ? customs(s.component) : [],
  );
}

describe('round trip', () => {
  const entries = corpus().filter((e) => isComponent(e.bytes));

  it.each(entries.map((e) => [e.name, e] as const))('%s', (name, entry) => {
    if (entry.valid) expect(validate(entry.bytes), `${name} should be valid`).toBeUndefined();
    const encoded = roundTrip(name, entry.bytes);
    expect(validate(encoded)).toBeUndefined();
  });

  it('includes the real-toolchain fixtures of test/fixtures/out', () => {
    // corpus() globs test/fixtures/**.wasm: this keeps a moved or failed build from emptying it silently.
    const names = entries.map((e) => e.name).filter((n) => n.startsWith('fixture out/'));
    expect(names).toEqual(
      ['demo-app', 'demo-calc', 'demo-format', 'js-typed', 'rust-calc', 'rust-fs', 'ts-app', 'wat-async', 'wat-wasi'].map((n) => `fixture out/${n}.wasm`),
    );
  });

  it('includes core modules of the fixtures, read with readCoreModule', () => {
    for (const entry of corpus()) {
      if (isComponent(entry.bytes)) continue;
      expect(() => readCoreModule(entry.bytes)).not.toThrow();
    }
  });
});

describe('embed + new', () => {
  const { core, component } = embedded();

  it('reads the imports, exports and component-type section of the embedded core module', () => {
    const info = readCoreModule(core);
    expect(info.imports.map((i) => `${i.module}#${i.name}`)).toEqual([
      'weld:test/host@0.1.0#log',
      'weld:test/host@0.1.0#[constructor]counter',
      'weld:test/host@0.1.0#[method]counter.next',
      'weld:test/host@0.1.0#[resource-drop]counter',
    ]);
    expect(info.imports[0]?.type).toEqual({ kind: 'func', index: 0 });
    expect(info.exports.map((e) => `${e.kind} ${e.name}`)).toEqual([
      'memory memory', 'func run', 'func cabi_post_run', 'func cabi_realloc',
    ]);
    const ct = info.customs.find((c) => c.kind === 'component-type');
    expect(ct?.name.startsWith('component-type')).toBe(true);
    if (ct?.kind !== 'component-type') throw new Error('no component-type section');
    // The payload is WIT encoded as a component: it decodes and round-trips too.
    const world = decodeComponent(ct.data);
    expect(encodeComponent(world)).toEqual(ct.data);
    const enc = customs(world).find((c) => c.kind === 'wit-component-encoding');
    expect(enc).toMatchObject({ kind: 'wit-component-encoding', version: 4, encoding: 0 });
    expect(customs(world).some((c) => c.kind === 'producers')).toBe(true);
  });

  it('reads the custom sections of the component', () => {
    const decoded = decodeComponent(component);
    const top = customs(decoded);
    const producers = top.find((c) => c.kind === 'producers');
    if (producers?.kind !== 'producers') throw new Error('no producers section');
    expect(producers.fields.map((f) => f.name)).toContain('processed-by');
    expect(producers.fields.flatMap((f) => f.values.map((v) => v.name))).toContain('wit-component');
    const names = top.find((c) => c.kind === 'name');
    if (names?.kind !== 'name') throw new Error('no component-name section');
    expect(names.subsections.some((s) => s.kind === 'sort' && s.sort === 'core-module')).toBe(true);
    // The core modules inside are opaque byte ranges that readCoreModule can read.
    const modules = decoded.sections.filter((s) => s.kind === 'core-module');
    expect(modules.length).toBeGreaterThan(0);
    for (const m of modules) {
      if (m.kind !== 'core-module') continue;
      expect(component.subarray(m.offset, m.offset + m.bytes.length)).toEqual(m.bytes);
      expect(() => readCoreModule(m.bytes)).not.toThrow();
    }
  });
});

describe('WIT packages', () => {
  it('carry package-docs as a version byte and JSON text', () => {
    const wit = corpus().filter((e) => e.name.startsWith('wit '));
    expect(wit.length).toBeGreaterThan(0);
    for (const entry of wit) {
      const docs = customs(decodeComponent(entry.bytes)).find((c) => c.kind === 'package-docs');
      if (docs?.kind !== 'package-docs') throw new Error(`${entry.name}: no package-docs section`);
      expect([0, 1]).toContain(docs.version);
      expect(() => JSON.parse(docs.json) as unknown).not.toThrow();
    }
  });
});
