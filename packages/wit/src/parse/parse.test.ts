import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AstItem, ExternKind, Interface, InterfaceItem, PackageFile, Type, TypeDef, World, WorldItem } from './ast.js';
import { WitError } from '../errors.js';
import { parsePackageFile } from './parse.js';

function parse(text: string, offset = 0): PackageFile {
  return parsePackageFile(text, offset);
}

function only<T>(items: readonly T[]): T {
  expect(items).toHaveLength(1);
  return items[0]!;
}

function interfaceOf(item: AstItem | undefined): Interface {
  if (item?.kind !== 'interface') throw new Error(`expected an interface, got ${item?.kind}`);
  return item.interface;
}

function worldOf(item: AstItem | undefined): World {
  if (item?.kind !== 'world') throw new Error(`expected a world, got ${item?.kind}`);
  return item.world;
}

function typeDefOf(item: InterfaceItem | WorldItem | undefined): TypeDef {
  if (item?.kind !== 'type') throw new Error(`expected a type, got ${item?.kind}`);
  return item.typeDef;
}

/** The type of `type t = …;` in a one-item interface. */
function typeOf(source: string): Type {
  const file = parse(`package a:b; interface i { type t = ${source}; }`);
  return typeDefOf(only(interfaceOf(file.items[0]).items)).type;
}

function externOf(item: WorldItem | undefined): ExternKind {
  if (item?.kind !== 'import' && item?.kind !== 'export') throw new Error(`expected an extern, got ${item?.kind}`);
  return item.extern;
}

describe('packages', () => {
  it('reads the header with a canonical version and spans shifted by the offset', () => {
    const file = parse('package wasi:http@0.2.0-rc.1+b.2;', 100);
    expect(file.packageName).toMatchObject({
      span: { start: 108, end: 132 },
      namespace: { name: 'wasi', span: { start: 108, end: 112 } },
      name: { name: 'http', span: { start: 113, end: 117 } },
      version: { text: '0.2.0-rc.1+b.2', span: { start: 118, end: 132 } },
    });
    expect(file.items).toEqual([]);
  });

  it('keeps a file without header', () => {
    expect(parse('interface i {}').packageName).toBeUndefined();
    expect(parse('').items).toEqual([]);
  });

  it('reads nested packages as items, the header docs going to the package', () => {
    const file = parse('package a:b;\n/// nested\npackage c:d@1.0.0 { interface i {} world w {} }');
    const item = only(file.items);
    if (item.kind !== 'package') throw new Error('expected a package');
    expect(item.package.packageName).toMatchObject({ namespace: { name: 'c' }, name: { name: 'd' }, version: { text: '1.0.0' } });
    expect(item.package.packageName?.docs.lines).toEqual(['/// nested\n']);
    expect(item.package.items.map((i) => i.kind)).toEqual(['interface', 'world']);
  });

  it('treats a leading `package a:b {` as an item, not a header', () => {
    const file = parse('package a:b { interface i {} }');
    expect(file.packageName).toBeUndefined();
    expect(only(file.items).kind).toBe('package');
  });

  it('reads top-level use with `as`', () => {
    const item = only(parse('package a:b; use wasi:io/streams@0.2.0 as s; use local;').items.slice(0, 1));
    if (item.kind !== 'use') throw new Error('expected a use');
    expect(item.use).toMatchObject({
      span: { start: 13, end: 16 },
      item: { kind: 'package', package: { namespace: { name: 'wasi' }, name: { name: 'io' }, span: { start: 17, end: 24 }, version: { text: '0.2.0' } }, name: { name: 'streams' } },
      as: { name: 's' },
    });
  });
});

describe('interfaces', () => {
  it('reads functions, accessors and `%` identifiers', () => {
    const iface = interfaceOf(parse('package a:b; interface %i { %f: func(%bool: bool) -> u32; g: async func(); h: get(); s: set(v: u8); }').items[0]);
    expect(iface.name.name).toBe('i');
    const funcs = iface.items.map((item) => (item.kind === 'func' ? item.func : undefined));
    expect(funcs[0]).toMatchObject({ name: { name: 'f' }, func: { async: false, accessor: undefined, params: [{ name: { name: 'bool' } }], result: { kind: 'primitive', name: 'u32' } } });
    expect(funcs[1]?.func).toMatchObject({ async: true, accessor: undefined });
    expect(funcs[2]?.func).toMatchObject({ accessor: 'getter', params: [] });
    expect(funcs[3]?.func).toMatchObject({ accessor: 'setter', params: [{ name: { name: 'v' } }] });
  });

  it('reads use statements with renames and a trailing comma', () => {
    const item = only(interfaceOf(parse('package a:b; interface i { use x:y/z@1.0.0.{a, b as c,}; }').items[0]).items);
    if (item.kind !== 'use') throw new Error('expected a use');
    expect(item.use.from).toMatchObject({ kind: 'package', package: { version: { text: '1.0.0' } }, name: { name: 'z' } });
    expect(item.use.names).toMatchObject([{ name: { name: 'a' }, as: undefined }, { name: { name: 'b' }, as: { name: 'c' } }]);
  });

  it('reads every type definition form', () => {
    const iface = interfaceOf(parse(`package a:b; interface i {
      record r { a: u8, b: string, }
      flags f { x, y }
      variant v { none, some(u8) }
      enum e { a, b }
      resource res;
      type t = r;
    }`).items[0]);
    const defs = iface.items.map(typeDefOf);
    expect(defs.map((d) => [d.name.name, d.type.kind])).toEqual([
      ['r', 'record'], ['f', 'flags'], ['v', 'variant'], ['e', 'enum'], ['res', 'resource'], ['t', 'name'],
    ]);
    expect(defs[0]?.type).toMatchObject({ span: defs[0]?.name.span, fields: [{ name: { name: 'a' } }, { name: { name: 'b' } }] });
    expect(defs[2]?.type).toMatchObject({ cases: [{ name: { name: 'none' }, type: undefined }, { name: { name: 'some' }, type: { name: 'u8' } }] });
  });

  it('reads resources with constructor, methods, statics and async', () => {
    const def = typeDefOf(only(interfaceOf(parse(`package a:b; interface i { resource r {
      constructor(x: u8);
      m: func() -> u8;
      s: static func() -> r;
      a: async func();
      sa: static async func();
    } }`).items[0]).items));
    if (def.type.kind !== 'resource') throw new Error('expected a resource');
    expect(def.type.funcs.map((f) => [f.kind, f.func.name.name, f.func.func.async])).toEqual([
      ['constructor', 'constructor', false], ['method', 'm', false], ['static', 's', false], ['method', 'a', true], ['static', 'sa', true],
    ]);
    const ctor = def.type.funcs[0]!.func;
    expect(ctor.name.span).toEqual(ctor.func.span);
  });
});

describe('types', () => {
  it('reads primitives', () => {
    for (const name of ['bool', 'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', 'f32', 'f64', 'char', 'string', 'error-context']) {
      expect(typeOf(name)).toMatchObject({ kind: 'primitive', name });
    }
  });

  it('reads lists, fixed-length lists, maps, tuples and options', () => {
    expect(typeOf('list<u8>')).toMatchObject({ kind: 'list', element: { name: 'u8' } });
    expect(typeOf('list<u8, 4>')).toMatchObject({ kind: 'fixed-length-list', size: 4 });
    expect(typeOf('list<u8, 4294967295>')).toMatchObject({ size: 4294967295 });
    expect(typeOf('map<string, list<u8>>')).toMatchObject({ kind: 'map', key: { name: 'string' }, value: { kind: 'list' } });
    expect(typeOf('tuple<u8, string,>')).toMatchObject({ kind: 'tuple', types: [{ name: 'u8' }, { name: 'string' }] });
    expect(typeOf('tuple<>')).toMatchObject({ kind: 'tuple', types: [] });
    expect(typeOf('option<%foo>')).toMatchObject({ kind: 'option', type: { kind: 'name', id: { name: 'foo' } } });
  });

  it('reads the four forms of result', () => {
    expect(typeOf('result')).toMatchObject({ kind: 'result', ok: undefined, err: undefined });
    expect(typeOf('result<u8>')).toMatchObject({ ok: { name: 'u8' }, err: undefined });
    expect(typeOf('result<_, u8>')).toMatchObject({ ok: undefined, err: { name: 'u8' } });
    expect(typeOf('result<u8, string>')).toMatchObject({ ok: { name: 'u8' }, err: { name: 'string' } });
  });

  it('reads futures, streams and handles', () => {
    expect(typeOf('future')).toMatchObject({ kind: 'future', type: undefined });
    expect(typeOf('future<u8>')).toMatchObject({ kind: 'future', type: { name: 'u8' } });
    expect(typeOf('stream')).toMatchObject({ kind: 'stream', type: undefined });
    expect(typeOf('stream<string>')).toMatchObject({ kind: 'stream', type: { name: 'string' } });
    expect(typeOf('own<r>')).toMatchObject({ kind: 'handle', handle: 'own', resource: { name: 'r' } });
    expect(typeOf('borrow<%r>')).toMatchObject({ kind: 'handle', handle: 'borrow', resource: { name: 'r' } });
  });
});

describe('worlds', () => {
  it('reads every kind of import and export', () => {
    const world = worldOf(parse(`package a:b; world w {
      import primary: wasi:keyvalue/store@0.2.0;
      import local: store;
      import wasi:http/types;
      import iface;
      export run: func() -> u32;
      export f: async func();
      import x: interface { y: func(); }
    }`).items[0]);
    const externs = world.items.map(externOf);
    expect(world.items.map((item) => item.kind)).toEqual(['import', 'import', 'import', 'import', 'export', 'export', 'import']);
    expect(externs[0]).toMatchObject({ kind: 'named-path', name: { name: 'primary' }, path: { kind: 'package', name: { name: 'store' }, package: { namespace: { name: 'wasi' } } } });
    expect(externs[1]).toMatchObject({ kind: 'named-path', name: { name: 'local' }, path: { kind: 'id', id: { name: 'store' } } });
    expect(externs[2]).toMatchObject({ kind: 'path', path: { kind: 'package', name: { name: 'types' } } });
    expect(externs[3]).toMatchObject({ kind: 'path', path: { kind: 'id', id: { name: 'iface' } } });
    expect(externs[4]).toMatchObject({ kind: 'func', name: { name: 'run' }, func: { result: { name: 'u32' } } });
    expect(externs[5]).toMatchObject({ kind: 'func', func: { async: true } });
    expect(externs[6]).toMatchObject({ kind: 'interface', name: { name: 'x' }, items: [{ kind: 'func' }] });
  });

  it('reads include with renames, use and type definitions', () => {
    const world = worldOf(parse('package a:b; world w { include other with { a as b, c as d } include p:q/r; use i.{t}; type x = u8; resource r; }').items[0]);
    expect(world.items.map((item) => item.kind)).toEqual(['include', 'include', 'use', 'type', 'type']);
    expect(world.items[0]).toMatchObject({ include: { from: { kind: 'id' }, names: [{ name: { name: 'a' }, as: { name: 'b' } }, { name: { name: 'c' }, as: { name: 'd' } }] } });
    expect(world.items[1]).toMatchObject({ include: { from: { kind: 'package' }, names: [] } });
  });
});

describe('gates and docs', () => {
  it('reads @since, @unstable, @deprecated and @external-id', () => {
    const iface = interfaceOf(parse('package a:b@1.0.0; @since(version = 1.0.0) @unstable(feature = fancy-thing) @deprecated(version = 1.2.0-rc) interface i { @external-id("x\\u{1F600}\\n") f: func(); }').items[0]);
    expect(iface.attributes).toEqual([
      { kind: 'since', span: { start: 20, end: 25 }, version: '1.0.0' },
      { kind: 'unstable', span: { start: 44, end: 52 }, feature: { name: 'fancy-thing', span: { start: 63, end: 74 } } },
      { kind: 'deprecated', span: { start: 77, end: 87 }, version: '1.2.0-rc' },
    ]);
    const item = only(iface.items);
    expect(item.kind === 'func' && item.func.attributes).toEqual([{ kind: 'external-id', span: { start: 123, end: 134 }, id: 'x😀\n' }]);
  });

  it('keeps the raw text of every comment before an item as docs', () => {
    const text = 'package a:b;\n/// one\n// two\r\n/** three */ /* four */\ninterface i {}';
    const docs = interfaceOf(parse(text).items[0]).docs;
    expect(docs.lines).toEqual(['/// one\n', '// two\r\n', '/** three */', '/* four */']);
    expect(docs.span).toEqual({ start: text.indexOf('///'), end: text.indexOf('\ninterface') });
    expect(interfaceOf(parse('interface i {}').items[0]).docs).toEqual({ lines: [], span: { start: -1, end: -1 } });
  });

  it('keeps docs of fields, cases and flags', () => {
    const def = typeDefOf(only(interfaceOf(parse('interface i { record r { /// a\n a: u8, /// b\n b: u8 } }').items[0]).items));
    expect(def.type.kind === 'record' && def.type.fields.map((f) => f.docs.lines)).toEqual([['/// a\n'], ['/// b\n']]);
  });
});

/** `[kind, message, span start]` of the WitError `text` fails with. */
function failure(text: string): [string, string, number | undefined] {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof WitError) return [error.kind, error.message, error.span?.start];
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to fail`);
}

describe('syntax errors match the reference', () => {
  // Each message and position was checked against `wasm-tools component wit` 1.263.0.
  const cases: [string, string, string, number][] = [
    ['package a:b;\ninterface i { f: fun(); }\n', 'lex', 'expected keyword `func`, found an identifier', 30],
    ['interface', 'syntax', 'expected an identifier or string, found eof', 9],
    ['package a:b; world w { import }', 'syntax', "expected an identifier or string, found '}'", 30],
    ['package a:b; world w { import x: func() }', 'lex', "expected ';', found '}'", 40],
    ['package a:b; interface i { type t = list<u8, x>; }', 'syntax', 'expected fixed-length, found an identifier', 45],
    ['package a:b; interface i { type t = list<u8, 99999999999>; }', 'syntax', 'invalid list size: number too large to fit in target type', 45],
    ['package a:b; interface i { type t = result<_>; }', 'lex', "expected ',', found '>'", 44],
    ['package a:b; interface i { Foo: func(); }', 'lex', "invalid character in identifier 'o'", 27],
    ['package a:b; interface i { %: func(); }', 'lex', "identifiers must have characters between '-'s", 27],
    ['package a:b; /* /* nested */ still open', 'lex', 'unterminated block comment', 13],
    ['package a:b; @foo interface i {}', 'syntax', 'unknown attribute `foo`', 14],
    ['package a:b; @since(version = 1.0) interface i {}', 'lex', "expected '.', found ')'", 33],
    ['package a:b; @since(version = 1.0.0 -x) interface i {}', 'syntax', "unexpected character ' ' after patch version number", 30],
    ['package a:b; @since(vers = 1.0.0) interface i {}', 'syntax', 'expected `version`, found `vers`', 20],
    ['package a:b; @external-id("x") interface i {}', 'syntax', '@external-id is not allowed on interface declarations', 14],
    ['package a:b; world w { @external-id("x") include v; }', 'syntax', '@external-id is not allowed on include statements', 24],
    ['package a:b; @unstable(feature = x) package c:d {}', 'syntax', 'cannot place attributes on nested packages', 36],
    ['package a:b; interface i { resource r { 1 } }', 'syntax', 'expected `constructor` or identifier, found an integer', 40],
    ['package a:b; interface i { use j.{a b}; }', 'lex', "expected '}', found an identifier", 36],
    ['package a:b; world w { include x with { a } }', 'lex', "expected keyword `as`, found '}'", 42],
    ['package a:b; interface i { x: async; }', 'lex', "expected keyword `func`, found ';'", 35],
    ['package a:b; world w { func }', 'syntax', 'expected `import`, `export`, `include`, `use`, or type definition, found keyword `func`', 23],
    ['package a:b; interface i { static }', 'syntax', 'expected `type`, `resource` or `func`, found keyword `static`', 27],
    ['package a:b; interface i { type t = u8; } 123', 'syntax', 'expected `world`, `interface` or `use`, found an integer', 42],
    ['package a:b@1.0.0-a/*c*/b; interface i {}', 'syntax', "unexpected character '/' after pre-release identifier", 12],
    ['package a:b; interface i { f: func() -> result<u8, u8, u8>; }', 'lex', "expected '>', found ','", 53],
    // The file is scanned once, but a bad character is still reported only when the parser reaches it.
    ['package a:b;\ninterface i { x }\n#\n', 'lex', "expected ':', found '}'", 29],
    ['package a:b;\ninterface i { x: func(); }\n#\n', 'lex', "unexpected character '#'", 40],
  ];

  it.each(cases)('%j', (text, kind, message, start) => {
    expect(failure(text)).toEqual([kind, message, start]);
  });

  it('stops deep type nesting at depth 100', () => {
    const deep = (n: number): string => `interface i { type t = ${'list<'.repeat(n)}u8${'>'.repeat(n)}; }`;
    expect(() => parse(deep(99))).not.toThrow();
    expect(failure(deep(100))).toEqual(['syntax', 'type nesting too deep', 23 + 5 * 100]);
    expect(failure(deep(100_000))).toEqual(['syntax', 'type nesting too deep', 23 + 5 * 100]);
  });

  it('stops deep package nesting at depth 100', () => {
    const nest = (n: number): string => `${'package c:d {'.repeat(n)}${'}'.repeat(n)}`;
    expect(() => parse(nest(100))).not.toThrow();
    expect(failure(nest(101))).toEqual(['syntax', 'package nesting too deep', 13 * 100]);
    expect(failure(nest(50_000))[1]).toBe('package nesting too deep');
  });
});

describe('robustness', () => {
  const samples = [
    `package wasi:http@0.2.0;\n/// docs\ninterface types {\n  use wasi:io/streams@0.2.0.{input-stream};\n  resource fields { constructor(); get: func(name: string) -> list<list<u8>>; from-list: static func(e: list<tuple<string, list<u8, 4>>>) -> result<fields, header-error>; }\n  variant header-error { invalid-syntax, forbidden(option<u32>) }\n  flags f { a, b }\n  enum e { x, y }\n  @since(version = 0.2.0) type t = map<string, future<stream<u8>>>;\n}\n`,
    `package a:b;\nworld w {\n  import primary: wasi:keyvalue/store;\n  export run: async func() -> result;\n  import x: interface { @unstable(feature = f) y: func(); }\n  include other with { a as b }\n}\npackage c:d { interface %i { @external-id("a\\u{41}") %f: set(v: error-context); } }\n/* trailing /* nested */ comment */`,
  ];

  it('throws only WitError on random edits and truncations', () => {
    const edit = fc.record({
      sample: fc.constantFrom(...samples),
      at: fc.nat(),
      cut: fc.nat(),
      insert: fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom('<', '{', '"', '\\', '/*', '%', '@', '\r', '\u202a', '\u0000', '😀', '\ud800')),
    });
    fc.assert(
      fc.property(edit, ({ sample, at, cut, insert }) => {
        const pos = at % (sample.length + 1);
        const text = sample.slice(0, pos) + insert + sample.slice(pos + (cut % 4));
        for (const candidate of [text, text.slice(0, cut % (text.length + 1))]) {
          try {
            parse(candidate, 7);
          } catch (error) {
            if (!(error instanceof WitError)) throw error;
            expect(['lex', 'syntax']).toContain(error.kind);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});
