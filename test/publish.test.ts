/**
 * `weld publish` against a real Distribution registry on loopback, with a
 * wkg config.toml both tools share: a WIT folder (encoded on the fly) and a
 * component are published by name, `wkg get` reads back the very bytes,
 * `weld wit fetch` finds the package, the project's `[metadata]` becomes
 * the annotations, an existing version is kept unless `--overwrite`, and a
 * bad `--name` or a component without one is refused before anything is sent.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bin, run, runAsync, type Run } from './support.js';
import { findTool, startDistribution, type TestRegistry } from './support/registry.js';
import { wasmToolsPath } from './support/wasm-tools.js';
import { fixture } from './support/demo.js';

const greetWit = `package demo:greet@1.2.0;

/// Greetings.
interface greeter {
  greet: func(name: string) -> string;
}

world hello {
  export greeter;
}
`;

let scratch: string;
let registry: TestRegistry;
let config: string;

/** Runs weld in `cwd` without blocking this process (the registry is a child of it). */
function weldIn(cwd: string, args: readonly string[]): Promise<Run> {
  return runAsync(process.execPath, [bin, ...args], cwd, { ...process.env, WELD_DEBUG: '', DOCKER_CONFIG: join(scratch, 'no-docker-config'), XDG_CACHE_HOME: join(scratch, 'cache'), WKG_CONFIG_FILE: config, SOURCE_DATE_EPOCH: '1767225600' });
}

/** `wkg get PACKAGE -o FILE` with the shared config; returns the bytes it wrote. */
function wkgGet(pkg: string, name: string): Buffer {
  const wkg = findTool('wkg');
  expect(wkg, 'wkg is installed (~/.cargo/bin/wkg)').toBeDefined();
  const out = join(scratch, `${name}.wasm`);
  const got = spawnSync(wkg!, ['get', pkg, '-o', out, '--overwrite'], {
    cwd: scratch,
    encoding: 'utf8',
    env: { ...process.env, WKG_CONFIG_FILE: config, DOCKER_CONFIG: join(scratch, 'no-docker-config'), XDG_CACHE_HOME: join(scratch, 'wkg-cache') },
  });
  expect(got.status, got.stderr).toBe(0);
  return readFileSync(out);
}

/** A WIT project: `wit/greet.wit` and a `wkg.toml` with `[metadata]`. */
function project(): string {
  const dir = mkdtempSync(join(scratch, 'project-'));
  mkdirSync(join(dir, 'wit'));
  writeFileSync(join(dir, 'wit', 'greet.wit'), greetWit);
  writeFileSync(join(dir, 'wkg.toml'), '[metadata]\ndescription = "Greetings"\nlicense = "Apache-2.0"\nrepository = "https://example.com/greet"\nhomepage = "https://example.com"\n');
  return dir;
}

/** The manifest of `repository:tag`, as the registry serves it. */
async function manifest(repository: string, tag: string): Promise<{ annotations: Record<string, string>; config: { mediaType: string }; layers: { mediaType: string; annotations: Record<string, string> }[] }> {
  const response = await fetch(`http://${registry.host}/v2/${repository}/manifests/${tag}`, { headers: { accept: 'application/vnd.oci.image.manifest.v1+json' } });
  expect(response.status).toBe(200);
  return (await response.json()) as never;
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'weld-publish-'));
  mkdirSync(join(scratch, 'no-docker-config'));
  registry = await startDistribution();
  config = join(scratch, 'config.toml');
  writeFileSync(config, `[namespace_registries]\ndemo = "${registry.host}"\n\n[registry."${registry.host}".oci]\nprotocol = "http"\n`);
});

afterAll(async () => {
  await registry?.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

describe('weld publish', () => {
  test('a WIT folder, encoded on the fly: wkg get reads back the bytes wasm-tools encodes, with the project\'s metadata as annotations', async () => {
    const dir = project();
    const published = await weldIn(dir, ['publish', 'wit']);
    expect(published.stderr).toBe('');
    expect(published.status).toBe(0);
    expect(published.stdout).toMatch(new RegExp(`^published demo:greet@1\\.2\\.0 as ${registry.host}/demo/greet:1\\.2\\.0@sha256:[0-9a-f]{64}\\n$`, 'u'));

    const encoded = join(scratch, 'greet-reference.wasm');
    const made = run(wasmToolsPath(), ['component', 'wit', '--wasm', join(dir, 'wit'), '-o', encoded]);
    expect(made.status, made.stderr).toBe(0);
    expect(wkgGet('demo:greet@1.2.0', 'greet-got').equals(readFileSync(encoded))).toBe(true);

    const m = await manifest('demo/greet', '1.2.0');
    expect(m.config.mediaType).toBe('application/vnd.wasm.config.v0+json');
    expect(m.layers.map((l) => l.mediaType)).toEqual(['application/wasm']);
    expect(m.layers[0]!.annotations['org.opencontainers.image.title']).toBe('greet.wasm');
    expect(m.annotations).toMatchObject({
      'org.opencontainers.image.version': '1.2.0',
      'org.opencontainers.image.description': 'Greetings',
      'org.opencontainers.image.licenses': 'Apache-2.0',
      'org.opencontainers.image.source': 'https://example.com/greet',
      'org.opencontainers.image.url': 'https://example.com',
    });

    // weld wit fetch finds it by name from the same config.
    const user = mkdtempSync(join(scratch, 'user-'));
    mkdirSync(join(user, 'wit'));
    writeFileSync(join(user, 'wit', 'app.wit'), 'package demo:app;\n\nworld app {\n  import demo:greet/greeter@1.2.0;\n}\n');
    const fetched = await weldIn(user, ['wit', 'fetch']);
    expect(fetched.stderr).toBe('');
    expect(fetched.stdout).toContain(`demo:greet@1.2.0  ${registry.host}/demo/greet:1.2.0  sha256:`);
    expect(readFileSync(join(user, 'wit', 'deps', 'demo-greet-1.2.0', 'package.wit'), 'utf8')).toContain('greet: func(name: string) -> string;');
  });

  test('an existing version is refused (exit 1, nothing pushed) unless --overwrite', async () => {
    const dir = project();
    writeFileSync(join(dir, 'wit', 'greet.wit'), greetWit.replace('@1.2.0', '@1.3.0'));
    expect((await weldIn(dir, ['publish', 'wit'])).status).toBe(0);
    const before = await manifest('demo/greet', '1.3.0');
    writeFileSync(join(dir, 'wkg.toml'), '[metadata]\ndescription = "Greetings, again"\n');
    const again = await weldIn(dir, ['publish', 'wit']);
    expect(again.status).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain(`error: demo:greet@1.3.0: ${registry.host}/demo/greet:1.3.0 exists already`);
    expect(again.stderr).toContain('--overwrite');
    expect(await manifest('demo/greet', '1.3.0')).toEqual(before);
    const forced = await weldIn(dir, ['publish', 'wit', '--overwrite']);
    expect(forced.stderr).toBe('');
    expect(forced.status).toBe(0);
    expect((await manifest('demo/greet', '1.3.0')).annotations['org.opencontainers.image.description']).toBe('Greetings, again');
  });

  test('a WIT package binary weld wit build wrote, under its own name: wkg get reads back its bytes', async () => {
    const dir = project();
    writeFileSync(join(dir, 'wit', 'greet.wit'), greetWit.replace('@1.2.0', '@2.0.0'));
    const built = await weldIn(dir, ['wit', 'build', 'wit', '-o', 'greet.wasm']);
    expect(built.status, built.stderr).toBe(0);
    const published = await weldIn(dir, ['publish', 'greet.wasm']);
    expect(published.stderr).toBe('');
    expect(published.stdout).toMatch(/^published demo:greet@2\.0\.0 as /u);
    expect(wkgGet('demo:greet@2.0.0', 'greet2-got').equals(readFileSync(join(dir, 'greet.wasm')))).toBe(true);
  });

  test('a component needs --name (its package is root:component, without a version); with one, wkg get reads back its bytes', async () => {
    const component = fixture('rust-calc');
    const unnamed = await weldIn(scratch, ['publish', component]);
    expect(unnamed.status).toBe(1);
    expect(unnamed.stderr).toContain('no version in the package root:component');
    expect(unnamed.stderr).toContain('a component names no package of its own: give --name NAMESPACE:NAME@VERSION');

    const published = await weldIn(scratch, ['publish', component, '--name', 'demo:calc@0.1.0']);
    expect(published.stderr).toBe('');
    expect(published.status).toBe(0);
    expect(wkgGet('demo:calc@0.1.0', 'calc-got').equals(readFileSync(component))).toBe(true);
    expect((await manifest('demo/calc', '0.1.0')).layers[0]!.annotations['org.opencontainers.image.title']).toBe('calc.wasm');
  });

  test('a WIT package that breaks the previous compatible release is refused with what it breaks, unless --skip-semver-check', async () => {
    const shapes = (version: string, funcs: string): string => `package demo:shapes@${version};\n\ninterface area {\n${funcs}}\n`;
    const dir = mkdtempSync(join(scratch, 'shapes-'));
    mkdirSync(join(dir, 'wit'));
    const publish = async (version: string, funcs: string, ...flags: string[]): Promise<Run> => {
      writeFileSync(join(dir, 'wit', 'shapes.wit'), shapes(version, funcs));
      return weldIn(dir, ['publish', 'wit', ...flags]);
    };
    const both = '  square: func(side: f64) -> f64;\n  circle: func(radius: f64) -> f64;\n';
    expect((await publish('1.0.0', both)).status).toBe(0);
    // Adding a function in a minor release keeps every promise 1.0.0 made.
    const added = await publish('1.1.0', `${both}  triangle: func(base: f64, height: f64) -> f64;\n`);
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);

    const removed = await publish('1.2.0', '  square: func(side: f64) -> f64;\n');
    expect(removed.status).toBe(1);
    expect(removed.stdout).toBe('');
    expect(removed.stderr).toContain('error: demo:shapes@1.2.0 is not semver-compatible with 1.1.0, the release before it:');
    expect(removed.stderr).toMatch(/circle/u);
    expect(removed.stderr).toContain('--skip-semver-check');
    const missing = await fetch(`http://${registry.host}/v2/demo/shapes/manifests/1.2.0`, { method: 'HEAD', headers: { accept: 'application/vnd.oci.image.manifest.v1+json' } });
    expect(missing.status).toBe(404);

    // A new major version promises nothing; --skip-semver-check publishes anyway.
    expect((await publish('2.0.0', '  square: func(side: f64) -> f64;\n')).status).toBe(0);
    const forced = await publish('1.2.0', '  square: func(side: f64) -> f64;\n', '--skip-semver-check');
    expect(forced.stderr).toBe('');
    expect(forced.status).toBe(0);
  });

  test.each([
    ['Demo:calc@1.0.0', 'the namespace "Demo" is not a label'],
    ['demo:calc', 'the version is missing'],
    ['demo:calc@1.0', 'the version is not semver'],
    ['demo/calc@1.0.0', 'not a package name'],
  ])('a bad --name %s is refused before anything is read or sent', async (name, why) => {
    const published = await weldIn(scratch, ['publish', fixture('rust-calc'), '--name', name]);
    expect(published.status).toBe(1);
    expect(published.stderr).toContain(`error: --name ${name}: ${why}`);
  });
});
