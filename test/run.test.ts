/**
 * `weld run` and `weld serve` end to end, through the real CLI binary: stdio
 * and exit codes pass through, capabilities are denied unless granted, and
 * imports nobody granted are refused before anything runs. Components: the
 * demo composition (demo-app + demo-calc + demo-format by @weld/compose), the
 * fixtures wat-wasi, ts-app and js-typed, and four small WAT components from
 * test/fixtures/host/ (cat, env, http-echo, http-faults) built here with
 * wasm-tools.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { encodeComposition, plug } from '@weld/compose';
import { worldNames } from '@weld/host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostComponent, repoRoot } from './support/components.js';
import { startDistribution, type TestRegistry } from './support/registry.js';
import { demoStdout } from './support/demo.js';
import { childEnv, startServer, weld } from './support/weld-host.js';

const fixture = (name: string): string => join(repoRoot, 'test', 'fixtures', 'out', `${name}.wasm`);

let scratch: string;
let demo: string;
let cat: string;
let env: string;
let echo: string;
let faults: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'weld-run-'));
  const input = (name: string) => ({ name: `${name}.wasm`, bytes: readFileSync(fixture(name)) });
  const bytes = encodeComposition(plug(input('demo-app'), [input('demo-calc'), input('demo-format')]));
  // Under the repository (stable path and digest), so the transpile cache serves every run.
  const dir = join(repoRoot, '.weld', 'cache', 'demo');
  mkdirSync(dir, { recursive: true });
  demo = join(dir, `demo-${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}.wasm`);
  if (!existsSync(demo)) {
    writeFileSync(`${demo}.${process.pid}.tmp`, bytes);
    renameSync(`${demo}.${process.pid}.tmp`, demo);
  }
  cat = hostComponent('cat');
  env = hostComponent('env');
  echo = hostComponent('http-echo');
  faults = hostComponent('http-faults');
  mkdirSync(join(scratch, 'data'));
  writeFileSync(join(scratch, 'data', 'hello.txt'), 'hello from the host\nsecond line\n');
}, 120_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('weld run: stdio, arguments and exit codes pass through', () => {
  it('runs the demo composition from a file with the arguments after --', async () => {
    expect(await weld(['run', demo, '--', '1.5 * 4', '10 / 4'])).toEqual({
      stdout: demoStdout,
      stderr: '',
      exitCode: 0,
    });
  });

  it('passes on a failing run as exit code 1', async () => {
    const r = await weld(['run', demo, '--', '10 / 0']);
    expect(r.stdout).toBe('10 / 0: error: Cannot divide by zero.\ntotal = 0 (0 of 1 expressions, accumulated by Rust)\n');
    expect(r.exitCode).toBe(1);
  });

  it('passes stdin through', async () => {
    const text = 'line one\nline two\n'.repeat(1000);
    expect(await weld(['run', cat], { input: text })).toEqual({ stdout: text, stderr: '', exitCode: 0 });
  });

  it('passes on wasi:cli/exit and the guest’s stderr', async () => {
    const r = await weld(['run', cat, '--dir', join(scratch, 'data'), '--', 'missing.txt']);
    expect(r).toEqual({ stdout: '', stderr: 'cat: cannot open missing.txt\n', exitCode: 1 });
  });

  it('runs wat-wasi (which imports wasi:sockets) once the network is granted', async () => {
    expect(await weld(['run', fixture('wat-wasi'), '--allow-net'])).toEqual({
      stdout: 'hello from hand-written WAT\n',
      stderr: '',
      exitCode: 0,
    });
  });
});

describe('weld run: deny by default, grant explicitly', () => {
  it('gives no directory without --dir: the guest says so, weld says which flag', async () => {
    expect(await weld(['run', cat, '--', 'hello.txt'])).toEqual({
      stdout: '',
      stderr:
        'cat: no directory to read from (none was preopened)\n' +
        'weld: note: the component looked for preopened directories and none was granted; grant one with --dir HOST[::GUEST]\n',
      exitCode: 1,
    });
  });

  it('reads the file once --dir grants its directory', async () => {
    const data = join(scratch, 'data');
    const expected = { stdout: 'hello from the host\nsecond line\n', stderr: '', exitCode: 0 };
    expect(await weld(['run', cat, '--dir', data, '--', 'hello.txt'])).toEqual(expected);
    expect(await weld(['run', cat, '--dir', `${data}::/data`, '--', 'hello.txt'])).toEqual(expected);
  });

  it('does not let the guest climb out of a granted directory', async () => {
    const r = await weld(['run', cat, '--dir', join(scratch, 'data'), '--', '../data/hello.txt']);
    expect(r).toEqual({ stdout: '', stderr: 'cat: cannot open ../data/hello.txt\n', exitCode: 1 });
  });

  it('rejects a --dir that does not exist', async () => {
    const r = await weld(['run', cat, '--dir', join(scratch, 'nope'), '--', 'hello.txt']);
    expect(r).toEqual({ stdout: '', stderr: `error: --dir ${join(scratch, 'nope')}: ${join(scratch, 'nope')} does not exist\n`, exitCode: 1 });
  });

  it('shows no environment variable without --env', async () => {
    expect(await weld(['run', env])).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });

  it('shows exactly the variables --env grants', async () => {
    expect(await weld(['run', env, '--env', 'WELD_TEST_SECRET'])).toMatchObject({ stdout: 'WELD_TEST_SECRET=hunter2\n', exitCode: 0 });
    expect(await weld(['run', env, '--env', 'A=1', '--env', 'B=x=y', '--env', 'UNSET_ON_HOST'])).toMatchObject({
      stdout: 'A=1\nB=x=y\n',
      exitCode: 0,
    });
  });

  it('shows the host environment with --inherit-env, --env overriding', async () => {
    const r = await weld(['run', env, '--inherit-env', '--env', 'WELD_TEST_SECRET=changed']);
    expect(r.stdout.split('\n')).toContain('WELD_TEST_SECRET=changed');
    expect(r.stdout.split('\n')).toContain(`PATH=${childEnv.PATH}`);
  });

  it('refuses sockets up front, naming each import and the flag', async () => {
    const r = await weld(['run', fixture('wat-wasi')]);
    expect(r.stdout).toBe('');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      `error: ${fixture('wat-wasi')} imports interfaces weld will not provide without --allow-net; nothing was run\n` +
        [
          'wasi:sockets/network',
          'wasi:sockets/instance-network',
          'wasi:sockets/udp',
          'wasi:sockets/udp-create-socket',
          'wasi:sockets/tcp',
          'wasi:sockets/tcp-create-socket',
          'wasi:sockets/ip-name-lookup',
        ]
          .map((name) => `  ${name}@0.2.12: network access; grant it with --allow-net\n`)
          .join(''),
    );
  });

  it('refuses imports no host provides, pointing at weld compose', async () => {
    expect(await weld(['run', fixture('ts-app')])).toEqual({
      stdout: '',
      stderr:
        `error: ${fixture('ts-app')} imports an interface weld will not provide; nothing was run\n` +
        '  weld:ts-app/kv@0.1.0: not a WASI interface, so no host provides it; plug it with `weld compose` first\n',
      exitCode: 1,
    });
  });

  it('needs no provider for imports that carry only types (js-typed: weld:js-typed/shapes and a world-level `use`)', async () => {
    const typed = fixture('js-typed');
    const world = worldNames(readFileSync(typed), typed);
    // wall-clock too: componentize-js stubs its functions out, and wasi:filesystem/types still uses its `datetime`.
    expect(world.typeOnly).toEqual(['weld:js-typed/shapes@0.1.0', 'wasi:clocks/wall-clock@0.2.12', 'point']);
    expect(world.imports).toEqual(expect.arrayContaining([...(world.typeOnly ?? [])]));
    expect(await weld(['run', typed, '--', '1,2', '4,6', '0,0', '-3,4'])).toEqual({
      stdout: '(1, 2) to (4, 6): 7 cells\n(0, 0) to (-3, 4): 7 cells\n',
      stderr: '',
      exitCode: 0,
    });
  });

  it('says which command fits a component that is not a command', async () => {
    expect(await weld(['run', echo])).toEqual({
      stdout: '',
      stderr:
        `error: ${echo} does not export wasi:cli/run, so \`weld run\` cannot start it (it exports wasi:http/incoming-handler@0.2.12)\n` +
        '  use `weld serve` instead\n',
      exitCode: 1,
    });
    const r = await weld(['serve', fixture('rust-calc'), '--port', '0']);
    expect(r.stderr).toBe(
      `error: ${fixture('rust-calc')} does not export wasi:http/incoming-handler, so \`weld serve\` cannot start it (it exports weld:calc/calc@1.0.0)\n` +
        '  weld runs components that export wasi:cli/run (weld run) or wasi:http/incoming-handler (weld serve)\n',
    );
    expect(r.exitCode).toBe(1);
  });

  it('explains a target that is neither a file nor a reference', async () => {
    expect(await weld(['run', 'no-such.wasm'])).toEqual({
      stdout: '',
      stderr: 'error: no-such.wasm: no such file, and not an OCI reference (expected host[:port]/repository[:tag])\n',
      exitCode: 1,
    });
  });
});

describe('weld run: OCI image layouts and references', () => {
  let registry: TestRegistry;

  beforeAll(async () => {
    registry = await startDistribution();
  }, 60_000);

  afterAll(async () => registry?.dispose());

  const demoOutput =
    '2 * 21 = 42 (computed by Rust, formatted by Go, routed by TypeScript)\n' +
    'total = 42 (1 of 1 expressions, accumulated by Rust)\n';

  it('runs the demo from an image layout', async () => {
    const layout = join(scratch, 'demo-layout');
    expect((await weld(['package', demo, '-o', layout])).exitCode).toBe(0);
    expect(await weld(['run', layout, '--', '2 * 21'])).toEqual({ stdout: demoOutput, stderr: '', exitCode: 0 });
  });

  it('pulls the demo from a pushed reference once, verified and cached by digest', async () => {
    const ref = `${registry.host}/weld-run/demo:1.0`;
    expect((await weld(['push', demo, ref])).exitCode).toBe(0);
    const cacheDir = join(scratch, 'ref-cache');
    const first = await weld(['run', ref, '--', '2 * 21'], { env: { WELD_CACHE_DIR: cacheDir } });
    expect(first).toMatchObject({ stdout: demoOutput, exitCode: 0 });
    const layer = createHash('sha256').update(readFileSync(demo)).digest('hex');
    expect(readdirSync(join(cacheDir, 'blobs', 'sha256'))).toContain(layer);
    expect(readdirSync(join(cacheDir, 'transpile')).map((entry) => entry.split('-')[0])).toEqual([layer]);
    // Second run: only the manifest and config are asked for; the layer and the transpiled code come from the cache.
    expect(await weld(['run', ref, '--', '2 * 21'], { env: { WELD_CACHE_DIR: cacheDir } })).toEqual({ stdout: demoOutput, stderr: '', exitCode: 0 });
  });

  it('does not trust a corrupt cached layer: it fetches the layer again', async () => {
    const ref = `${registry.host}/weld-run/env:1`;
    expect((await weld(['push', env, ref])).exitCode).toBe(0);
    const cacheDir = join(scratch, 'corrupt-cache');
    expect(await weld(['run', ref, '--env', 'K=1'], { env: { WELD_CACHE_DIR: cacheDir } })).toMatchObject({ stdout: 'K=1\n', exitCode: 0 });
    const layer = createHash('sha256').update(readFileSync(env)).digest('hex');
    rmSync(join(cacheDir, 'transpile'), { recursive: true });
    writeFileSync(join(cacheDir, 'blobs', 'sha256', layer), 'not the component');
    expect(await weld(['run', ref, '--env', 'K=2'], { env: { WELD_CACHE_DIR: cacheDir } })).toEqual({ stdout: 'K=2\n', stderr: '', exitCode: 0 });
    expect(createHash('sha256').update(readFileSync(join(cacheDir, 'blobs', 'sha256', layer))).digest('hex')).toBe(layer);
  });

  it('decides from the image config alone that an HTTP handler is not for run', async () => {
    const ref = `${registry.host}/weld-run/echo:1`;
    expect((await weld(['push', echo, ref])).exitCode).toBe(0);
    const cacheDir = join(scratch, 'echo-cache');
    expect(await weld(['run', ref], { env: { WELD_CACHE_DIR: cacheDir } })).toEqual({
      stdout: '',
      stderr: `error: ${ref} does not export wasi:cli/run, so \`weld run\` cannot start it (it exports wasi:http/incoming-handler@0.2.12)\n  use \`weld serve\` instead\n`,
      exitCode: 1,
    });
    // Only the config was fetched, not the layer.
    const layer = createHash('sha256').update(readFileSync(echo)).digest('hex');
    expect(readdirSync(join(cacheDir, 'blobs', 'sha256'))).not.toContain(layer);
  });

  it('serves an HTTP handler from a pushed reference', async () => {
    const server = await startServer([`${registry.host}/weld-run/echo:1`, '--port', '0']);
    try {
      expect(await (await fetch(`${server.url}from/registry`)).text()).toBe('hello /from/registry\n');
    } finally {
      await server.stop();
    }
  });

  it('runs a pushed component whose imports carry only types: the image config does not say so, the layer does', async () => {
    const ref = `${registry.host}/weld-run/js-typed:1`;
    expect((await weld(['push', fixture('js-typed'), ref])).exitCode).toBe(0);
    const cacheDir = join(scratch, 'typed-cache');
    expect(await weld(['run', ref, '--', '1,2', '4,6'], { env: { WELD_CACHE_DIR: cacheDir } })).toEqual({
      stdout: '(1, 2) to (4, 6): 7 cells\n',
      stderr: '',
      exitCode: 0,
    });
  });

  // Last in this group: it stops the registry (and starts it again).
  it('runs a reference pinned by digest from the cache with the registry down; a tag still needs the registry', async () => {
    const tagged = `${registry.host}/weld-run/offline:1`;
    const pushed = await weld(['push', env, tagged, '--json']);
    expect(pushed.exitCode).toBe(0);
    const digest = (JSON.parse(pushed.stdout) as { digest: string }).digest;
    const pinned = `${registry.host}/weld-run/offline@${digest}`;
    const cacheDir = join(scratch, 'offline-cache');
    const run = (ref: string, value: string) => weld(['run', ref, '--env', `K=${value}`], { env: { WELD_CACHE_DIR: cacheDir } });
    // One run by tag pulls and caches the manifest (under its digest), the config and the layer.
    expect(await run(tagged, 'online')).toEqual({ stdout: 'K=online\n', stderr: '', exitCode: 0 });
    const manifest = join(cacheDir, 'blobs', 'sha256', digest.slice('sha256:'.length));
    expect(existsSync(manifest)).toBe(true);
    await registry.stop();
    try {
      expect(await run(pinned, 'offline')).toEqual({ stdout: 'K=offline\n', stderr: '', exitCode: 0 });
      // A tag may have moved: it is not resolved from the cache, and the error says which digest would run.
      expect(await run(tagged, 'x')).toEqual({
        stdout: '',
        stderr:
          `error: ${tagged}: cannot reach the registry to resolve the tag: no registry answers at ${registry.host} (connection refused)\n` +
          `  a tag can move, so weld asks the registry what it names every time; it named ${pinned} when last pulled here, which runs offline\n`,
        exitCode: 1,
      });
      // A cached manifest that no longer hashes to its digest is not used: the registry is asked, and it is down.
      writeFileSync(manifest, '{"schemaVersion":2,"layers":[]}');
      const corrupt = await run(pinned, 'x');
      expect(corrupt).toMatchObject({ stdout: '', exitCode: 1 });
      expect(corrupt.stderr).toMatch(/^error: .*weld-run\/offline@sha256:/);
    } finally {
      await registry.start();
    }
    // With the registry back, the pinned run fetches the manifest again, verified, and caches it.
    expect(await run(pinned, 'again')).toEqual({ stdout: 'K=again\n', stderr: '', exitCode: 0 });
    expect(createHash('sha256').update(readFileSync(manifest)).digest('hex')).toBe(digest.slice('sha256:'.length));
  }, 60_000);
});

describe('weld run: the transpile cache', () => {
  it('transpiles once per component digest and reuses the entry', async () => {
    const cacheDir = join(scratch, 'cache');
    const digest = createHash('sha256').update(readFileSync(env)).digest('hex');
    const first = await weld(['run', env, '--env', 'K=1'], { env: { WELD_CACHE_DIR: cacheDir } });
    expect(first).toEqual({ stdout: 'K=1\n', stderr: '', exitCode: 0 });
    const entries = readdirSync(join(cacheDir, 'transpile'));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatch(new RegExp(`^${digest}-[0-9a-f]{12}$`));
    const manifest = join(cacheDir, 'transpile', entries[0]!, 'manifest.json');
    expect(JSON.parse(readFileSync(manifest, 'utf8'))).toMatchObject({
      js: 'component.js',
      world: { exports: ['wasi:cli/run@0.2.12'] },
    });
    const written = statSync(manifest).mtimeMs;
    // A copy under another name has the same digest: same entry, nothing rewritten.
    const copy = join(scratch, 'env-copy.wasm');
    writeFileSync(copy, readFileSync(env));
    expect(await weld(['run', copy, '--env', 'K=2'], { env: { WELD_CACHE_DIR: cacheDir } })).toMatchObject({ stdout: 'K=2\n', exitCode: 0 });
    expect(readdirSync(join(cacheDir, 'transpile'))).toEqual(entries);
    expect(statSync(manifest).mtimeMs).toBe(written);
  });
});

describe('weld serve', () => {
  it('answers 200 requests from 20 parallel clients, each correctly, on loopback', async () => {
    const server = await startServer([echo, '--port', '0']);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const clients = 20;
      const perClient = 10;
      const results = await Promise.all(
        Array.from({ length: clients }, async (_, client) => {
          const answers: string[] = [];
          for (let i = 0; i < perClient; i++) {
            const path = `client-${client}/request-${i}?q=${client * perClient + i}`;
            const response = await fetch(`${server.url}${path}`);
            answers.push(`${response.status} ${await response.text()}`);
          }
          return answers;
        }),
      );
      const expected = Array.from({ length: clients }, (_, client) =>
        Array.from({ length: perClient }, (_, i) => `200 hello /client-${client}/request-${i}?q=${client * perClient + i}\n`),
      );
      expect(results).toEqual(expected);
    } finally {
      const ended = await server.stop();
      expect(ended.exitCode).toBe(0);
      expect(ended.stderr).toBe(ended.stderr.split('\n')[0] + '\n');
    }
  });

  it('serves a component whose imports carry only types (js-typed)', async () => {
    const server = await startServer([fixture('js-typed'), '--port', '0']);
    try {
      const response = await fetch(`${server.url}?from=1,2&to=4,6`);
      expect([response.status, await response.text()]).toEqual([200, '(1, 2) to (4, 6): 7 cells\n']);
    } finally {
      expect((await server.stop()).exitCode).toBe(0);
    }
  });

  it('says so when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      expect(await weld(['serve', echo, '--port', String(port)])).toEqual({
        stdout: '',
        stderr: `error: cannot listen on 127.0.0.1:${port}: listen EADDRINUSE: address already in use 127.0.0.1:${port}\n`,
        exitCode: 1,
      });
    } finally {
      blocker.close();
    }
  });

  it('answers 500 for a request that traps and serves the next one from a fresh instance', async () => {
    const server = await startServer([faults, '--port', '0']);
    try {
      const trapped = await fetch(`${server.url}trap`);
      expect([trapped.status, await trapped.text()]).toEqual([500, 'the component failed to handle this request\n']);
      const next = await fetch(`${server.url}after`);
      expect([next.status, await next.text()]).toEqual([200, 'hello /after\n']);
    } finally {
      const ended = await server.stop();
      expect(ended.exitCode).toBe(0);
      expect(ended.stderr).toContain(`weld serve: ${faults} trapped handling a request: wasm trap: wasm \`unreachable\` instruction executed\n`);
    }
  });

  it('answers every one of many concurrent requests while trapped instances are replaced', async () => {
    const server = await startServer([faults, '--port', '0']);
    try {
      const paths = Array.from({ length: 80 }, (_, i) => (i % 10 === 3 ? 'trap' : `request-${i}`));
      const answers = await Promise.all(
        paths.map(async (path) => {
          const response = await fetch(`${server.url}${path}`);
          return `${response.status} ${await response.text()}`;
        }),
      );
      // Requests that arrive while an instance is being replaced wait for the new one: none is refused.
      expect(answers).toEqual(
        paths.map((path) => (path === 'trap' ? '500 the component failed to handle this request\n' : `200 hello /${path}\n`)),
      );
      const after = await fetch(`${server.url}after`);
      expect(after.status).toBe(200);
    } finally {
      expect((await server.stop()).exitCode).toBe(0);
    }
  });

  it('answers 502 for a response set to an error value and keeps serving', async () => {
    const server = await startServer([faults, '--port', '0']);
    try {
      const failed = await fetch(`${server.url}error`);
      expect([failed.status, await failed.text()]).toEqual([502, 'the component answered this request with an error\n']);
      const next = await fetch(`${server.url}after`);
      expect([next.status, await next.text()]).toEqual([200, 'hello /after\n']);
    } finally {
      const ended = await server.stop();
      expect(ended.exitCode).toBe(0);
      expect(ended.stderr).toContain(`weld serve: ${faults} answered a request with an error (connection-refused); sent 502\n`);
    }
  });

  it('listens where --host says', async () => {
    const server = await startServer([echo, '--port', '0', '--host', 'localhost']);
    try {
      expect(server.url).toMatch(/^http:\/\/localhost:\d+\/$/);
      expect(await (await fetch(`${server.url}x`)).text()).toBe('hello /x\n');
    } finally {
      await server.stop();
    }
  });
});
