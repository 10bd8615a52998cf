/**
 * `weld types` end to end: the built binary writes declarations for WIT
 * folders and component binaries, the demo app type-checks against them,
 * mistakes are one-line errors, and `--watch` regenerates on WIT changes.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, root, run, wasmTools, weld } from './support.js';

const temp = (name: string): string => mkdtempSync(join(tmpdir(), `weld-types-${name}-`));
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

/** `tsc --strict --noEmit` over every .d.ts under `dir`, as a user would run it. */
function typecheck(dir: string, extra: readonly string[] = []): { status: number | null; stdout: string } {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.d.ts')).map((f) => join(dir, f));
  const result = spawnSync(process.execPath, [tsc, '--strict', '--noEmit', '--target', 'es2022', '--module', 'nodenext', '--types', 'node', ...extra, ...files], { cwd: root, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout };
}

describe('weld types', () => {
  it('writes guest declarations for the repository WIT and lists them', () => {
    const out = temp('app');
    const run = weld('types', 'wit', '--world', 'app', '--guest', '-o', out);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n')).toContain(join(out, 'app.d.ts'));
    expect(readFileSync(join(out, 'imports', 'weld-demo-calc.d.ts'), 'utf8')).toContain("declare module 'weld:demo/calc@0.1.0' {");
    expect(typecheck(out)).toEqual({ status: 0, stdout: '' });
  });

  it('writes host declarations for every world of the repository WIT', () => {
    const out = temp('host');
    for (const world of ['app', 'calculator', 'formatter']) {
      expect(weld('types', 'wit', '--world', world, '--host', '-o', join(out, world)).status).toBe(0);
    }
    expect(typecheck(out)).toEqual({ status: 0, stdout: '' });
  }, 120_000);

  it('reads a component binary and uses its own world', () => {
    for (const fixture of ['rust-calc', 'demo-app']) {
      // Guest modules are ambient and host ones are files: both fit in one tsc run.
      const out = temp(fixture);
      for (const mode of ['guest', 'host']) {
        const run = weld('types', join('test', 'fixtures', 'out', `${fixture}.wasm`), `--${mode}`, '-o', join(out, mode));
        expect(run.stderr).toBe('');
      }
      expect(readFileSync(join(out, 'host', 'root.d.ts'), 'utf8')).toContain('export interface Root {');
      expect(typecheck(out)).toEqual({ status: 0, stdout: '' });
    }
  }, 180_000);

  it('reads the world a core module embeds in its component-type sections, as weld inspect --wit does', () => {
    const dir = temp('embedded');
    const core = join(dir, 'app.core.wasm');
    const embed = run(wasmTools(), ['component', 'embed', '--dummy', join(root, 'wit'), '--world', 'app', '-o', core]);
    expect(embed.stderr).toBe('');
    const out = join(dir, 'out');
    mkdirSync(out);
    for (const mode of ['guest', 'host']) {
      const result = weld('types', core, `--${mode}`, '-o', join(out, mode));
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    }
    expect(readFileSync(join(out, 'host', 'root.d.ts'), 'utf8')).toContain("  'weld:demo/calc': typeof WeldDemoCalc;\n");
    expect(readFileSync(join(out, 'guest', 'root.d.ts'), 'utf8')).toContain("declare module 'root:root/root' {");
    expect(typecheck(out)).toEqual({ status: 0, stdout: '' });
    // A core module without them has no world to generate from.
    const plain = join(dir, 'plain.wasm');
    writeFileSync(join(dir, 'plain.wat'), '(module)');
    expect(run(wasmTools(), ['parse', '-o', plain, join(dir, 'plain.wat')]).status).toBe(0);
    expect(weld('types', plain, '--guest', '-o', out)).toMatchObject({
      status: 1,
      stderr: `error: ${plain}: a core module without \`component-type*\` custom sections has no world; give a component, or embed a world with \`wasm-tools component embed\`\n`,
    });
  });

  it('keeps the demo app in step with its generated declarations, and the app type-checks against them', () => {
    const out = temp('app-ts');
    expect(weld('types', 'wit', '--world', 'app', '--guest', '-o', out).status).toBe(0);
    const committed = join(root, 'components', 'app-ts', 'types');
    for (const file of readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.d.ts'))) {
      expect(readFileSync(join(committed, file), 'utf8'), `components/app-ts/types/${file} is stale: run weld types wit --world app --guest -o components/app-ts/types`)
        .toBe(readFileSync(join(out, file), 'utf8'));
    }
    const check = spawnSync(process.execPath, [tsc, '-p', join(root, 'components', 'app-ts', 'tsconfig.json')], { cwd: root, encoding: 'utf8' });
    expect(check.stdout).toBe('');
    expect(check.status).toBe(0);
  });

  it('reports mistakes in one line', () => {
    const out = temp('errors');
    expect(weld('types', 'wit', '--world', 'app', '-o', out)).toMatchObject({ status: 1, stderr: 'error: choose one of --guest and --host\n' });
    expect(weld('types', 'wit', '--guest', '-o', out)).toMatchObject({
      status: 1, stderr: 'error: wit: the package has several worlds; choose one with --world: app, calculator, formatter\n',
    });
    const missing = weld('types', 'wit', '--world', 'nope', '--host', '-o', out);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^error: wit: no world named 'nope'; known worlds: .*weld:demo\/app@0\.1\.0/u);
    expect(weld('types', 'no-such-dir', '--guest', '-o', out)).toMatchObject({ status: 1, stderr: "error: cannot read 'no-such-dir': no such file or directory\n" });
  });

  it('--watch regenerates when a .wit file changes', async () => {
    const wit = temp('watch-wit');
    cpSync(join(root, 'wit'), wit, { recursive: true });
    const out = temp('watch-out');
    const child = spawn(process.execPath, [bin, 'types', wit, '--world', 'calculator', '--guest', '-o', out, '--watch'], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const until = async (what: () => boolean): Promise<void> => {
      for (let waited = 0; !what(); waited += 50) {
        if (waited > 20_000) throw new Error(`timed out; stdout: ${stdout}\nstderr: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    try {
      await until(() => stderr.includes('watching'));
      const calc = join(wit, 'calc.wit');
      writeFileSync(calc, readFileSync(calc, 'utf8').replace('interface calc {', 'interface calc {\n    /// Added while watching.\n    negate: func(x: f64) -> f64;\n'));
      await until(() => stdout.includes('regenerated'));
      const calcTypes = readFileSync(join(out, 'calculator.d.ts'), 'utf8');
      expect(calcTypes).toContain('export function negate(x: number): number;');
      // A broken edit is reported and watching goes on.
      writeFileSync(calc, 'package weld:demo@0.1.0;\ninterface calc {');
      await until(() => stderr.includes('error:'));
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill();
    }
  });
});

/** A WIT folder in a temp directory: `world.wit` with `text`, and `deps/NAME/` copied from each of `deps`. */
function witFolder(name: string, text: string, deps: Readonly<Record<string, string>> = {}): string {
  const dir = temp(name);
  writeFileSync(join(dir, 'world.wit'), text);
  for (const [dep, from] of Object.entries(deps)) cpSync(from, join(dir, 'deps', dep), { recursive: true });
  return dir;
}

/** `weld types` of `wit` for both sides into one folder, which must type-check under `tsc --strict`. */
function bothSides(wit: string, world: string): string {
  const out = temp(`${world}-out`);
  for (const mode of ['guest', 'host']) {
    const run = weld('types', wit, '--world', world, `--${mode}`, '-o', join(out, mode));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  }
  expect(typecheck(out)).toEqual({ status: 0, stdout: '' });
  return out;
}

describe('weld types: worlds of every shape type-check', () => {
  it('declares a world’s own resources as classes with their functions, beside its own types and functions', () => {
    const wit = witFolder('world-items', `package test:world-items@0.1.0;

interface shapes {
  record point { x: u32, y: u32 }
}

world items {
  use shapes.{point};
  /// A counter the host keeps.
  resource counter {
    constructor(start: u32);
    get: func() -> u32;
    add: func(by: u32);
    zero: static func() -> counter;
  }
  resource token;
  record pair { a: u32, b: string }
  enum mode { fast, slow }
  import make-pair: func(a: u32) -> pair;
  import mint: func(p: point) -> token;
  export tally: func(c: borrow<counter>, t: token, m: mode) -> pair;
}
`);
    const out = bothSides(wit, 'items');
    const guest = readFileSync(join(out, 'guest', 'items.d.ts'), 'utf8');
    expect(guest).not.toContain('[constructor]');
    expect(guest).not.toContain('[method]');
    expect(guest).toContain('  export class Counter implements Disposable {\n    constructor(start: number);\n    get(): number;\n');
    expect(guest).toContain('    static zero(): Counter;\n');
    expect(guest).toContain("declare module 'make-pair' {");
    const host = readFileSync(join(out, 'host', 'items.d.ts'), 'utf8');
    expect(host).toContain('export class Counter {\n  constructor(start: number);\n');
    // jco's instantiate reads a world's own resource as `imports.counter.default`.
    expect(host).toContain('  counter: { default: typeof Counter };\n');
    expect(host).toContain('  token: { default: typeof Token };\n');
    expect(host).not.toContain('[constructor]');
  });

  it('writes names that are TypeScript keywords, or those of its own helper types, as valid declarations', () => {
    const wit = witFolder('keywords', `package test:keywords@0.1.0;

interface %interface {
  record %type { %class: u32, %default: option<option<u32>>, %new: string }
  enum %enum { %default, %class, %function }
  variant %switch { %case(u32), %break }
  flags %const { %let, %var }
  %delete: func(%in: u32, this: %type, %yield: %switch) -> %enum;
  %typeof: func(%void: %const) -> string;
  // Types named like the helpers for results and nested options, used beside them.
  record %result { ok: u32 }
  record %option { some: u32 }
  wrap: func(r: result<%result, string>, o: option<option<%option>>) -> list<result<%option>>;
}

world %class {
  import %interface;
  resource %function {
    constructor(%this: u32);
    %delete: func();
    %new: static func() -> %function;
  }
  import %import: func(%export: u32) -> u32;
  import %default: func() -> %function;
  record %result { %function: string }
  record %option { %class: u32 }
  import %delete: func(x: option<option<%option>>) -> result<u32>;
  export %new: func(%super: %function) -> u32;
  export %if: func(x: option<option<%option>>) -> list<result<%result>>;
  export %export: interface {
    %return: func(%await: u32);
  }
}
`);
    bothSides(wit, 'class');
  });

  it('tells several versions of one interface apart, and keys the host’s imports as jco reads them', () => {
    const builtin = join(root, 'node_modules', '@bytecodealliance', 'jco', 'lib', 'wit', 'builtin');
    const deps: Record<string, string> = {};
    for (const pkg of ['http', 'io', 'clocks', 'random', 'cli', 'filesystem', 'sockets']) deps[`wasi-${pkg}-0.2.12`] = join(builtin, '0.2.12', `wasi-${pkg}`);
    for (const pkg of ['http', 'clocks', 'random', 'cli', 'filesystem', 'sockets']) deps[`wasi-${pkg}-0.3.0`] = join(builtin, '0.3.0', `wasi-${pkg}`);
    const wit = witFolder('versions', `package test:versions@0.1.0;

world versions {
  import wasi:http/types@0.2.12;
  import wasi:http/types@0.3.0-rc-2026-03-15;
  import wasi:http/types@0.3.0;
  export wasi:http/handler@0.3.0;
}
`, deps);
    // A release candidate of wasi:http 0.3.0 beside the release: the same package under another version.
    const rc = join(wit, 'deps', 'wasi-http-0.3.0-rc');
    mkdirSync(rc);
    const http = readFileSync(join(builtin, '0.3.0', 'wasi-http', 'package.wit'), 'utf8');
    writeFileSync(join(rc, 'package.wit'), http.replace('package wasi:http@0.3.0;', 'package wasi:http@0.3.0-rc-2026-03-15;'));
    const out = bothSides(wit, 'versions');
    const host = readFileSync(join(out, 'host', 'versions.d.ts'), 'utf8');
    expect(host).toContain("import type * as WasiHttpTypes0212 from './imports/wasi-http-types.js';");
    expect(host).toContain('import type * as WasiHttpTypes030Rc20260315 from');
    expect(host).toContain('import type * as WasiHttpTypes030 from');
    // jco 1.35's instantiate reads every version of an interface from one object, keyed without version.
    expect(host).toContain("  'wasi:http/types': typeof WasiHttpTypes0212 & typeof WasiHttpTypes030Rc20260315 & typeof WasiHttpTypes030;\n");
  });
});
