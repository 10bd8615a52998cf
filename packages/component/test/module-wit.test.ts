/**
 * `moduleWit`: the world a core module's `component-type*` sections embed
 * must print exactly what `wasm-tools component wit core.wasm` prints, for
 * one section (custom worlds with resources, WASI worlds) and for several
 * (`component embed` run again on an embedded module), including merges
 * wasm-tools rejects.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasComponentType, inspectBinary, moduleWit, readCoreModule, WitDecodeError } from '@weld/component';
import { printOrder, printWit, WitError } from '@weld/wit';
import { parseWat, repoRoot, wasmTools, wasmToolsOk } from './corpus.js';

const scratch = mkdtempSync(join(tmpdir(), 'weld-module-wit-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const builtin = join(repoRoot, 'node_modules', '@bytecodealliance', 'jco', 'lib', 'wit', 'builtin', '0.2.12');

/** One folder per WASI 0.2.12 package, the others as its `deps/`. */
function wasiDir(pkg: string): string {
  const packages = readdirSync(builtin).filter((p) => statSync(join(builtin, p)).isDirectory());
  if (!packages.includes(pkg)) throw new Error(`jco ships no ${pkg} in ${builtin}: run npm install`);
  const dir = join(scratch, pkg);
  cpSync(join(builtin, pkg), dir, { recursive: true });
  for (const dep of packages) if (dep !== pkg) cpSync(join(builtin, dep), join(dir, 'deps', dep), { recursive: true });
  return dir;
}

function witFile(name: string, text: string): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.wit`), text);
  return dir;
}

let made = 0;

/** `component embed` of each `[wit, world]` in turn: the first with `--dummy`, the others into the result. */
function embed(...worlds: (readonly [string, string])[]): string {
  let core: string | undefined;
  for (const [wit, world] of worlds) {
    const out = join(scratch, `core-${made++}.wasm`);
    wasmToolsOk(['component', 'embed', ...(core === undefined ? ['--dummy'] : []), wit, '--world', world, ...(core === undefined ? [] : [core]), '-o', out]);
    core = out;
  }
  return core!;
}

function weldWit(file: string): string {
  const decoded = moduleWit(new Uint8Array(readFileSync(file)));
  return printWit(decoded.resolve, printOrder(decoded.resolve, decoded.package));
}

const custom = witFile('custom', `package foo:bar@1.0.0;

interface types {
  resource r {
    constructor(x: u32);
    get: func() -> u32;
    clone: func() -> r;
  }
  record point { x: u32, y: u32 }
  variant shape { dot(point), handle(r) }
}

interface uses {
  use types.{point, r};
  area: func(p: point, r: borrow<r>) -> u64;
}

world w {
  import uses;
  import inline: interface {
    use types.{point};
    f: func(p: point) -> list<point>;
  }
  use types.{r};
  resource local {
    constructor();
    name: func() -> string;
  }
  import g: func(x: r, l: borrow<local>) -> string;
  export run: func() -> result<u32, string>;
  export e: interface {
    use types.{shape};
    h: func(s: shape);
  }
  export types;
}

world small {
  import types;
  export go: func();
}
`);

const partial = witFile('partial', `package p:a@0.1.0;

interface y {
  type t = u32;
  resource res { constructor(); m: func(x: t) -> t; }
  record big { a: t, b: string }
  f: func(b: big);
}
interface x {
  use y.{t, res};
  g: func() -> t;
  h: func(r: borrow<res>);
}
world wa {
  import x;
  type local = u8;
  import shared: interface { s: func(); }
  import tf: func(v: local);
  export run: func();
  export ex: interface { use y.{t}; q: func() -> t; }
}
world wb {
  import y;
  type local = u8;
  import shared: interface { s: func(); }
  import other: func(v: local);
  export go: func();
}
world wc {
  export y;
}
world clash {
  import shared: interface { s: func(x: u32); }
}
`);

const cli = wasiDir('wasi-cli');
const http = wasiDir('wasi-http');

const single: [string, string, string][] = [
  ['custom world with resources', custom, 'w'],
  ['custom world importing an interface with resources', custom, 'small'],
  ['wasi:cli/command', cli, 'wasi:cli/command'],
  ['wasi:cli/imports', cli, 'wasi:cli/imports'],
  ['wasi:http/proxy', http, 'wasi:http/proxy'],
];

describe('moduleWit of one component-type section', () => {
  it.each(single)('prints what wasm-tools prints: %s', (_name, wit, world) => {
    const core = embed([wit, world]);
    expect(weldWit(core)).toBe(wasmToolsOk(['component', 'wit', core]).toString('utf8'));
  });
});

const several: [string, (readonly [string, string])[]][] = [
  ['wasi:cli/command + wasi:cli/imports', [[cli, 'wasi:cli/command'], [cli, 'wasi:cli/imports']]],
  ['wasi:cli/imports + wasi:http/proxy', [[cli, 'wasi:cli/imports'], [http, 'wasi:http/proxy']]],
  ['partial interface first', [[partial, 'wa'], [partial, 'wb']]],
  ['full interface first', [[partial, 'wb'], [partial, 'wa']]],
  ['the same world twice', [[custom, 'w'], [custom, 'w']]],
  ['custom worlds of two packages', [[custom, 'small'], [partial, 'wa'], [cli, 'wasi:cli/command']]],
];

describe('moduleWit of several component-type sections', () => {
  it.each(several)('prints what wasm-tools prints: %s', (_name, worlds) => {
    const core = embed(...worlds);
    expect(readCoreModule(new Uint8Array(readFileSync(core))).customs.filter((c) => c.kind === 'component-type')).toHaveLength(worlds.length);
    expect(weldWit(core)).toBe(wasmToolsOk(['component', 'wit', core]).toString('utf8'));
  });

  const rejected: [string, (readonly [string, string])[]][] = [
    ['an export that an earlier export needs as an import', [[partial, 'wa'], [partial, 'wc']]],
    ['inline interfaces of one name that differ', [[partial, 'wa'], [partial, 'clash']]],
  ];
  it.each(rejected)('fails where wasm-tools fails: %s', (_name, worlds) => {
    const core = embed(...worlds);
    expect(wasmTools(['component', 'wit', core]).status).not.toBe(0);
    expect(() => weldWit(core)).toThrow(WitError);
  });
});

describe('string encodings of several sections', () => {
  it('fail to merge when they disagree on a function, like wasm-tools', () => {
    const first = embed([custom, 'small']);
    const core = join(scratch, 'utf16.wasm');
    wasmToolsOk(['component', 'embed', custom, '--world', 'small', '--encoding', 'utf16', first, '-o', core]);
    const reference = wasmTools(['component', 'wit', core]);
    expect(reference.status).not.toBe(0);
    expect(reference.stderr).toContain('conflicting string encodings specified for `foo:bar/types/[constructor]r`');
    expect(() => weldWit(core)).toThrow('conflicting string encodings specified for `foo:bar/types/[constructor]r`');
  });

  it('merge when they agree', () => {
    const first = embed([custom, 'small']);
    const core = join(scratch, 'utf8-again.wasm');
    wasmToolsOk(['component', 'embed', custom, '--world', 'w', '--encoding', 'utf8', first, '-o', core]);
    expect(weldWit(core)).toBe(wasmToolsOk(['component', 'wit', core]).toString('utf8'));
  });
});

describe('core modules without component-type sections', () => {
  it('have no world', () => {
    const bytes = parseWat(writeWat('plain.wat', '(module (func (export "f")))'));
    expect(hasComponentType(readCoreModule(bytes).customs)).toBe(false);
    expect(() => moduleWit(bytes)).toThrow(WitDecodeError);
    const report = inspectBinary(bytes);
    expect(report.kind).toBe('module');
    expect(report.wit).toBeUndefined();
  });
});

describe('inspectBinary of an embedded core module', () => {
  it('carries the world and its summary', () => {
    const core = embed([custom, 'w']);
    const report = inspectBinary(new Uint8Array(readFileSync(core)));
    expect(report.kind).toBe('module');
    expect(report.wit?.kind).toBe('component');
    expect(report.world).toEqual({
      name: 'root:root/root',
      imports: [
        { package: 'foo:bar@1.0.0', items: [{ name: 'types', kind: 'interface' }, { name: 'uses', kind: 'interface' }] },
        {
          package: undefined,
          items: [
            { name: 'inline', kind: 'interface' }, { name: 'r', kind: 'type' }, { name: 'local', kind: 'type' },
            { name: 'g', kind: 'function' },
          ],
        },
      ],
      exports: [
        { package: undefined, items: [{ name: 'run', kind: 'function' }, { name: 'e', kind: 'interface' }] },
        { package: 'foo:bar@1.0.0', items: [{ name: 'types', kind: 'interface' }] },
      ],
    });
  });
});

function writeWat(name: string, text: string): string {
  const file = join(scratch, name);
  writeFileSync(file, text);
  return file;
}
