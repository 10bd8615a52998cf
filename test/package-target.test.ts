/**
 * Components by package name against a real Distribution registry on
 * loopback: components pushed with `weld push` under the references wkg
 * maps `demo:calc@1.x`, `demo:app@1.0.0` and `demo:echo@0.1.0` to, then
 * `weld inspect`, `pull`, `types`, `compose --plug`, `run` and `serve` given
 * `ns:pkg@version` or `ns:pkg` (the newest release) do what they do with the
 * file or the reference. A path that exists
 * wins over a name of the same spelling; a name that cannot be resolved
 * says which registry was tried and which config chose it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { encodeComposition, plug } from '@weld/compose';
import { bin, root, type Run } from './support.js';
import { fileTree } from './support/file-tree.js';
import { startDistribution, type TestRegistry } from './support/registry.js';
import { demoStdout } from './support/demo.js';
import { hostComponent } from './support/components.js';
import { startServer } from './support/weld-host.js';

const fixture = (name: string): string => join(root, 'test', 'fixtures', 'out', `${name}.wasm`);

let scratch: string;
let registry: TestRegistry;
let config: string;
let demo: string;

/** The built weld in `cwd` (scratch by default), with the test's wkg config and no Docker credentials. */
function weldIn(args: readonly string[], cwd: string = scratch, env: NodeJS.ProcessEnv = {}, input?: string): Run {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    input,
    encoding: 'utf8',
    env: { ...process.env, WELD_DEBUG: '', DOCKER_CONFIG: join(scratch, 'no-docker-config'), XDG_CACHE_HOME: join(scratch, 'xdg'), WKG_CONFIG_FILE: config, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error !== undefined) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function ok(args: readonly string[], cwd?: string): Run {
  const result = weldIn(args, cwd);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result;
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'weld-package-target-'));
  mkdirSync(join(scratch, 'no-docker-config'));
  registry = await startDistribution();
  config = join(scratch, 'config.toml');
  writeFileSync(config, `[namespace_registries]\ndemo = "${registry.host}"\n\n[registry."${registry.host}".oci]\nprotocol = "http"\n`);
  const input = (name: string) => ({ name: `${name}.wasm`, bytes: readFileSync(fixture(name)) });
  demo = join(scratch, 'demo.wasm');
  writeFileSync(demo, encodeComposition(plug(input('demo-app'), [input('demo-calc'), input('demo-format')])));
  // demo:calc has 1.0.0 and a newer 1.1.0 (the same component, another title); `latest` is not a version.
  ok(['push', fixture('demo-calc'), `${registry.host}/demo/calc:1.0.0`]);
  ok(['push', fixture('demo-calc'), `${registry.host}/demo/calc:1.1.0`, '--title', 'calc-1.1.wasm']);
  ok(['push', fixture('demo-app'), `${registry.host}/demo/calc:latest`]);
  ok(['push', demo, `${registry.host}/demo/app:1.0.0`]);
  ok(['push', hostComponent('http-echo'), `${registry.host}/demo/echo:0.1.0`]);
}, 120_000);

afterAll(async () => {
  await registry?.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

describe('a component by package name', () => {
  test('weld inspect ns:pkg@1.0.0 inspects the image wkg maps it to', () => {
    const byName = ok(['inspect', 'demo:calc@1.0.0']).stdout;
    expect(byName).toBe(ok(['inspect', `${registry.host}/demo/calc:1.0.0`]).stdout);
    expect(ok(['inspect', '--wit', 'demo:calc@1.0.0']).stdout).toBe(ok(['inspect', '--wit', fixture('demo-calc')]).stdout);
  });

  test('weld pull ns:pkg takes the newest release, and ns:pkg@1.0.0 that version', () => {
    const newest = ok(['pull', 'demo:calc', '-o', join(scratch, 'newest.wasm')]).stdout;
    expect(newest).toContain(`pulled ${registry.host}/demo/calc:1.1.0 (sha256:`);
    expect(readFileSync(join(scratch, 'newest.wasm'))).toEqual(readFileSync(fixture('demo-calc')));
    const exact = ok(['pull', 'demo:calc@1.0.0', '-o', join(scratch, 'layout')]).stdout;
    expect(exact).toContain(`pulled ${registry.host}/demo/calc:1.0.0 (sha256:`);
    expect(exact).toContain('into the layout');
    expect(exact).toContain('as 1.0.0');
  });

  test('weld types ns:pkg@1.0.0 writes what it writes for the file', () => {
    ok(['types', 'demo:calc@1.0.0', '--host', '-o', join(scratch, 'types-name')]);
    ok(['types', fixture('demo-calc'), '--host', '-o', join(scratch, 'types-file')]);
    expect(fileTree(join(scratch, 'types-name'))).toEqual(fileTree(join(scratch, 'types-file')));
  });

  test('weld compose --plug ns:pkg@1.0.0 plugs the component', () => {
    const out = join(scratch, 'composed.wasm');
    ok(['compose', fixture('demo-app'), '--plug', 'demo:calc@1.0.0', '--plug', fixture('demo-format'), '-o', out]);
    const fromFiles = join(scratch, 'composed-files.wasm');
    ok(['compose', fixture('demo-app'), '--plug', fixture('demo-calc'), '--plug', fixture('demo-format'), '-o', fromFiles]);
    expect(ok(['inspect', '--wit', out]).stdout).toBe(ok(['inspect', '--wit', fromFiles]).stdout);
  });

  test('weld run ns:pkg@1.0.0 runs it', () => {
    // The transpile cache is the one under the repository, which the run tests fill for this digest.
    const result = weldIn(['run', 'demo:app@1.0.0', '--', '1.5 * 4', '10 / 4'], scratch, { WELD_CACHE_DIR: join(root, '.weld', 'cache') });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(demoStdout);
    expect(result.status).toBe(0);
  }, 120_000);

  test('weld serve ns:pkg serves its newest release', async () => {
    const server = await startServer(['demo:echo', '--port', '0'], { WKG_CONFIG_FILE: config, DOCKER_CONFIG: join(scratch, 'no-docker-config') });
    try {
      expect(await (await fetch(`${server.url}by/name`)).text()).toBe('hello /by/name\n');
    } finally {
      await server.stop();
    }
  }, 120_000);

  test("the config's auth and protocol reach the registry of a name, for pull and for what reads bytes (types)", async () => {
    const user = { username: 'wkg', password: 'from-the-config' };
    const locked = await startDistribution(user);
    try {
      const pushed = weldIn(['push', fixture('demo-calc'), `${locked.host}/demo/calc:1.0.0`, '-u', user.username, '--password-stdin'], scratch, {}, user.password);
      expect(pushed.status, pushed.stderr).toBe(0);
      const withAuth = join(scratch, 'auth-config.toml');
      writeFileSync(
        withAuth,
        `[namespace_registries]\ndemo = "${locked.host}"\n\n[registry."${locked.host}".oci]\nprotocol = "http"\nauth = { username = "${user.username}", password = "${user.password}" }\n`,
      );
      const pulled = weldIn(['pull', 'demo:calc', '-o', join(scratch, 'auth.wasm')], scratch, { WKG_CONFIG_FILE: withAuth });
      expect(pulled.stderr).toBe('');
      expect(readFileSync(join(scratch, 'auth.wasm'))).toEqual(readFileSync(fixture('demo-calc')));
      const types = weldIn(['types', 'demo:calc@1.0.0', '--host', '-o', join(scratch, 'types-auth')], scratch, { WKG_CONFIG_FILE: withAuth });
      expect(types.stderr).toBe('');
      expect(fileTree(join(scratch, 'types-auth'))).toEqual(fileTree(join(scratch, 'types-file')));
      // Without the config's auth the same name is refused by the registry.
      const withoutAuth = join(scratch, 'no-auth-config.toml');
      writeFileSync(withoutAuth, `[namespace_registries]\ndemo = "${locked.host}"\n`);
      const anonymous = weldIn(['pull', 'demo:calc', '-o', join(scratch, 'anon.wasm')], scratch, { WKG_CONFIG_FILE: withoutAuth });
      expect(anonymous.status).toBe(1);
      expect(anonymous.stderr).toContain(withoutAuth);
    } finally {
      await locked.dispose();
    }
  });

  test('a file of the same name wins', () => {
    const dir = mkdtempSync(join(scratch, 'cwd-'));
    writeFileSync(join(dir, 'demo:calc@1.0.0'), readFileSync(fixture('demo-format')));
    expect(ok(['inspect', '--wit', 'demo:calc@1.0.0'], dir).stdout).toBe(ok(['inspect', '--wit', fixture('demo-format')]).stdout);
  });

  test('a name that cannot be resolved names the package, the registry tried and the config', () => {
    const missing = weldIn(['pull', 'demo:nosuch@1.0.0', '-o', join(scratch, 'x.wasm')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('demo:nosuch@1.0.0');
    expect(missing.stderr).toContain(`${registry.host}/demo/nosuch`);
    expect(missing.stderr).toContain(config);

    const version = weldIn(['inspect', 'demo:calc@2.0.0']);
    expect(version.status).toBe(1);
    expect(version.stderr).toContain(`demo:calc@2.0.0: ${registry.host}/demo/calc has no version 2.0.0`);
    expect(version.stderr).toContain('its versions: 1.1.0, 1.0.0');
    expect(version.stderr).toContain(config);

    const unmapped = weldIn(['run', 'other:pkg@1.0.0']);
    expect(unmapped.status).toBe(1);
    expect(unmapped.stderr).toContain('other:pkg@1.0.0: no registry is configured for the namespace other');
    expect(unmapped.stderr).toContain(config);

    const bad = weldIn(['inspect', 'demo:calc@1.0']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('demo:calc@1.0: the version 1.0 is not semver');
  });
});
