/**
 * End-to-end tests of the built `weld` binary: they spawn it the way a user
 * would, so the bin script, the build and the exit codes are all exercised.
 * Run `npm test` (it builds first) rather than vitest alone.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, run, wasmTools, weld } from './support.js';
import { findTool, startGgcr } from './support/registry.js';

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

  it('builds a WIT package as wasm byte for byte as wasm-tools, and reads it back as wasm-tools does', () => {
    const reference = wasmTools();
    const dir = mkdtempSync(join(tmpdir(), 'weld-cli-wit-build-'));
    const ours = join(dir, 'demo.wasm');
    const built = weld('wit', 'build', 'wit', '-o', ours);
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    expect(built.stdout).toMatch(/^.*demo\.wasm: weld:demo@0\.1\.0, 2 interfaces, 3 worlds, [\d.]+ KiB\n$/u);
    const theirs = join(dir, 'reference.wasm');
    expect(run(reference, ['component', 'wit', '--wasm', 'wit', '-o', theirs]).status).toBe(0);
    expect(readFileSync(ours).equals(readFileSync(theirs))).toBe(true);
    // `wit` is the default folder.
    expect(weld('wit', 'build', '-o', join(dir, 'default.wasm')).status).toBe(0);
    expect(readFileSync(join(dir, 'default.wasm')).equals(readFileSync(theirs))).toBe(true);
    for (const extra of [[], ['--json']]) {
      const expected = run(reference, ['component', 'wit', ours, ...extra]);
      expect(expected.status).toBe(0);
      const actual = weld('wit', ours, ...extra);
      expect(actual.stderr).toBe('');
      expect(actual.stdout, `weld wit demo.wasm ${extra.join(' ')}`).toBe(expected.stdout);
    }
  });

  it('builds what `wkg publish` takes: it reads the package name and version from the binary', async (context) => {
    const wkg = findTool('wkg');
    const registry = wkg === undefined ? undefined : await startGgcr();
    if (wkg === undefined || registry === undefined) return context.skip();
    try {
      const dir = mkdtempSync(join(tmpdir(), 'weld-cli-wit-wkg-'));
      expect(weld('wit', 'build', 'wit', '-o', join(dir, 'demo.wasm')).status).toBe(0);
      writeFileSync(join(dir, 'wkg.toml'), `default_registry = "${registry.host}"\n\n[registry."${registry.host}".oci]\nprotocol = "http"\n`);
      // A dry run reads the binary and resolves the registry, then stops before pushing: ggcr's
      // registry answers a chunked upload in a way wkg's OCI client refuses.
      const args = ['publish', '--dry-run', '--config', join(dir, 'wkg.toml'), '--cache', join(dir, 'cache'), join(dir, 'demo.wasm')];
      const published = run(wkg, args, { HOME: dir, NO_COLOR: '1' });
      expect(published.stderr).toContain('Aborting publish due to dry run: weld:demo@0.1.0');
      expect(published.status).toBe(0);
    } finally {
      await registry.dispose();
    }
  });

  it('round-trips: build, read back, build the printed WIT again, read back the same WIT', () => {
    const dir = mkdtempSync(join(tmpdir(), 'weld-cli-wit-roundtrip-'));
    const source = join(dir, 'source.wit');
    writeFileSync(source, 'package a:b@1.0.0;\n\n/// Shapes.\ninterface shapes {\n  record point { x: f64, y: f64 }\n  resource path {\n    constructor(start: point);\n    /// Adds a point.\n    line-to: func(p: point);\n  }\n  area: func(points: list<point>) -> f64;\n}\n\nworld draw {\n  import shapes;\n  export render: func(p: borrow<path>) -> string;\n  use shapes.{path};\n}\n');
    expect(weld('wit', 'build', source, '-o', join(dir, 'one.wasm')).status).toBe(0);
    const once = weld('wit', join(dir, 'one.wasm'));
    expect(once.status).toBe(0);
    expect(once.stdout).toBe(weld('wit', source).stdout);
    writeFileSync(join(dir, 'printed.wit'), once.stdout);
    expect(weld('wit', 'build', join(dir, 'printed.wit'), '-o', join(dir, 'two.wasm')).status).toBe(0);
    expect(weld('wit', join(dir, 'two.wasm')).stdout).toBe(once.stdout);
    expect(readFileSync(join(dir, 'two.wasm')).equals(readFileSync(join(dir, 'one.wasm')))).toBe(true);
  });

  it('refuses a component, a core module and a malformed binary with one line each, exit 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'weld-cli-wit-binaries-'));
    const component = weld('wit', 'components/prebuilt/calc.wasm');
    expect(component.status).toBe(1);
    expect(component.stderr).toBe('error: components/prebuilt/calc.wasm: a WebAssembly component, not WIT\n  to print its WIT: weld inspect --wit components/prebuilt/calc.wasm\n');
    const module = join(dir, 'core.wasm');
    writeFileSync(module, Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    expect(weld('wit', module).stderr).toMatch(/^error: .*core\.wasm: a WebAssembly core module, not WIT\n/u);
    expect(weld('wit', 'build', 'wit', '-o', join(dir, 'demo.wasm')).status).toBe(0);
    const truncated = join(dir, 'truncated.wasm');
    writeFileSync(truncated, readFileSync(join(dir, 'demo.wasm')).subarray(0, 100));
    const broken = weld('wit', truncated);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/^error: .*truncated\.wasm: unexpected end of input at offset 0x64: .*\n$/u);
    expect(broken.stderr).not.toMatch(/^\s+at /mu);
  });

  it('wit build refuses what wasm-tools refuses, and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'weld-cli-wit-refuse-'));
    const out = join(dir, 'zero.wasm');
    const zero = weld('wit', 'build', 'packages/wit/tests/ui/type-fixed-length-list-zero.wit', '-o', out);
    expect(zero.status).toBe(1);
    expect(zero.stderr).toMatch(/^error: .*: the package cannot be encoded as wasm: Fixed-length lists must have more than zero elements/u);
    expect(existsSync(out)).toBe(false);
    const missing = weld('wit', 'build', 'wit');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe("error: required option '-o, --output <file>' not specified\n");
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
