/**
 * `weld build` end to end, through the built binary, on a copy of the demo's
 * Rust and Go components in a scratch project (its own `.weld/cache`):
 *   - a cold build builds both; a second build with nothing changed starts no
 *     toolchain process at all (rustc and go are wrappers on PATH that log
 *     every call), and reports both `cached`;
 *   - changing one source rebuilds that component only;
 *   - a missing toolchain names the command that installs it, and without
 *     `--from-source` the committed prebuilt component stands in, with a line
 *     saying so (and that it was built from the current sources);
 *   - a project file that breaks the schema says where.
 * The TypeScript component is built (from source) by the fixture builder and
 * by the demo test.
 */
import { appendFileSync, chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, root, run, type Run } from './support.js';

const scratch = mkdtempSync(join(tmpdir(), 'weld-build-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const project = join(scratch, 'project');
const shims = join(scratch, 'shims');
const log = join(scratch, 'toolchain.log');

/** Debian's rustc (rustup's, if first on PATH, has no wasm32 std here), and go. */
function real(name: 'rustc' | 'go'): string | undefined {
  if (name === 'rustc' && existsSync('/usr/bin/rustc')) return '/usr/bin/rustc';
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter), '/usr/local/go/bin'];
  return dirs.map((dir) => join(dir, name)).find((path) => path !== name && existsSync(path));
}

/** `weld build ARGS` in the scratch project, with the logging shims first on PATH. */
function build(args: readonly string[], env: NodeJS.ProcessEnv = {}): Run {
  return run(process.execPath, [bin, 'build', '-p', join(project, 'weld.toml'), '--progress', 'plain', ...args], {
    PATH: `${shims}${delimiter}${process.env['PATH'] ?? ''}`,
    ...env,
  });
}

interface JsonReport {
  components: { name: string; kind: string; steps?: { step: string }[]; error?: { kind: string; message: string; details: string[] } }[];
}

const json = (result: Run): JsonReport => JSON.parse(result.stdout) as JsonReport;
const kinds = (result: Run) => Object.fromEntries(json(result).components.map((c) => [c.name, c.kind]));
const calls = (): string[] => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter((l) => l !== '') : []);

const toolchains = { rustc: real('rustc'), go: real('go') } as const;
const haveToolchains = toolchains.rustc !== undefined && toolchains.go !== undefined;

beforeAll(() => {
  mkdirSync(shims, { recursive: true });
  for (const [name, path] of Object.entries(toolchains)) {
    if (path === undefined) continue;
    const shim = join(shims, name);
    writeFileSync(shim, `#!/bin/sh\necho "${name} $*" >> '${log}'\nexec '${path}' "$@"\n`);
    chmodSync(shim, 0o755);
  }
  for (const dir of ['calc-rust', 'format-go']) cpSync(join(root, 'components', dir), join(project, 'components', dir), { recursive: true });
  cpSync(join(root, 'wit'), join(project, 'wit'), { recursive: true });
  writeFileSync(
    join(project, 'weld.toml'),
    [
      '[[component]]',
      'name = "calc"',
      'language = "rust"',
      'source = "components/calc-rust"',
      'world = "calculator"',
      'target = "wasm32-unknown-unknown"',
      '',
      '[[component]]',
      'name = "format"',
      'language = "go"',
      'source = "components/format-go"',
      'world = "formatter"',
      '',
    ].join('\n'),
  );
});

// CI has the toolchains (.ci/run installs them): there a missing one fails the suite instead of skipping it.
describe.skipIf(!haveToolchains && process.env['CI'] === undefined)('weld build: cache', () => {
  it('builds cold, then does no toolchain work when nothing changed, then rebuilds only what changed', () => {
    const cold = build(['--json']);
    expect(cold.stderr).toBe('');
    expect(cold.status).toBe(0);
    expect(kinds(cold)).toEqual({ calc: 'built', format: 'built' });
    expect(json(cold).components.map((c) => c.steps?.map((s) => s.step))).toEqual([
      ['rustc', 'embed + new'],
      ['go build', 'embed + new'],
    ]);
    expect(calls().some((c) => c.startsWith('rustc '))).toBe(true);
    expect(calls().some((c) => c.startsWith('go build'))).toBe(true);
    for (const name of ['calc', 'format']) {
      expect(readFileSync(join(project, 'out', 'components', `${name}.wasm`)).subarray(0, 8).toString('hex')).toBe('0061736d0d000100');
    }

    // Nothing changed: no rustc, no go, not even a version probe.
    rmSync(log, { force: true });
    const again = build([]);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('calc: up to date (cached) → ');
    expect(again.stdout).toContain('format: up to date (cached) → ');
    expect(again.stdout).toMatch(/^weld build: 2 components: 0 built, 2 up to date in \d+\.\d s/m);
    expect(calls()).toEqual([]);

    // One Rust source changed: calc rebuilds, format does not, go never runs.
    appendFileSync(join(project, 'components', 'calc-rust', 'src', 'lib.rs'), '\n// changed by test/build.test.ts\n');
    const changed = build(['--json']);
    expect(changed.status).toBe(0);
    expect(kinds(changed)).toEqual({ calc: 'built', format: 'cached' });
    expect(calls().filter((c) => c.startsWith('go'))).toEqual([]);
    expect(calls().some((c) => c.startsWith('rustc ') && c.includes('--crate-name calc'))).toBe(true);

    // --force rebuilds what the cache holds; naming a component builds only it.
    const forced = build(['format', '--force', '--json']);
    expect(kinds(forced)).toEqual({ format: 'built' });
  }, 240_000);

  it('shows each step as a plain line when not on a terminal', () => {
    const plain = build(['--force', '--jobs', '1']);
    expect(plain.status).toBe(0);
    const lines = plain.stdout.split('\n');
    expect(lines).toEqual(expect.arrayContaining(['calc: rustc …', 'calc: embed + new …', 'format: go build …', 'format: embed + new …']));
    expect(plain.stdout).toMatch(/^calc: built in \d+\.\d s \(rustc \d+\.\d s, embed \+ new \d+\.\d s\) → .*calc\.wasm \(\d+\.\d KiB\)$/m);
    expect(plain.stdout).toMatch(/\(up to 1 at once\)$/m);
  }, 240_000);
});

describe('weld build: missing toolchains', () => {
  const empty = join(scratch, 'empty-path');

  it('names the command that installs each missing toolchain', () => {
    mkdirSync(empty, { recursive: true });
    const result = run(process.execPath, [bin, 'build', '-p', join(project, 'weld.toml'), '--from-source'], { PATH: empty });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('calc: rustc: not found on PATH; install it with:\n  apt-get install -y rustc libstd-rust-dev-wasm32 lld\n');
    expect(result.stdout).toMatch(/^format: go: not found on PATH.*; install it with:\n {2}curl -fsSL https:\/\/go\.dev\/dl\/go1\.24\.\d+\.linux-\w+\.tar\.gz \| tar -C \/usr\/local -xz/m);
    expect(result.stderr).toBe('error: 2 of 2 components failed to build: calc, format\n');
  });

  it('uses the committed prebuilt components, built from the current sources, and says so', () => {
    // The repository's components, by absolute path, with the output elsewhere.
    const file = join(scratch, 'prebuilt', 'weld.toml');
    mkdirSync(join(scratch, 'prebuilt'), { recursive: true });
    const at = (path: string) => JSON.stringify(join(root, path));
    writeFileSync(
      file,
      [
        '[[component]]', 'name = "calc"', 'language = "rust"', `source = ${at('components/calc-rust')}`, `wit = ${at('wit')}`,
        'world = "calculator"', 'target = "wasm32-unknown-unknown"', `prebuilt = ${at('components/prebuilt/calc.wasm')}`, '',
        '[[component]]', 'name = "format"', 'language = "go"', `source = ${at('components/format-go')}`, `wit = ${at('wit')}`,
        'world = "formatter"', `prebuilt = ${at('components/prebuilt/format.wasm')}`, '',
      ].join('\n'),
    );
    const result = run(process.execPath, [bin, 'build', '-p', file], { PATH: empty });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    for (const [name, tool] of [['calc', 'rustc'], ['format', 'go']] as const) {
      expect(result.stdout).toMatch(
        new RegExp(`^${name}: ${tool} not found on PATH.*; using the committed prebuilt .*components/prebuilt/${name}\\.wasm \\(built from these sources\\)`, 'm'),
      );
      expect(readFileSync(join(scratch, 'prebuilt', 'out', 'components', `${name}.wasm`))).toEqual(
        readFileSync(join(root, 'components', 'prebuilt', `${name}.wasm`)),
      );
    }
    expect(result.stdout).toContain('calc: to build it from source, install rustc: apt-get install -y rustc libstd-rust-dev-wasm32 lld\n');
    expect(result.stdout).toMatch(/^weld build: 2 components: 0 built, 0 up to date, 2 prebuilt in /m);
  });
});

describe('weld build: the WIT folder', () => {
  const dir = join(scratch, 'wit-deps');

  /** A Rust component of world `app` (exporting `weld:dep/counter`) over the WIT files given. */
  function project(files: Record<string, string>): string {
    rmSync(dir, { recursive: true, force: true });
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    mkdirSync(join(dir, 'counter', 'src'), { recursive: true });
    writeFileSync(join(dir, 'counter', 'src', 'lib.rs'), '#[export_name = "weld:dep/counter@0.1.0#next"]\npub extern "C" fn next() -> u32 { 42 }\n');
    writeFileSync(
      join(dir, 'weld.toml'),
      '[[component]]\nname = "app"\nlanguage = "rust"\nsource = "counter"\nwit = "wit"\nworld = "app"\ntarget = "wasm32-unknown-unknown"\n',
    );
    return join(dir, 'weld.toml');
  }

  const counter = 'package weld:dep@0.1.0;\n\ninterface counter {\n  next: func() -> u32;\n}\n';
  const world = (imports: string) => `package weld:app@0.1.0;\n\nworld app {\n${imports}  export weld:dep/counter@0.1.0;\n}\n`;

  // A non-WASI package in deps/ under wkg's NAME-VERSION name (read by the loader `weld wit` and `weld types` use),
  // and a WASI package the folder does not bring along, which comes from jco's copy of exactly that version.
  it.skipIf(toolchains.rustc === undefined && process.env['CI'] === undefined)(
    'builds from a non-WASI package in deps/NAME-VERSION/ and jco\'s copy of the WASI version used',
    () => {
      const file = project({
        'wit/main.wit': world('  import wasi:clocks/monotonic-clock@0.2.12;\n'),
        'wit/deps/weld-dep-0.1.0/counter.wit': counter,
      });
      const result = run(process.execPath, [bin, 'build', '-p', file, '--progress', 'plain'], {
        PATH: `${shims}${delimiter}${process.env['PATH'] ?? ''}`,
      });
      expect(result.stdout).toMatch(/^app: built in /m);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const wit = run(process.execPath, [bin, 'inspect', '--wit', join(dir, 'out', 'components', 'app.wasm')]);
      expect(wit.stdout).toContain('export weld:dep/counter@0.1.0;');
    },
    120_000,
  );

  it('never lets another version of a WASI package stand in for the one used', () => {
    const file = project({
      'wit/main.wit': world('  import wasi:clocks/monotonic-clock@0.2.99;\n'),
      'wit/deps/weld-dep-0.1.0/counter.wit': counter,
    });
    const result = run(process.execPath, [bin, 'build', '-p', file, '--progress', 'plain']);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`app: the WIT at ${join(dir, 'wit')} does not resolve: package 'wasi:clocks@0.2.99' not found`);
  });
});

describe('weld build: the project file', () => {
  it('reports schema violations with the component and key', () => {
    const file = join(scratch, 'bad', 'weld.toml');
    mkdirSync(join(scratch, 'bad'), { recursive: true });
    writeFileSync(file, '[[component]]\nname = "calc"\nlanguage = "cobol"\nsource = "x"\nworld = "w"\ntarget = "x86"\n');
    const result = run(process.execPath, [bin, 'build', '-p', file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`error: ${file}: does not follow the schema (schemas/weld.toml.schema.json)\n`);
    expect(result.stderr).toContain('  component 1 (calc): language: expected one of "rust", "go", "typescript", "javascript"\n');
    expect(result.stderr).toContain('  component 1 (calc): target: expected one of "wasm32-wasi", "wasm32-unknown-unknown"\n');
  });

  it('reports TOML syntax errors with the line and column', () => {
    const file = join(scratch, 'syntax', 'weld.toml');
    mkdirSync(join(scratch, 'syntax'), { recursive: true });
    writeFileSync(file, '[[component]]\nname = "calc\n');
    const result = run(process.execPath, [bin, 'build', '-p', file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^error: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:\\d+: `));
  });

  it('publishes its JSON Schema as schemas/weld.toml.schema.json', async () => {
    const { weldTomlSchema } = await import('@weld/build');
    expect(JSON.parse(readFileSync(join(root, 'schemas', 'weld.toml.schema.json'), 'utf8'))).toEqual(weldTomlSchema);
  });
});
