/**
 * The `package-docs` custom section: WIT packages with docs and gates on
 * every kind of item, encoded with `wasm-tools component wit DIR --wasm`,
 * must print exactly what `wasm-tools component wit X.wasm` prints once
 * weld injects the section back. Also the v0 format, a component's own
 * section, and sections wasm-tools rejects.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  componentWit, decodeComponent, encodeComponent, parsePackageMetadata, WitDecodeError,
} from '@weld/component';
import type { Component, Section } from '@weld/component';
import { printOrder, printWit } from '@weld/wit';
import { wasmTools, wasmToolsOk } from './corpus.js';

const scratch = mkdtempSync(join(tmpdir(), 'weld-wit-docs-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Writes `files` (relative path → text) under a fresh folder and returns it. */
function witDir(name: string, files: Record<string, string>): string {
  const dir = join(scratch, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** `wasm-tools component wit DIR --wasm`, with extra flags. */
function encodeWit(dir: string, ...flags: string[]): Uint8Array {
  const out = `${dir}.wasm`;
  wasmToolsOk(['component', 'wit', dir, '--wasm', '-o', out, ...flags]);
  return new Uint8Array(readFileSync(out));
}

/** What weld prints for component bytes, like `weld inspect X.wasm --wit`. */
function weldWit(bytes: Uint8Array): string {
  const decoded = componentWit(decodeComponent(bytes));
  return printWit(decoded.resolve, printOrder(decoded.resolve, decoded.package));
}

let written = 0;

/** Writes bytes to a fresh scratch file. */
function scratchFile(bytes: Uint8Array): string {
  const file = join(scratch, `input-${written++}.wasm`);
  writeFileSync(file, bytes);
  return file;
}

/** What wasm-tools prints for component bytes. */
function referenceWit(bytes: Uint8Array): string {
  return wasmToolsOk(['component', 'wit', scratchFile(bytes)]).toString('utf8');
}

/** The bytes with their top-level `package-docs` section replaced (or added) by one holding `json`. */
function withPackageDocs(bytes: Uint8Array, version: number, json: string): Uint8Array {
  const component = decodeComponent(bytes);
  const docs: Section = { kind: 'custom', custom: { kind: 'package-docs', name: 'package-docs', version, json } };
  const sections = component.sections.filter((s) => !(s.kind === 'custom' && s.custom.name === 'package-docs'));
  const next: Component = { ...component, sections: [...sections, docs] };
  return encodeComponent(next);
}

/** The JSON of the top-level `package-docs` section. */
function packageDocsJson(bytes: Uint8Array): string {
  for (const s of decodeComponent(bytes).sections) {
    if (s.kind === 'custom' && s.custom.kind === 'package-docs') return s.custom.json;
  }
  throw new Error('no package-docs section');
}

const everything = `/// The package.
/// Second line of its docs.
package foo:docs@1.2.0;

/// An interface.
@since(version = 1.0.0)
interface types {
  /// A resource.
  @since(version = 1.0.0)
  resource r {
    /// Makes one.
    constructor(x: u32);
    /// Reads it.
    get: func() -> u32;
    /** A static function, in a block comment. */
    make: static func() -> r;
  }

  /// A record.
  record point {
    /// The x field.
    x: u32,
    y: u32,
    /// The z field — with ünïcödé.
    z: u32,
  }

  /// An enum.
  enum color {
    /// Red.
    red,
    green,
  }

  /// Flags.
  flags perms {
    /// May read.
    read,
    write,
  }

  /// A variant.
  variant shape {
    /// A circle.
    circle(u32),
    none,
  }

  /// An alias.
  @since(version = 1.1.0)
  @deprecated(version = 1.2.0)
  type alias = list<point>;

  /// Unstable.
  @unstable(feature = fancy)
  fancy: func(p: point) -> color;

  @since(version = 1.0.0)
  plain: func();

  undocumented: func();
}

/// Another interface, unstable as a whole.
@unstable(feature = fancy)
interface extra {
  /// Its function.
  go: func();
}

/// The world.
@since(version = 1.0.0)
world w {
  /// Imports types.
  @since(version = 1.0.0)
  import types;
  /// An inline import.
  import inline: interface {
    /// Inside it.
    h: func();
  }
  use types.{point};
  /// A type of the world.
  record wr {
    /// Its field.
    a: u32,
  }
  /// An imported function.
  @since(version = 1.1.0)
  import imp: func(x: wr, p: point);
  /// An exported function.
  export run: func();
  /// An inline export with the name of an import.
  export inline: interface {
    /// Inside the export.
    k: func();
  }
  /// Exports types.
  @since(version = 1.0.0)
  export types;
  @unstable(feature = fancy)
  export extra;
}

/// A second world, without gates.
world plain {
  /// Imports types.
  import types;
  /// An import and an export of the same name.
  import same: func();
  /// The export of that name.
  export same: func();
}
`;

const withDeps = {
  'main.wit': `/// Main package docs.
package my:app@0.3.0;

/// Uses a dependency.
interface api {
  use dep:lib/shapes@2.0.0.{square};
  /// Area.
  area: func(s: square) -> u32;
}

/// A world importing and exporting by id.
world app {
  /// The dependency, imported by id.
  @since(version = 0.2.0)
  import dep:lib/shapes@2.0.0;
  /// Our api, exported by id.
  @since(version = 0.3.0)
  export api;
  /// A gated world function.
  @unstable(feature = beta)
  import beta: func();
}
`,
  'deps/lib/lib.wit': `/// The dependency's docs (not in the main package's section).
package dep:lib@2.0.0;

/// Shapes.
@since(version = 1.0.0)
interface shapes {
  /// A square.
  record square {
    /// Its side.
    side: u32,
  }
}
`,
};

const unversioned = `/// Plain docs, no version anywhere.
///
/// With an empty line and \`code\`.
package plain:pkg;

/** Block docs
    over lines. */
interface i {
  /// Docs with "quotes" and \\backslashes\\.
  f: func() -> string;
  /// A resource with methods.
  resource res {
    /// Method docs.
    m: func();
  }
}

world w {
  import i;
  /// Exported by name.
  export e: func();
}
`;

interface Case {
  readonly name: string;
  readonly files: Record<string, string>;
  readonly flags: readonly string[];
}

const cases: Case[] = [
  { name: 'everything, all features', files: { 'docs.wit': everything }, flags: ['--all-features'] },
  { name: 'everything, feature fancy', files: { 'docs.wit': everything }, flags: ['--features', 'fancy'] },
  { name: 'everything, no features', files: { 'docs.wit': everything }, flags: [] },
  { name: 'deps and ids, all features', files: withDeps, flags: ['--all-features'] },
  { name: 'deps and ids, no features', files: withDeps, flags: [] },
  { name: 'unversioned', files: { 'plain.wit': unversioned }, flags: [] },
];

describe('package-docs of WIT packages', () => {
  it.each(cases.map((c, i) => [c.name, i] as const))('prints what wasm-tools prints: %s', (_name, i) => {
    const c = cases[i]!;
    const bytes = encodeWit(witDir(`case-${i}`, c.files), ...c.flags);
    const expected = referenceWit(bytes);
    expect(weldWit(bytes)).toBe(expected);
  });

  it('has docs and gates on every kind of item among the cases', () => {
    const bytes = encodeWit(witDir('coverage', { 'docs.wit': everything }), '--all-features');
    const text = weldWit(bytes);
    for (const needle of [
      '/// The package.\n/// Second line of its docs.\npackage foo:docs@1.2.0;',
      '/// An interface.\n@since(version = 1.0.0)\ninterface types {',
      '/// A resource.\n  @since(version = 1.0.0)\n  resource r {',
      '    /// Makes one.\n    constructor(x: u32);',
      '    /// The x field.\n    x: u32,',
      '    /// Red.\n    red,',
      '    /// May read.\n    read,',
      '    /// A circle.\n    circle(u32),',
      '@since(version = 1.1.0)\n  @deprecated(version = 1.2.0)\n  type alias',
      '/// Unstable.\n  @unstable(feature = fancy)\n  fancy: func',
      '/// The world.\n@since(version = 1.0.0)\nworld w {',
      '  /// Imports types.\n  @since(version = 1.0.0)\n  import types;',
      '  /// An inline import.\n  import inline: interface {\n    /// Inside it.',
      '  /// A type of the world.\n  record wr {\n    /// Its field.',
      '  /// An imported function.\n  @since(version = 1.1.0)\n  import imp:',
      '  /// An exported function.\n  export run: func();',
      '  /// An inline export with the name of an import.\n  export inline: interface {',
      '  /// Exports types.\n  @since(version = 1.0.0)\n  export types;',
      '  /// The export of that name.\n  export same: func();',
    ]) {
      expect(text).toContain(needle);
    }
  });

  it('reads the v0 format (function docs as plain strings)', () => {
    const bytes = encodeWit(witDir('v0', { 'plain.wit': unversioned }));
    const v1 = JSON.parse(packageDocsJson(bytes)) as {
      interfaces: Record<string, { funcs?: Record<string, { docs?: string; stability?: unknown } | string | null> }>;
    };
    for (const iface of Object.values(v1.interfaces)) {
      for (const [name, f] of Object.entries(iface.funcs ?? {})) {
        if (typeof f === 'object' && f !== null && f.stability === undefined) iface.funcs![name] = f.docs ?? null;
      }
    }
    const v0 = withPackageDocs(bytes, 0, JSON.stringify(v1));
    expect(packageDocsJson(v0)).toContain('"f":"Docs with');
    expect(weldWit(v0)).toBe(referenceWit(v0));
    expect(weldWit(v0)).toBe(weldWit(bytes));
  });
});

describe('package-docs of components', () => {
  it('keeps what embed + new keep (no docs) for a documented world', () => {
    const dir = witDir('embedded', { 'docs.wit': everything });
    const core = join(scratch, 'embedded.core.wasm');
    const component = join(scratch, 'embedded.wasm');
    wasmToolsOk(['component', 'embed', '--dummy', dir, '--world', 'w', '--all-features', '-o', core]);
    wasmToolsOk(['component', 'new', core, '-o', component]);
    const bytes = new Uint8Array(readFileSync(component));
    expect(weldWit(bytes)).toBe(referenceWit(bytes));
  });

  it('injects a component\'s own section into world root:component/root', () => {
    const dir = witDir('own', { 'docs.wit': everything });
    const core = join(scratch, 'own.core.wasm');
    const component = join(scratch, 'own.wasm');
    wasmToolsOk(['component', 'embed', '--dummy', dir, '--world', 'w', '--all-features', '-o', core]);
    wasmToolsOk(['component', 'new', core, '-o', component]);
    const json = JSON.stringify({
      docs: 'The component package.',
      worlds: {
        root: {
          docs: 'The root world.',
          stability: { stable: { since: '1.0.0' } },
          interfaces: { inline: { docs: 'Inline.', funcs: { h: { docs: 'H.' } } } },
          types: { wr: { docs: 'WR.', items: { a: 'A.' } } },
          funcs: { imp: { docs: 'Imp.', stability: { unstable: { feature: 'x', deprecated: '2.0.0' } } } },
          interface_exports: { inline: { docs: 'Inline export.' } },
          func_exports: { run: 'Run (v0 style).' },
          interface_import_docs: { 'foo:docs/types@1.2.0': 'Types import.' },
          interface_export_stability: { 'foo:docs/types@1.2.0': { stable: { since: '1.0.0' } } },
        },
      },
    });
    const bytes = withPackageDocs(new Uint8Array(readFileSync(component)), 1, json);
    const expected = referenceWit(bytes);
    expect(expected).toContain('/// The root world.');
    expect(weldWit(bytes)).toBe(expected);
  });
});

describe('package-docs sections wasm-tools rejects', () => {
  const base = (): Uint8Array => encodeWit(witDir(`bad-${Math.random().toString(36).slice(2)}`, { 'plain.wit': unversioned }));
  const rejected: [string, number, string][] = [
    ['an unknown version', 2, '{}'],
    ['a missing world', 1, '{"worlds":{"nope":{"docs":"x"}}}'],
    ['a missing interface', 1, '{"interfaces":{"nope":{"docs":"x"}}}'],
    ['a missing function', 1, '{"interfaces":{"i":{"funcs":{"nope":"x"}}}}'],
    ['items on a resource', 1, '{"interfaces":{"i":{"types":{"res":{"items":{"a":"x"}}}}}}'],
    ['an unknown field', 1, '{"whatever":1}'],
    ['not JSON', 1, '{'],
  ];
  it.each(rejected)('fails on %s, like wasm-tools', (_name, version, json) => {
    const bytes = withPackageDocs(base(), version, json);
    expect(wasmTools(['component', 'wit', scratchFile(bytes)]).status).not.toBe(0);
    expect(() => weldWit(bytes)).toThrow(WitDecodeError);
  });

  it('parses the section alone', () => {
    const metadata = parsePackageMetadata(1, '{"docs":"d","interfaces":{"i":{"funcs":{"f":"v0","g":{"stability":"unknown"}}}}}');
    expect(metadata.docs).toBe('d');
    expect(metadata.interfaces.get('i')?.funcs.get('f')).toEqual({ kind: 'just-docs', docs: 'v0' });
    expect(metadata.interfaces.get('i')?.funcs.get('g')).toEqual({ kind: 'docs-and-stability', docs: undefined, stability: { kind: 'unknown' } });
  });
});
