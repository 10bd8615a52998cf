import { describe, expect, it } from 'vitest';
import type { AstItem } from './ast.js';
import { WitError } from '../errors.js';
import { parsePackageFile, parsePackageFileRecovering } from './parse.js';

/** The error the throwing parser reports for `text`. */
function thrown(text: string, offset = 0): WitError {
  try {
    parsePackageFile(text, offset);
  } catch (error) {
    if (error instanceof WitError) return error;
    throw error;
  }
  throw new Error('expected the parse to fail');
}

/** Each error as `message @ start-end`, in order. */
function errorsOf(text: string, offset = 0, max?: number): string[] {
  return parsePackageFileRecovering(text, offset, max).errors.map((e) => `${e.message} @ ${e.span?.start}-${e.span?.end}`);
}

function names(items: readonly AstItem[]): string[] {
  return items.map((item) => (item.kind === 'interface' ? `interface ${item.interface.name.name}` : item.kind === 'world' ? `world ${item.world.name.name}` : item.kind));
}

describe('parsePackageFileRecovering', () => {
  it('reports a broken function in each of two interfaces, each at its place', () => {
    const text = 'package a:b;\ninterface i {\n  f: func(x u32);\n  g: func();\n}\ninterface j {\n  h: func() -> ;\n  k: func();\n}\n';
    const bad1 = text.indexOf('u32');
    const bad2 = text.indexOf(';', text.indexOf('->'));
    expect(errorsOf(text)).toEqual([
      `expected ':', found keyword \`u32\` @ ${bad1}-${bad1 + 1}`,
      `expected a type, found ';' @ ${bad2}-${bad2 + 1}`,
    ]);
    const { file } = parsePackageFileRecovering(text, 0);
    // Both interfaces are kept, each with the function after the broken one.
    expect(names(file.items)).toEqual(['interface i', 'interface j']);
    for (const item of file.items) {
      if (item.kind !== 'interface') throw new Error('interface expected');
      expect(item.interface.items.map((i) => (i.kind === 'func' ? i.func.name.name : i.kind))).toEqual([item.interface.name.name === 'i' ? 'g' : 'k']);
    }
  });

  it('keeps a good interface after a broken item', () => {
    const text = 'package a:b;\nworld w { import ; }\ninterface oops oops {}\ninterface good { type t = u32; }\n';
    const { file, errors } = parsePackageFileRecovering(text, 0);
    expect(errors).toHaveLength(2);
    expect(names(file.items)).toEqual(['world w', 'interface good']);
  });

  it('reports an unclosed brace at the end of the file once, and stops', () => {
    const text = 'package a:b;\ninterface i {\n  type t = u32;\n';
    expect(errorsOf(text)).toEqual([`expected \`type\`, \`resource\` or \`func\`, found eof @ ${text.length}-${text.length}`]);
    expect(names(parsePackageFileRecovering(text, 0).file.items)).toEqual(['interface i']);
    // An inline interface unclosed inside an unclosed world: still one error.
    expect(errorsOf('package a:b; world w { import x: interface { f: func();')).toHaveLength(1);
  });

  it('skips a broken body by its braces, not at its first `}`', () => {
    const text = 'interface i {\n  record r { a: u32, b u32 }\n  type t = u32;\n}\ninterface j {}\n';
    const { file, errors } = parsePackageFileRecovering(text, 0);
    expect(errors).toHaveLength(1);
    expect(names(file.items)).toEqual(['interface i', 'interface j']);
    const i = file.items[0]!;
    if (i.kind !== 'interface') throw new Error('interface expected');
    expect(i.interface.items.map((item) => item.kind)).toEqual(['type']);
  });

  it('skips an unreadable character and goes on', () => {
    const text = 'interface i { type t = u32; $ }\ninterface j { f: func() -> ; }\n';
    const dollar = text.indexOf('$');
    const bad = text.indexOf(';', text.indexOf('->'));
    expect(errorsOf(text)).toEqual([`unexpected character '$' @ ${dollar}-${dollar + 1}`, `expected a type, found ';' @ ${bad}-${bad + 1}`]);
    // A bad string literal is skipped whole, not read as tokens.
    expect(errorsOf('interface i { @external-id("a\\q b c") type t = u32; }')).toHaveLength(1);
  });

  it('recovers at the top level and in worlds', () => {
    expect(errorsOf('package a:b;\n} }\ninterface i {}\nworld w { import a; 5 export b; include }\n')).toHaveLength(3);
    expect(names(parsePackageFileRecovering('package ;\ninterface i {}\n', 0).file.items)).toEqual(['interface i']);
  });

  it('reports a refused code point alone, before any syntax error', () => {
    const text = 'interface i { 5 }\n// \u202e\n';
    expect(errorsOf(text)).toEqual([`${thrown(text).message} @ ${text.indexOf('\u202e')}-${text.indexOf('\u202e') + 1}`]);
  });

  it('stops at the cap', () => {
    const text = 'interface i {\n' + 'f: func(x);\n'.repeat(300) + '}\n';
    expect(errorsOf(text)).toHaveLength(100);
    expect(errorsOf(text, 0, 3)).toHaveLength(3);
    expect(errorsOf('$'.repeat(500))).toHaveLength(100);
  });

  it('reports first what the throwing parser throws, at any offset', () => {
    for (const text of ['interface i { f: func(x u32); }', 'package a:b; world w { export %; }', 'interface i { type t = "x', 'x $ y']) {
      const first = parsePackageFileRecovering(text, 7).errors[0]!;
      const expected = thrown(text, 7);
      expect([first.message, first.span]).toEqual([expected.message, expected.span]);
    }
  });

  it('finds nothing in a file that parses, and the same items', () => {
    const text = 'package a:b;\ninterface i { use j.{t}; f: func(a: t) -> result<u32>; }\nworld w { import i; export f: func(); }\n';
    const recovered = parsePackageFileRecovering(text, 0);
    expect(recovered.errors).toEqual([]);
    expect(recovered.file).toEqual(parsePackageFile(text, 0));
  });
});
