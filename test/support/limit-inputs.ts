/**
 * Inputs at and past wasmparser's limits, built in memory so no tool is
 * needed: chains of defined types (each made of the one before), an
 * interface exporting the last of such a chain, and a core module with many
 * exports.
 */
import {
  BinaryWriter, encodeComponent, type Component, type ComponentType, type DefinedType, type ExternName, type InstanceTypeDecl,
  type Section, type ValType,
} from '@weld/component';

/** A plain extern name. */
export function externName(name: string): ExternName {
  return { name, implements: undefined, versionSuffix: undefined, externalId: undefined };
}

/** `n` defined types, the first made of `u8`, each next one of the one before. */
export function typeChain(n: number, make: (previous: ValType) => DefinedType): DefinedType[] {
  const types: DefinedType[] = [];
  for (let i = 0; i < n; i++) types.push(make(i === 0 ? 'u8' : i - 1));
  return types;
}

/** `tuple<t, t>`: its effective size doubles at each level of a chain. */
export const pairOf = (t: ValType): DefinedType => ({ kind: 'tuple', types: [t, t] });

/** `list<t>`: one level deeper at each level of a chain. */
export const listOf = (t: ValType): DefinedType => ({ kind: 'list', element: t });

/** A component whose type section holds `types` and which exports the last as `t`. */
export function exportingLast(types: readonly DefinedType[]): Uint8Array {
  const component: Component = {
    version: 0x0d,
    layer: 1,
    sections: [
      { kind: 'type', types },
      { kind: 'export', exports: [{ name: externName('t'), sort: 'type', index: types.length - 1, type: undefined }] },
    ],
  };
  return encodeComponent(component);
}

/** A component importing interface `test:limits/iface` whose type `t` is the last of `types`. */
export function interfaceWithLast(types: readonly DefinedType[]): Uint8Array {
  const component: Component = {
    version: 0x0d,
    layer: 1,
    sections: [
      {
        kind: 'type',
        types: [{
          kind: 'instance',
          decls: [
            ...types.map((type) => ({ kind: 'type' as const, type })),
            { kind: 'export', name: externName('t'), type: { kind: 'type', bounds: { kind: 'eq', index: types.length - 1 } } },
          ],
        }],
      },
      { kind: 'import', imports: [{ name: externName('test:limits/iface'), type: { kind: 'instance', index: 0 } }] },
    ],
  };
  return encodeComponent(component);
}

/** A core module with one immutable i32 global, exported `count` times as `e0`, `e1`, ... */
export function moduleWithExports(count: number): Uint8Array {
  const w = new BinaryWriter();
  w.bytes(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
  // Global section: (global i32 (i32.const 0)).
  w.u8(6).nested((s) => s.u32(1).u8(0x7f).u8(0x00).u8(0x41).u8(0x00).u8(0x0b));
  // Export section: every export names global 0.
  w.u8(7).nested((s) => {
    s.u32(count);
    for (let i = 0; i < count; i++) s.name(`e${i}`).u8(0x03).u32(0);
  });
  return w.finish();
}

/**
 * `n` instance types, each exporting an instance of the one before (reached
 * by an outer alias, so the nesting is by reference, not by syntax), and an
 * import `x` of the last.
 */
export function instanceChain(n: number): Uint8Array {
  const types: ComponentType[] = [{ kind: 'instance', decls: [] }];
  for (let i = 1; i < n; i++) {
    types.push({
      kind: 'instance',
      decls: [
        { kind: 'alias', alias: { kind: 'outer', sort: 'type', count: 1, index: i - 1 } },
        { kind: 'export', name: externName('a'), type: { kind: 'instance', index: 0 } },
      ],
    });
  }
  const component: Component = {
    version: 0x0d,
    layer: 1,
    sections: [
      { kind: 'type', types },
      { kind: 'import', imports: [{ name: externName('x'), type: { kind: 'instance', index: n - 1 } }] },
    ],
  };
  return encodeComponent(component);
}

/**
 * A component importing `n` interfaces `p0:x/i` ... each in its own package,
 * each using type `t` of the one before: a chain of `n` packages.
 */
export function packageChain(n: number): Uint8Array {
  const sections: Section[] = [];
  for (let i = 0; i < n; i++) {
    // Type indices: instance type i is 2i, the alias of its import's `t` is 2i + 1.
    const decls: InstanceTypeDecl[] = i === 0
      ? [{ kind: 'type', type: { kind: 'record', fields: [{ name: 'f', type: 'u8' }] } }]
      : [{ kind: 'alias', alias: { kind: 'outer', sort: 'type', count: 1, index: 2 * i - 1 } }];
    decls.push({ kind: 'export', name: externName('t'), type: { kind: 'type', bounds: { kind: 'eq', index: 0 } } });
    sections.push(
      { kind: 'type', types: [{ kind: 'instance', decls }] },
      { kind: 'import', imports: [{ name: externName(`p${i}:x/i`), type: { kind: 'instance', index: 2 * i } }] },
      { kind: 'alias', aliases: [{ kind: 'instance-export', sort: 'type', instance: i, name: 't' }] },
    );
  }
  return encodeComponent({ version: 0x0d, layer: 1, sections });
}

/** A component of `n` empty bags of exports (instances). */
export function manyInstances(n: number): Uint8Array {
  const instances = Array.from({ length: n }, () => ({ kind: 'from-exports' as const, exports: [] }));
  return encodeComponent({ version: 0x0d, layer: 1, sections: [{ kind: 'instance', instances }] });
}

/** A component with `n` empty nested components. */
export function nestedComponents(n: number): Uint8Array {
  const empty: Component = { version: 0x0d, layer: 1, sections: [] };
  const sections = Array.from({ length: n }, (): Section => ({ kind: 'component', component: empty }));
  return encodeComponent({ version: 0x0d, layer: 1, sections });
}

/** A component holding a component holding ... `depth` levels deep. */
export function nestedDeep(depth: number): Uint8Array {
  let component: Component = { version: 0x0d, layer: 1, sections: [] };
  for (let i = 0; i < depth; i++) component = { version: 0x0d, layer: 1, sections: [{ kind: 'component', component }] };
  return encodeComponent(component);
}
