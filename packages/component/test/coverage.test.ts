/**
 * The WAT corpus together exercises every section kind, type constructor,
 * canonical built-in, alias form, name option and custom section kind of the
 * model: a construct no test input reaches would make this test fail.
 */
import { describe, expect, it } from 'vitest';
import { decodeComponent } from '@weld/component';
import type {
  Alias, CanonFunction, Component, ComponentType, ComponentTypeDecl, CoreType, ExternName, ExternType,
  ModuleTypeDecl, Section,
} from '@weld/component';
import { parseWat, watFiles } from './corpus.js';

/** Collects tags of everything reachable from a component. */
class Seen {
  readonly tags = new Set<string>();
  add(tag: string): void {
    this.tags.add(tag);
  }

  component(c: Component, depth: number): void {
    this.add(`depth ${depth}`);
    for (const s of c.sections) this.section(s, depth);
  }

  section(s: Section, depth: number): void {
    this.add(`section ${s.kind}`);
    switch (s.kind) {
      case 'component': this.component(s.component, depth + 1); break;
      case 'core-type': s.types.forEach((t) => this.coreType(t)); break;
      case 'type': s.types.forEach((t) => this.type(t)); break;
      case 'alias': s.aliases.forEach((a) => this.alias(a)); break;
      case 'canon': s.functions.forEach((f) => this.canon(f)); break;
      case 'import': s.imports.forEach((i) => { this.name(i.name); this.extern(i.type); }); break;
      case 'export': s.exports.forEach((e) => {
        this.name(e.name);
        this.add(`export sort ${e.sort}`);
        if (e.type) this.add('export ascribed');
      }); break;
      case 'core-instance': s.instances.forEach((i) => this.add(`core-instance ${i.kind}`)); break;
      case 'instance': s.instances.forEach((i) => this.add(`instance ${i.kind}`)); break;
      case 'custom': this.add(`custom ${s.custom.kind}`); break;
      case 'start': if (s.args.length > 0 && s.results > 0) this.add('start with args and result'); break;
      case 'core-module': break;
    }
  }

  coreType(t: CoreType): void {
    this.add(`core-type ${t.kind}`);
    if (t.kind === 'module') t.decls.forEach((d: ModuleTypeDecl) => this.add(`module-decl ${d.kind}`));
    else {
      if (t.group.types.length > 1) this.add('rec group');
      for (const sub of t.group.types) {
        this.add(`core composite ${sub.composite.inner.kind}`);
        if (!sub.final) this.add('non-final sub');
        if (sub.composite.shared) this.add('shared composite');
      }
    }
  }

  type(t: ComponentType): void {
    this.add(`type ${t.kind}`);
    if (t.kind === 'func' && t.async) this.add('async func');
    if (t.kind === 'resource' && t.destructor !== undefined) this.add('resource with destructor');
    if (t.kind === 'result') this.add(`result ${t.ok === undefined ? '-' : 'ok'} ${t.err === undefined ? '-' : 'err'}`);
    if (t.kind === 'component' || t.kind === 'instance') t.decls.forEach((d) => this.decl(d));
    if (t.kind === 'primitive') this.add(`primitive ${t.type}`);
    if (t.kind === 'record' && t.fields.some((f) => typeof f.type === 'number' && f.type >= 64)) this.add('multi-byte type index');
  }

  decl(d: ComponentTypeDecl): void {
    this.add(`decl ${d.kind}`);
    if (d.kind === 'type') this.type(d.type);
    if (d.kind === 'core-type') this.coreType(d.type);
    if (d.kind === 'alias') this.alias(d.alias);
    if (d.kind === 'import' || d.kind === 'export') { this.name(d.name); this.extern(d.type); }
  }

  alias(a: Alias): void {
    this.add(`alias ${a.kind} ${a.sort}`);
  }

  canon(f: CanonFunction): void {
    this.add(`canon ${f.kind}`);
    if ('options' in f) f.options.forEach((o) => this.add(`option ${o.kind}`));
  }

  name(n: ExternName): void {
    if (n.implements !== undefined) this.add('name implements');
    if (n.versionSuffix !== undefined) this.add('name version-suffix');
    if (/@\d/.test(n.name)) this.add('name with version');
  }

  extern(t: ExternType): void {
    this.add(`extern ${t.kind}`);
    if (t.kind === 'type') this.add(`bounds ${t.bounds.kind}`);
  }
}

describe('the WAT corpus', () => {
  const seen = new Seen();
  for (const f of watFiles()) seen.component(decodeComponent(parseWat(f)), 0);

  const expected = [
    'depth 3',
    ...['core-module', 'core-instance', 'core-type', 'component', 'instance', 'alias', 'type', 'canon', 'start', 'import', 'export', 'custom']
      .map((k) => `section ${k}`),
    ...['record', 'variant', 'list', 'fixed-size-list', 'map', 'tuple', 'flags', 'enum', 'option', 'result', 'own', 'borrow',
      'future', 'stream', 'primitive', 'func', 'component', 'instance', 'resource'].map((k) => `type ${k}`),
    ...['bool', 's8', 'u8', 's16', 'u16', 's32', 'u32', 's64', 'u64', 'f32', 'f64', 'char', 'string', 'error-context']
      .map((p) => `primitive ${p}`),
    'result ok err', 'result ok -', 'result - err', 'result - -', 'multi-byte type index',
    'async func', 'resource with destructor',
    ...['core-type', 'type', 'alias', 'export', 'import'].map((k) => `decl ${k}`),
    'core-type module', 'core-type rec', 'rec group', 'non-final sub', 'shared composite',
    ...['func', 'struct', 'array'].map((k) => `core composite ${k}`),
    ...['import', 'type', 'outer-alias', 'export'].map((k) => `module-decl ${k}`),
    ...['func', 'value', 'type', 'component', 'instance', 'module'].map((s) => `alias instance-export ${s}`),
    ...['func', 'table', 'memory', 'global', 'tag'].map((s) => `alias core-instance-export ${s}`),
    ...['type', 'component', 'module', 'core-type'].map((s) => `alias outer ${s}`),
    ...['lift', 'lower', 'resource.new', 'resource.drop', 'resource.rep', 'thread.spawn-ref', 'thread.spawn-indirect',
      'thread.available-parallelism', 'backpressure.inc', 'backpressure.dec', 'task.return', 'task.cancel',
      'context.get', 'context.set', 'thread.yield', 'subtask.drop', 'subtask.cancel',
      'stream.new', 'stream.read', 'stream.write', 'stream.forward', 'stream.cancel-read', 'stream.cancel-write',
      'stream.drop-readable', 'stream.drop-writable',
      'future.new', 'future.read', 'future.write', 'future.forward', 'future.cancel-read', 'future.cancel-write',
      'future.drop-readable', 'future.drop-writable',
      'error-context.new', 'error-context.debug-message', 'error-context.drop',
      'waitable-set.new', 'waitable-set.wait', 'waitable-set.poll', 'waitable-set.drop', 'waitable.join',
      'thread.index', 'thread.new-indirect', 'thread.resume-later', 'thread.suspend', 'thread.suspend-then-resume',
      'thread.yield-then-resume', 'thread.suspend-then-promote', 'thread.yield-then-promote',
    ].map((k) => `canon ${k}`),
    ...['utf8', 'utf16', 'compact-utf16', 'memory', 'realloc', 'post-return', 'async', 'callback', 'core-type', 'gc']
      .map((o) => `option ${o}`),
    'name implements', 'name version-suffix', 'name with version',
    ...['module', 'func', 'value', 'type', 'component', 'instance'].map((k) => `extern ${k}`),
    'bounds eq', 'bounds sub-resource',
    ...['module', 'func', 'value', 'type', 'component', 'instance'].map((s) => `export sort ${s}`),
    'export ascribed',
    'core-instance instantiate', 'core-instance from-exports', 'instance instantiate', 'instance from-exports',
    'custom producers', 'custom name', 'custom component-type', 'custom unknown',
    'start with args and result',
  ];

  it.each(expected)('reaches %s', (tag) => {
    expect(seen.tags.has(tag)).toBe(true);
  });
});
