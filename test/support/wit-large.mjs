// Large WIT inputs a stranger could write: long chains (which overflow a
// recursive walk) and wide declarations (which expose quadratic steps). Both
// test/wit-large.test.ts and bench/wit/large.mjs build their inputs here, so
// the test checks what the benchmark times.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const range = (n) => Array.from({ length: n }, (_, i) => i);

/** Interfaces `i1`…`iN`, each `use`-ing the type of the one before. */
function useChain(n) {
  const lines = ['package large:chain;', '', 'interface i0 {', '  type t0 = u32;', '}'];
  for (const i of range(n).slice(1)) lines.push(`interface i${i} {`, `  use i${i - 1}.{t${i - 1}};`, `  type t${i} = t${i - 1};`, '}');
  lines.push('world w {', `  import i${n - 1};`, '}');
  return { 'chain.wit': `${lines.join('\n')}\n` };
}

/** A `deps/` chain: package `large:p<k>` uses `large:p<k-1>`, the main package uses the last. */
function depsChain(n) {
  const files = {};
  for (const k of range(n)) {
    const use = k === 0 ? '' : `  use large:p${k - 1}/i.{t as u};\n`;
    files[`deps/p${k}/p.wit`] = `package large:p${k};\n\ninterface i {\n${use}  type t = u32;\n}\n`;
  }
  files['main.wit'] = `package large:main;\n\nworld w {\n  import large:p${n - 1}/i;\n}\n`;
  return files;
}

/** One interface of `n` types: records that all use the first, and a few using the one before. */
function manyTypes(n) {
  const lines = ['package large:types;', '', 'interface types {', '  type t0 = u32;'];
  for (const i of range(n).slice(1)) lines.push(`  record t${i} { a: t${i % 8 === 0 ? i - 1 : 0}, b: list<string> }`);
  lines.push('}');
  return { 'types.wit': `${lines.join('\n')}\n` };
}

/** An alias chain `type t<k> = t<k-1>` of length `n`. */
function aliasChain(n) {
  const lines = ['package large:alias;', '', 'interface alias {', '  type t0 = u32;'];
  for (const i of range(n).slice(1)) lines.push(`  type t${i} = t${i - 1};`);
  lines.push(`  f: func(x: t${n - 1});`, '}');
  return { 'alias.wit': `${lines.join('\n')}\n` };
}

/** `n` independent interfaces and a world importing all of them. */
function manyInterfaces(n) {
  const lines = ['package large:ifaces;', ''];
  for (const i of range(n)) lines.push(`interface i${i} {`, `  f: func(x: u32) -> u32;`, '}');
  lines.push('world w {', ...range(n).map((i) => `  import i${i};`), '}');
  return { 'ifaces.wit': `${lines.join('\n')}\n` };
}

/** One `use` of `n` names. */
function useManyNames(n) {
  const lines = ['package large:names;', '', 'interface a {', ...range(n).map((i) => `  type t${i} = u32;`), '}'];
  lines.push('interface b {', `  use a.{${range(n).map((i) => `t${i}`).join(', ')}};`, '}');
  return { 'names.wit': `${lines.join('\n')}\n` };
}

/** `n` resources, each with a constructor, a method and a static function. */
function manyResources(n) {
  const lines = ['package large:res;', '', 'interface res {'];
  for (const i of range(n)) {
    lines.push(`  resource r${i} {`, '    constructor(x: u32);', `    get: func() -> u32;`, `    make: static func() -> r${i};`, '  }');
  }
  lines.push('}');
  return { 'res.wit': `${lines.join('\n')}\n` };
}

/** One function of `n` parameters. */
function manyParams(n) {
  const params = range(n).map((i) => `p${i}: u32`).join(', ');
  return { 'params.wit': `package large:params;\n\ninterface params {\n  f: func(${params});\n}\n` };
}

/** Worlds `w<k>` each including the one before (so each holds one import). */
function includeChain(n) {
  const lines = ['package large:inc;', '', 'interface i0 {', '  f: func();', '}', 'world w0 {', '  import i0;', '}'];
  for (const i of range(n).slice(1)) lines.push(`world w${i} {`, `  include w${i - 1};`, '}');
  return { 'inc.wit': `${lines.join('\n')}\n` };
}

/** A type nested `n` deep: `list<list<…<u32>…>>`. */
function nestedType(n) {
  return { 'nested.wit': `package large:nested;\n\ninterface nested {\n  type t = ${'list<'.repeat(n)}u32${'>'.repeat(n)};\n}\n` };
}

/** A package version of `n` characters (a long pre-release). */
function longVersion(n) {
  const version = `1.0.0-${'a'.repeat(Math.max(1, n - 6))}`;
  return { 'version.wit': `package large:version@${version};\n\ninterface i {\n  f: func();\n}\n` };
}

/** Every generator by name: `(n) => { relative path: text }`. */
export const generators = {
  useChain, depsChain, manyTypes, aliasChain, manyInterfaces, useManyNames, manyResources, manyParams, includeChain, nestedType, longVersion,
};

/** Writes `files` (relative path → text) under `dir`. */
export function writeTree(dir, files) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}
