/** The wider graph: definitions by package, alias nodes, and errors that carry graph ids. */
import { describe, expect, it } from 'vitest';
import {
  ComposeError, CompositionBuilder, composeFromConfig, encodeComposition, interfaceByName, parseComposeConfig, parsePackageKey,
} from '@weld/compose';
import { loadWitFiles, loadWitText } from '@weld/wit';
import { FileSystemResolver } from '@weld/wit/node';
import * as f from './fixtures.js';
import { componentFromWit, jcoWasiWit, validate, witOf } from './helpers.js';

/** The ComposeError `step` throws. */
function failure(step: () => unknown): ComposeError {
  try {
    step();
  } catch (e) {
    if (e instanceof ComposeError) return e;
    throw e;
  }
  throw new Error('expected a ComposeError');
}

describe('definitions by package', () => {
  it('finds a definition by name and version, or by name alone (the highest version)', () => {
    const b = new CompositionBuilder();
    const old = b.addDefinition(f.calc(), { package: 'example:calc@1.0.0' });
    const next = b.addDefinition(f.calc(), { package: 'example:calc@1.10.0' });
    const app = b.addDefinition(f.app(), { package: 'example:app' });
    const plain = b.addDefinition(f.app());
    expect(b.definitionByPackage('example:calc', '1.0.0')).toBe(old);
    expect(b.definitionByPackage('example:calc')).toBe(next);
    expect(b.definitionByPackage('example:app')).toBe(app);
    expect(b.packageOf(old)).toEqual({ name: 'example:calc', version: '1.0.0' });
    expect(b.packageOf(plain)).toBeUndefined();
    // File-name labels still apply to a definition registered by package.
    expect(b.label(b.instantiate(old))).toBe('calc');
  });

  it('refuses a package registered twice, an unknown one, and malformed names', () => {
    const b = new CompositionBuilder();
    const first = b.addDefinition(f.calc(), { package: 'example:calc@1.0.0' });
    const twice = failure(() => b.addDefinition(f.calc(), { package: 'example:calc@1.0.0' }));
    expect(twice.kind).toBe('duplicate');
    expect(twice.message).toBe('the package example:calc@1.0.0 is registered twice');
    expect(twice.toDiagnostic().location).toEqual({ kind: 'graph', arena: 'definition', id: first });
    const unknown = failure(() => b.definitionByPackage('example:calc', '2.0.0'));
    expect(unknown.kind).toBe('not-found');
    expect(unknown.details).toEqual(['registered packages: example:calc@1.0.0']);
    expect(unknown.hint).toEqual({ kind: 'did-you-mean', requested: 'example:calc@2.0.0', known: ['example:calc@1.0.0'] });
    for (const bad of ['calc', 'Example:calc', 'example:calc@1', 'example:calc@', 'ex ample:calc', 'example:calc-']) {
      expect(failure(() => parsePackageKey(bad)).kind).toBe('invalid-input');
    }
    expect(parsePackageKey('%interface:x-1@0.2.0-rc.1')).toEqual({ name: '%interface:x-1', version: '0.2.0-rc.1' });
  });
});

describe('alias nodes', () => {
  it('names an instance export once, and wires arguments and exports through it', () => {
    const b = new CompositionBuilder();
    const calc = b.instantiate(b.addDefinition(f.calc()));
    const app = b.instantiate(b.addDefinition(f.app()));
    const ops = b.aliasExport(calc, 'example:math/ops@1.0.0');
    expect(b.aliasExport(calc, 'example:math/ops@1.0.0')).toBe(ops);
    expect(b.alias(ops)).toEqual({ instance: calc, name: 'example:math/ops@1.0.0' });
    b.setArgument(app, 'example:math/ops@1.0.0', { kind: 'alias', alias: ops });
    b.export('ops', { kind: 'alias', alias: ops });
    const { graph } = b.build();
    expect(graph.instances[1]!.args.get('example:math/ops@1.0.0')).toEqual({ kind: 'instance-export', instance: 0, name: 'example:math/ops@1.0.0' });
    expect(graph.exports[0]).toEqual({ name: 'ops', source: { kind: 'instance-export', instance: 0, name: 'example:math/ops@1.0.0' } });
  });

  it('refuses an alias of an export the instance does not have, located at the instance', () => {
    const b = new CompositionBuilder();
    b.instantiate(b.addDefinition(f.app()));
    const calc = b.instantiate(b.addDefinition(f.calc()));
    const e = failure(() => b.aliasExport(calc, 'nope'));
    expect(e.kind).toBe('not-found');
    expect(e.message).toBe('calc (calc.wasm) has no export named nope');
    expect(e.toDiagnostic().location).toEqual({ kind: 'graph', arena: 'instance', id: calc, name: 'nope' });
    expect(failure(() => b.alias(7)).graph).toEqual({ kind: 'graph', arena: 'alias', id: 7 });
  });
});

describe('graph locations', () => {
  it('locates a type mismatch at the builder id of the instance and the import', () => {
    const b = new CompositionBuilder();
    // The app is added first, so instantiation order puts it second: the error keeps the builder's id.
    const app = b.instantiate(b.addDefinition(f.app()));
    const bad = b.instantiate(b.addDefinition(f.badParam()));
    b.setArgument(app, 'example:math/ops@1.0.0', { kind: 'instance-export', instance: bad, name: 'example:math/ops@1.0.0' });
    const e = failure(() => b.build());
    expect(e.kind).toBe('type-mismatch');
    expect(e.graph).toEqual({ kind: 'graph', arena: 'instance', id: app, name: 'example:math/ops@1.0.0' });
  });

  it('locates duplicates at the node given first', () => {
    const b = new CompositionBuilder();
    const calc = b.instantiate(b.addDefinition(f.calc()));
    const source = { kind: 'instance-export', instance: calc, name: 'example:math/ops@1.0.0' } as const;
    expect(b.export('a', source)).toBe(0);
    expect(b.export('b', source)).toBe(1);
    expect(failure(() => b.export('b', source)).graph).toEqual({ kind: 'graph', arena: 'export', id: 1 });
    expect(failure(() => b.instantiate(0, 'calc')).graph).toEqual({ kind: 'graph', arena: 'instance', id: calc });
  });
});

describe('the configuration front end', () => {
  it('points a type mismatch found by build at the line of the argument', async () => {
    const text = [
      'components: { app: app.wasm, bad: bad.wasm }',
      'instances:',
      '  bad: { component: bad }',
      '  app:',
      '    component: app',
      '    with:',
      '      "example:math/ops@1.0.0": bad.example:math/ops@1.0.0',
      'exports: { run: app.run }',
      '',
    ].join('\n');
    const config = await parseComposeConfig(text, 'weld.compose.yaml');
    const files: Record<string, Uint8Array> = { 'app.wasm': f.app().bytes, 'bad.wasm': f.badParam().bytes };
    const error: unknown = await composeFromConfig(config, (path) => files[path]!).catch((e: unknown) => e);
    if (!(error instanceof ComposeError)) throw error;
    expect(error.kind).toBe('type-mismatch');
    expect(error.message).toMatch(/^weld\.compose\.yaml:7:33: cannot plug app's import example:math\/ops@1\.0\.0 with bad's export: /);
    expect(error.span?.resolved?.line).toBe(7);
    expect(error.graph).toEqual({ kind: 'graph', arena: 'instance', id: 1, name: 'example:math/ops@1.0.0' });
  });
});

const mathWit = `package example:math@1.0.0;
interface types {
  record point { x: s32, y: s32 }
  resource counter { constructor(); inc: func() -> u32; }
}
interface ops {
  use types.{point, counter};
  add: func(a: s32, b: s32) -> s32;
  norm: func(p: point) -> u32;
  make: func() -> counter;
}
`;

describe('imports typed from WIT', () => {
  const { resolve } = loadWitText('math.wit', mathWit);

  it('imports an interface with no component that imports it, and fills an argument with it', () => {
    const b = new CompositionBuilder();
    const calc = b.instantiate(b.addDefinition(f.calc()));
    const types = b.addImport('example:math/types@1.0.0', { kind: 'wit', resolve, interface: interfaceByName(resolve, 'example:math/types@1.0.0') });
    b.setArgument(calc, 'example:math/types@1.0.0', { kind: 'import', import: types });
    b.export('ops', { kind: 'instance-export', instance: calc, name: 'example:math/ops@1.0.0' });
    const bytes = encodeComposition(b.build());
    expect(validate(bytes)).toBeUndefined();
    expect(witOf(bytes)).toContain('import example:math/types@1.0.0;');
  });

  it('imports the interfaces its types use as well, and type-checks against what it fills', () => {
    const b = new CompositionBuilder();
    const app = b.instantiate(b.addDefinition(f.app()));
    const ops = b.addImport('example:math/ops@1.0.0', { kind: 'wit', resolve, interface: interfaceByName(resolve, 'example:math/ops@1.0.0') });
    b.setArgument(app, 'example:math/ops@1.0.0', { kind: 'import', import: ops });
    b.export('run', { kind: 'instance-export', instance: app, name: 'run' });
    const c = b.build();
    expect(c.graph.imports.map((i) => i.name)).toEqual(['example:math/types@1.0.0', 'example:math/ops@1.0.0']);
    const bytes = encodeComposition(c);
    expect(validate(bytes)).toBeUndefined();
    expect(witOf(bytes)).toContain('import example:math/ops@1.0.0;');
  });

  it('refuses to fill an import of another type, and names an unknown interface', () => {
    const b = new CompositionBuilder();
    const app = b.instantiate(b.addDefinition(f.app()));
    const types = b.addImport('types', { kind: 'wit', resolve, interface: interfaceByName(resolve, 'example:math/types@1.0.0') });
    b.setArgument(app, 'example:math/ops@1.0.0', { kind: 'import', import: types });
    expect(failure(() => b.build()).kind).toBe('type-mismatch');
    const unknown = failure(() => interfaceByName(resolve, 'example:math/nope@1.0.0'));
    expect(unknown.details).toEqual(['its interfaces: example:math/types@1.0.0, example:math/ops@1.0.0']);
  });
});

describe('imports typed from WASI WIT', () => {
  const packages = ['cli', 'clocks', 'filesystem', 'http', 'io', 'random', 'sockets'].map((p) => jcoWasiWit('0.2.12', `wasi-${p}`));
  const world = 'package t:client;\nworld client { import wasi:http/outgoing-handler@0.2.12; export run: func(); }\n';

  it('fills a wasm-tools component\'s wasi:http import from WIT alone: it encodes, validates and type-checks', async () => {
    const { resolve } = await loadWitFiles(
      { kind: 'file', path: 'client.wit', bytes: new TextEncoder().encode(world) },
      { resolvers: [new FileSystemResolver(jcoWasiWit('0.2.12', ''))] },
    );
    const b = new CompositionBuilder();
    const client = b.instantiate(b.addDefinition(componentFromWit('client.wasm', { text: world, deps: packages }, 'client')));
    for (const name of ['wasi:http/types@0.2.12', 'wasi:http/outgoing-handler@0.2.12']) {
      const id = b.addImport(name, { kind: 'wit', resolve, interface: interfaceByName(resolve, name) });
      b.setArgument(client, name, { kind: 'import', import: id });
    }
    b.export('run', { kind: 'instance-export', instance: client, name: 'run' });
    const c = b.build();
    expect(c.graph.imports.map((i) => i.name)).toEqual([
      'wasi:io/poll@0.2.12', 'wasi:clocks/monotonic-clock@0.2.12', 'wasi:io/error@0.2.12', 'wasi:io/streams@0.2.12',
      'wasi:http/types@0.2.12', 'wasi:http/outgoing-handler@0.2.12',
    ]);
    expect(validate(encodeComposition(c))).toBeUndefined();
  });
});
