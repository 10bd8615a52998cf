/**
 * End-to-end tests of the built `weld` binary: they spawn it the way a user
 * would, so the bin script, the build and the exit codes are all exercised.
 * Run `npm test` (it builds first) rather than vitest alone.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, run, wasmTools, weld } from './support.js';

describe('weld', () => {
  it('lists the wit command in --help', () => {
    const { status, stdout } = weld('--help');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Usage: weld /mu);
    expect(stdout).toMatch(/^ {2}wit \[options\] <path> /mu);
  });

  it('prints the version of the cli package', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'cli', 'package.json'), 'utf8')) as { version: string };
    const { status, stdout } = weld('--version');
    expect(status).toBe(0);
    expect(stdout).toBe(`${manifest.version}\n`);
  });

  it('exits 1 on an unknown command', () => {
    const { status, stderr } = weld('frobnicate');
    expect(status).toBe(1);
    expect(stderr).toContain("unknown command 'frobnicate'");
  });
});

describe('weld wit', () => {
  it('shows its argument and options in --help', () => {
    const { status, stdout } = weld('wit', '--help');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Usage: weld wit \[options\] <path>/mu);
    for (const option of ['--json', '--features <list>', '--all-features']) {
      expect(stdout).toContain(option);
    }
  });

  it('exits 1 with one clean line when the path does not exist', () => {
    const { status, stdout, stderr } = weld('wit', 'no/such/dir');
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe("error: cannot read 'no/such/dir': no such file or directory\n");
  });

  it('exits 1 when the path is missing', () => {
    const { status, stderr } = weld('wit');
    expect(status).toBe(1);
    expect(stderr).toBe("error: missing required argument 'path'\n");
  });

  it('prints the demo package in wit/', () => {
    const { status, stdout, stderr } = weld('wit', 'wit/');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^package weld:demo@0\.1\.0;\n/u);
  });

  it('prints exactly what wasm-tools prints, as WIT and as JSON', () => {
    const reference = wasmTools();
    for (const extra of [[], ['--features', 'exact-sum'], ['--json'], ['--json', '--all-features']]) {
      const expected = run(reference, ['component', 'wit', 'wit/', ...extra]);
      expect(expected.status).toBe(0);
      const actual = weld('wit', 'wit/', ...extra);
      expect(actual.stderr).toBe('');
      expect(actual.stdout, `weld wit wit/ ${extra.join(' ')}`).toBe(expected.stdout);
    }
  });

  it('reads WIT packages encoded as wasm and as WAT in deps/ as wasm-tools does, for wit and types alike', () => {
    const reference = wasmTools();
    for (const path of ['packages/wit/tests/ui/deps-wasm-encoded', 'packages/wit/tests/ui/deps-wat']) {
      for (const extra of [[], ['--json']]) {
        const expected = run(reference, ['component', 'wit', path, ...extra]);
        expect(expected.status).toBe(0);
        const actual = weld('wit', path, ...extra);
        expect(actual.stderr).toBe('');
        expect(actual.stdout, `weld wit ${path} ${extra.join(' ')}`).toBe(expected.stdout);
      }
      const types = weld('types', path, '--guest', '-o', mkdtempSync(join(tmpdir(), 'weld-cli-types-')));
      expect(types.stderr).toBe('');
      expect(types.status).toBe(0);
    }
    // A broken .wat: the same location and caret (wasm-tools adds which deps/ folder it was reading).
    const broken = 'packages/wit/tests/ui/parse-fail/deps-wat-broken';
    const expected = run(reference, ['component', 'wit', broken]);
    const actual = weld('wit', broken);
    expect(actual.status).toBe(1);
    expect(actual.stderr).toBe(expected.stderr.replace(`failed to parse dependency directory: ${broken}/deps: `, ''));
  });

  it('refuses a package that deps/ defines both in WIT text and inside a package encoded as wasm', () => {
    // wasm-tools 1.263 panics here (exit 101): an encoded package carries the packages it uses.
    const dir = mkdtempSync(join(tmpdir(), 'weld-cli-twice-'));
    const plain = 'package dep:plain;\n\ninterface p {\n  ping: func();\n}\n';
    mkdirSync(join(dir, 'uses', 'deps'), { recursive: true });
    writeFileSync(join(dir, 'uses', 'deps', 'plain.wit'), plain);
    writeFileSync(join(dir, 'uses', 'u.wit'), 'package dep:uses;\n\nworld x {\n  import dep:plain/p;\n}\n');
    mkdirSync(join(dir, 'main', 'deps'), { recursive: true });
    expect(run(wasmTools(), ['component', 'wit', '--wasm', join(dir, 'uses'), '-o', join(dir, 'main', 'deps', 'uses.wasm')]).status).toBe(0);
    writeFileSync(join(dir, 'main', 'deps', 'plain.wit'), plain);
    writeFileSync(join(dir, 'main', 'root.wit'), 'package weld:twice;\n\nworld w {\n  import dep:plain/p;\n}\n');
    const actual = weld('wit', join(dir, 'main'));
    expect(actual.status).toBe(1);
    expect(actual.stderr.split('\n', 2)).toEqual([
      'error: package `dep:plain` is defined twice: in WIT text and by a package encoded as wasm',
      `     --> ${join(dir, 'main', 'deps', 'plain.wit')}:1:9`,
    ]);
  });

  it('renders a WIT error like wasm-tools and exits 1', () => {
    const reference = wasmTools();
    const file = join(mkdtempSync(join(tmpdir(), 'weld-cli-')), 'bad.wit');
    writeFileSync(file, 'package a:b;\n\ninterface i {\n  /* é */ type t = strin;\n}\n');
    const expected = run(reference, ['component', 'wit', file]);
    const actual = weld('wit', file);
    expect(actual.status).toBe(1);
    expect(actual.stderr).toBe(expected.stderr);
    expect(actual.stderr).not.toMatch(/^\s+at /mu);
  });
});
