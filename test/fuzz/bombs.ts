/**
 * Hand-built hostile inputs, generated at any size: type size and nesting
 * bombs, input-sized counts, deep `use`, alias and package chains, YAML alias
 * bombs and huge globs. Each is valid or nearly so, so that it reaches the
 * stage it attacks instead of failing at the first byte.
 */
import fc from 'fast-check';
import { BinaryWriter } from '@weld/component';

const componentHeader = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];
const moduleHeader = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
const u32Type = 0x79;

function component(sections: (w: BinaryWriter) => void): Uint8Array {
  const w = new BinaryWriter();
  for (const byte of componentHeader) w.u8(byte);
  sections(w);
  return w.finish();
}

/** A type section of `count` types, each built from the indices before it, and an export of the last. */
function typeChain(count: number, defineType: (w: BinaryWriter, index: number) => void): Uint8Array {
  const indices = Array.from({ length: count }, (_, index) => index);
  return component((w) => {
    w.u8(7).nested((section) => section.vec(indices, (body, index) => defineType(body, index)));
    w.u8(11).nested((section) =>
      section.vec([count - 1], (body, index) => {
        body.u8(0x00).name('t').u8(0x03).u32(index).u8(0x00);
      }),
    );
  });
}

const valType = (w: BinaryWriter, index: number): void => {
  if (index < 0) w.u8(u32Type);
  else w.signed(index);
};

/** `tuple<T, T>` nested `depth` times: an effective size of 2^depth in a few hundred bytes. */
export const tupleBomb = (depth: number): Uint8Array =>
  typeChain(depth, (w, index) => {
    w.u8(0x6f).u32(2);
    valType(w, index - 1);
    valType(w, index - 1);
  });

/** `list<list<…<u32>>>`, one type per level. */
export const listChain = (depth: number): Uint8Array =>
  typeChain(depth, (w, index) => {
    w.u8(0x70);
    valType(w, index - 1);
  });

/** A core module exporting `count` empty functions. */
export function manyExportsModule(count: number): Uint8Array {
  const w = new BinaryWriter();
  for (const byte of moduleHeader) w.u8(byte);
  const functions = Array.from({ length: count }, (_, index) => index);
  w.u8(1).nested((s) => s.vec([0], (t) => t.u8(0x60).u32(0).u32(0)));
  w.u8(3).nested((s) => s.vec(functions, (t) => t.u32(0)));
  w.u8(7).nested((s) => s.vec(functions, (t, index) => t.name(`f${index}`).u8(0x00).u32(index)));
  w.u8(10).nested((s) => s.vec(functions, (t) => t.nested((body) => body.u8(0x00).u8(0x0b))));
  return w.finish();
}

const utf8 = new TextEncoder();
const lines = (count: number, line: (index: number) => string): string => Array.from({ length: count }, (_, index) => line(index)).join('\n');

/** WIT texts that are valid and large or deep. */
export const witBombs = {
  useChain: (count: number): string =>
    `package a:b;\ninterface i0 { type t = u32; }\n${lines(count, (i) => `interface i${i + 1} { use i${i}.{t}; }`)}\n`,
  aliasChain: (count: number): string => `package a:b;\ninterface i {\n  type t0 = u32;\n${lines(count, (i) => `  type t${i + 1} = t${i};`)}\n}\n`,
  manyTypes: (count: number): string => `package a:b;\ninterface i {\n${lines(count, (i) => `  record r${i} { f: u32 }`)}\n}\n`,
  manyInterfaces: (count: number): string => `package a:b;\n${lines(count, (i) => `interface i${i} { f: func(); }`)}\n`,
  manyParams: (count: number): string => `package a:b;\ninterface i {\n  f: func(${lines(count, (i) => `p${i}: u32`).replaceAll('\n', ', ')});\n}\n`,
  manyResources: (count: number): string => `package a:b;\ninterface i {\n${lines(count, (i) => `  resource r${i} { m: func(); }`)}\n}\n`,
  nestedList: (depth: number): string => `package a:b;\ninterface i {\n  type t = ${'list<'.repeat(depth)}u8${'>'.repeat(depth)};\n}\n`,
  packageChain: (count: number): string =>
    `package a:main;\ninterface m { use p${count - 1}:p/i.{t}; }\n${lines(count, (i) =>
      i === 0 ? `package p0:p { interface i { type t = u32; } }` : `package p${i}:p { interface i { use p${i - 1}:p/i.{t}; } }`,
    )}\n`,
  longVersion: (length: number): string => `package a:b@1.0.0-${'a'.repeat(length)};\ninterface i {}\n`,
};

/** Composition files that attack the YAML reader and the policy matcher. */
export const configBombs = {
  aliasBomb: (levels: number): string => {
    const anchors = Array.from({ length: levels }, (_, i) => (i === 0 ? `a0: &a0 [x, x, x, x, x, x, x, x, x]` : `a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`));
    return `${anchors.join('\n')}\ncomponents: *a${levels - 1}\n`;
  },
  unresolvedAlias: (): string => 'components:\n  app: *nope\n',
  deepNesting: (depth: number): string => `components: ${'['.repeat(depth)}${']'.repeat(depth)}\n`,
  longGlob: (length: number): string => `components:\n  calc: calc.wasm\ninstances:\n  calc: { component: calc }\npolicy:\n  deny: ["${'*a'.repeat(length)}"]\n`,
  manyInstances: (count: number): string =>
    `components:\n  calc: calc.wasm\ninstances:\n${lines(count, (i) => `  c${i}: { component: calc }`)}\nexports:\n  weld:calc/calc@1.0.0: c0.weld:calc/calc@1.0.0\n`,
};

/**
 * Binary bombs up to `scale` times the sizes that broke weld before: 40
 * nested tuples, 2,500 chained lists, 140,000 exports.
 */
export function binaryBombs(scale: number): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    fc.integer({ min: 1, max: Math.round(20 + 20 * scale) }).map(tupleBomb),
    fc.integer({ min: 1, max: Math.round(2500 * scale) }).map(listChain),
    fc.integer({ min: 1, max: Math.round(140_000 * scale) }).map(manyExportsModule),
  );
}

/** WIT bombs with up to 5,000 × `scale` items or levels. */
export function witBombTexts(scale: number): fc.Arbitrary<Uint8Array> {
  const generators = Object.values(witBombs);
  return fc
    .record({ generator: fc.integer({ min: 0, max: generators.length - 1 }), size: fc.integer({ min: 1, max: Math.round(5000 * scale) }) })
    .map(({ generator, size }) => utf8.encode(generators[generator]!(size)));
}

/** YAML bombs: alias bombs up to 9 levels, nesting, a 100 KB glob and 600 instances at scale 1. */
export function configBombTexts(scale: number): fc.Arbitrary<Uint8Array> {
  return fc
    .oneof(
      fc.integer({ min: 1, max: 9 }).map(configBombs.aliasBomb),
      fc.constant(configBombs.unresolvedAlias()),
      fc.integer({ min: 1, max: Math.round(1000 * scale) }).map(configBombs.deepNesting),
      fc.integer({ min: 1, max: Math.round(50_000 * scale) }).map(configBombs.longGlob),
      fc.integer({ min: 1, max: Math.round(600 * scale) }).map(configBombs.manyInstances),
    )
    .map((text) => utf8.encode(text));
}
