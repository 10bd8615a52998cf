/** `printWitItem`: one item as `printWit` prints it within its package, without the item's own docs. */
import { describe, expect, it } from 'vitest';
import { loadWitText } from '../load.js';
import { printWitItem } from './print.js';

const { resolve, main } = loadWitText('item.wit', `package a:b@1.0.0;

/// The interface's docs.
interface things {
  /// A resource's docs.
  @since(version = 1.0.0)
  resource blob {
    constructor(size: u32);
    /// How big.
    size: func() -> u32;
    merge: static func(a: borrow<blob>, b: borrow<blob>) -> blob;
  }
  record point { x: s32, y: s32 }
  type pair = tuple<point, point>;
  /// Moves a point.
  move: func(p: point, by: s32) -> point;
}

world w {
  import things;
  export run: func();
}
`);
const pkg = resolve.packages[main]!;
const things = resolve.interfaces[pkg.interfaces.get('things')!]!;

describe('printWitItem', () => {
  it('prints a resource with its functions and gate, leaving its docs to the caller', () => {
    expect(printWitItem(resolve, { kind: 'type', id: things.types.get('blob')! })).toBe(
      '@since(version = 1.0.0)\nresource blob {\n  constructor(size: u32);\n  /// How big.\n  size: func() -> u32;\n  merge: static func(a: borrow<blob>, b: borrow<blob>) -> blob;\n}\n',
    );
  });

  it('prints a type declaration and a function', () => {
    expect(printWitItem(resolve, { kind: 'type', id: things.types.get('pair')! })).toBe('type pair = tuple<point, point>;\n');
    expect(printWitItem(resolve, { kind: 'function', function: things.functions.get('move')! })).toBe('move: func(p: point, by: s32) -> point;\n');
  });

  it('prints an interface and a world with their bodies', () => {
    expect(printWitItem(resolve, { kind: 'world', id: pkg.worlds.get('w')! })).toBe('world w {\n  import things;\n\n  export run: func();\n}\n');
    expect(printWitItem(resolve, { kind: 'interface', id: pkg.interfaces.get('things')! })).toMatch(/^interface things \{\n {2}\/\/\/ A resource's docs\.\n {2}@since/u);
  });
});
