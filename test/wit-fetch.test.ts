/**
 * `weld wit fetch` / `weld wit update` against a real Distribution registry
 * on loopback: WIT packages encoded by wasm-tools and published as wkg
 * publishes them (the CNCF Wasm artifact: `application/vnd.wasm.config.v0+json`
 * config, one `application/wasm` layer), a wkg config.toml with a namespace
 * mapping, `.well-known` discovery from a small HTTP server, the lock and the
 * cache offline, and every bad input refused with nothing written.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bin, root, run, runAsync, type Run } from './support.js';
import { fileTree } from './support/file-tree.js';
import { findTool, freePort, startDistribution, type TestRegistry } from './support/registry.js';
import { wasmToolsPath } from './support/wasm-tools.js';

const ioWit = `package demo:io@0.2.0;

/// Byte streams.
interface streams {
  resource input-stream {
    read: func(len: u64) -> list<u8>;
  }
}

interface error {
  resource error;
}
`;

const httpWit = `package demo:http@0.2.1;

interface types {
  use demo:io/streams@0.2.0.{input-stream};
  get: func(s: borrow<input-stream>) -> string;
}

world proxy {
  import types;
}
`;

const appWit = `package demo:app;

world app {
  import demo:http/types@0.2.1;
  import demo:io/error@0.2.0;
}
`;

let scratch: string;
let registry: TestRegistry;
/** Encoded packages, by name. */
const encoded = new Map<string, string>();

/** Runs weld in `cwd` without blocking this process (the test's HTTP server must keep answering). */
function weldIn(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return runAsync(process.execPath, [bin, ...args], cwd, { ...process.env, WELD_DEBUG: '', DOCKER_CONFIG: join(scratch, 'no-docker-config'), XDG_CACHE_HOME: join(cwd, 'cache'), WKG_CONFIG_FILE: '', ...env });
}

/** Encodes the WIT folder `files` (main package, then deps by folder) with wasm-tools into `name.wasm`. */
function encode(name: string, main: string, deps: Readonly<Record<string, string>> = {}): string {
  const dir = join(scratch, 'src', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.wit'), main);
  for (const [folder, text] of Object.entries(deps)) {
    mkdirSync(join(dir, 'deps', folder), { recursive: true });
    writeFileSync(join(dir, 'deps', folder, 'package.wit'), text);
  }
  const out = join(scratch, `${name}.wasm`);
  const made = run(wasmToolsPath(), ['component', 'wit', '--wasm', dir, '-o', out]);
  expect(made.status, made.stderr).toBe(0);
  encoded.set(name, out);
  return out;
}

/** Publishes `file` as the Wasm artifact under `repository:tag`, with weld's push (the artifact wkg publish pushes). */
async function publish(file: string, reference: string, extra: readonly string[] = []): Promise<void> {
  const pushed = await weldIn(scratch, ['push', file, `${registry.host}/${reference}`, ...extra], { SOURCE_DATE_EPOCH: '1767225600' });
  expect(pushed.status, pushed.stderr).toBe(0);
}

/** Publishes the WIT package `file` under its own name: with `wkg publish` when wkg is installed, else as {@link publish} does. */
async function publishPackage(file: string, repository: string, version: string): Promise<void> {
  const wkg = findTool('wkg');
  if (wkg === undefined) return publish(file, `${repository}:${version}`);
  const config = join(scratch, 'publish-config.toml');
  writeFileSync(config, mapped().replace('[namespace_registries]\n', `[namespace_registries]\nwasi = "${registry.host}"\n`));
  const published = spawnIn(wkg, ['publish', file], scratch, { WKG_CONFIG_FILE: config, DOCKER_CONFIG: join(scratch, 'no-docker-config') });
  expect(published.status, published.stderr).toBe(0);
}

/** A fresh project: `wit/app.wit` (or `wit` given) and a config.toml mapping `demo` as `config` says. */
function project(config: string, wit: string = appWit): string {
  const dir = mkdtempSync(join(scratch, 'project-'));
  mkdirSync(join(dir, 'wit'));
  writeFileSync(join(dir, 'wit', 'app.wit'), wit);
  writeFileSync(join(dir, 'config.toml'), config);
  return dir;
}

const mapped = () => `[namespace_registries]\ndemo = "${registry.host}"\n\n[registry."${registry.host}".oci]\nprotocol = "http"\n`;

/** What `wasm-tools component wit --out-dir` writes for a package's own file: the package printed alone, as wkg writes it. */
function printedAlone(name: string, file: string): string {
  const out = join(scratch, 'printed', name);
  const made = run(wasmToolsPath(), ['component', 'wit', encoded.get(name)!, '--out-dir', out]);
  expect(made.status, made.stderr).toBe(0);
  return readFileSync(join(out, file), 'utf8');
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'weld-wit-fetch-'));
  mkdirSync(join(scratch, 'no-docker-config'));
  registry = await startDistribution();
  await publishPackage(encode('io', ioWit), 'demo/io', '0.2.0');
  await publishPackage(encode('http', httpWit, { io: ioWit }), 'demo/http', '0.2.1');
  // Tags that are not versions are ignored when versions are listed.
  await publish(encoded.get('http')!, 'demo/http:latest');
  await publish(encoded.get('http')!, 'demo/http:dev-build');
});

afterAll(async () => {
  await registry?.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

describe('weld wit fetch', () => {
  test('fills deps/ from the registry a namespace mapping names, as wkg does, and the folder resolves', async () => {
    const dir = project(mapped());
    const fetched = await weldIn(dir, ['wit', 'fetch', '--config', 'config.toml']);
    expect(fetched.stderr).toBe('');
    expect(fetched.status).toBe(0);
    expect(fetched.stdout).toContain(`demo:http@0.2.1  ${registry.host}/demo/http:0.2.1  sha256:`);
    expect(fetched.stdout).toContain('wrote wit/deps (2 packages: demo-http-0.2.1, demo-io-0.2.0) and wkg.lock');
    const deps = fileTree(join(dir, 'wit', 'deps'));
    expect(Object.keys(deps).sort()).toEqual(['demo-http-0.2.1/package.wit', 'demo-io-0.2.0/package.wit']);
    // Each package printed alone, byte for byte as wit-component's printer writes it.
    expect(deps['demo-http-0.2.1/package.wit']).toBe(printedAlone('http', 'http.wit'));
    expect(deps['demo-io-0.2.0/package.wit']).toBe(printedAlone('io', 'io.wit'));
    // No staging folder is left behind.
    expect(readdirSync(join(dir, 'wit')).sort()).toEqual(['app.wit', 'deps']);

    const lock = readFileSync(join(dir, 'wkg.lock'), 'utf8');
    const digest = (name: string) => `sha256:${run('sha256sum', [encoded.get(name)!]).stdout.split(' ')[0]}`;
    expect(lock).toBe(
      '# This file is automatically generated.\n# It is not intended for manual editing.\nversion = 1\n\n' +
        `[[packages]]\nname = "demo:http"\nregistry = "${registry.host}"\n\n[[packages.versions]]\nrequirement = "=0.2.1"\nversion = "0.2.1"\ndigest = "${digest('http')}"\n\n` +
        `[[packages]]\nname = "demo:io"\nregistry = "${registry.host}"\n\n[[packages.versions]]\nrequirement = "=0.2.0"\nversion = "0.2.0"\ndigest = "${digest('io')}"\n`,
    );

    const weldWit = await weldIn(dir, ['wit', 'wit']);
    expect(weldWit.stderr).toBe('');
    const reference = run(wasmToolsPath(), ['component', 'wit', join(dir, 'wit')]);
    expect(reference.status, reference.stderr).toBe(0);
    expect(weldWit.stdout).toBe(reference.stdout);
    expect(weldWit.stdout).toContain('import demo:io/error@0.2.0;');
  });

  test('with the lock and the registry stopped, a second fetch works offline from the cache', async () => {
    const dir = project(mapped());
    expect((await weldIn(dir, ['wit', 'fetch', '--config', 'config.toml'])).status).toBe(0);
    const before = fileTree(join(dir, 'wit', 'deps'));
    const lock = readFileSync(join(dir, 'wkg.lock'), 'utf8');
    rmSync(join(dir, 'wit', 'deps'), { recursive: true });
    await registry.stop();
    try {
      const again = await weldIn(dir, ['wit', 'fetch', '--config', 'config.toml']);
      expect(again.stderr).toBe('');
      expect(again.status).toBe(0);
      expect(again.stdout).toMatch(/^demo:http@0\.2\.1 {2}cached {2}sha256:/mu);
      expect(fileTree(join(dir, 'wit', 'deps'))).toEqual(before);
      expect(readFileSync(join(dir, 'wkg.lock'), 'utf8')).toBe(lock);

      // Without the lock, the error names the package, the address tried and the config that chose it.
      rmSync(join(dir, 'wkg.lock'));
      rmSync(join(dir, 'wit', 'deps'), { recursive: true });
      const offline = await weldIn(dir, ['wit', 'fetch', '--config', 'config.toml']);
      expect(offline.status).toBe(1);
      expect(offline.stderr).toContain(`error: demo:http@0.2.1: ${registry.host}/demo/http: tags: no registry answers at ${registry.host} (connection refused)`);
      expect(offline.stderr).toContain(`the registry ${registry.host} comes from namespace_registries.demo (config: config.toml)`);
      expect(offline.stderr).not.toContain('internal error');
      expect(existsSync(join(dir, 'wit', 'deps'))).toBe(false);
      expect(existsSync(join(dir, 'wkg.lock'))).toBe(false);
    } finally {
      await registry.start();
    }
  });

  test('finds the OCI registry and prefix in /.well-known/wasm-pkg/registry.json served on loopback', async () => {
    await publish(encoded.get('io')!, 'webassembly/demo/io:0.2.0');
    await publish(encoded.get('http')!, 'webassembly/demo/http:0.2.1');
    let asked = 0;
    const server: Server = createServer((request, response) => {
      asked++;
      if (request.url !== '/.well-known/wasm-pkg/registry.json') {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ preferredProtocol: 'oci', oci: { registry: registry.host, namespacePrefix: 'webassembly/' } }));
    });
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    try {
      const dir = project(`[namespace_registries]\ndemo = "localhost:${port}"\n`);
      const fetched = await weldIn(dir, ['wit', 'fetch', '--config', 'config.toml']);
      expect(fetched.stderr).toBe('');
      expect(fetched.stdout).toContain(`demo:io@0.2.0  ${registry.host}/webassembly/demo/io:0.2.0  sha256:`);
      // Asked once for both packages of the namespace.
      expect(asked).toBe(1);
      expect(readFileSync(join(dir, 'wkg.lock'), 'utf8')).toContain(`name = "demo:io"\nregistry = "localhost:${port}"\n`);
      expect(Object.keys(fileTree(join(dir, 'wit', 'deps'))).sort()).toEqual(['demo-http-0.2.1/package.wit', 'demo-io-0.2.0/package.wit']);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('the deprecated registry.json keys and inline metadata in the config map names the same way', async () => {
    const dir = project(`[namespace_registries]\ndemo = { registry = "example.invalid", metadata = { ociRegistry = "${registry.host}", ociNamespacePrefix = "webassembly/" } }\n`);
    const fetched = await weldIn(dir, ['wit', 'fetch', '--config', 'config.toml']);
    expect(fetched.stderr).toBe('');
    expect(fetched.stdout).toContain(`${registry.host}/webassembly/demo/http:0.2.1`);
    expect(readFileSync(join(dir, 'wkg.lock'), 'utf8')).toContain('registry = "example.invalid"');
  });

  test('weld wit update moves the lock to what the registry holds now; fetch refuses the changed digest', async () => {
    const dir = project(`[namespace_registries]\ndemo = "${registry.host}"\n`, 'package demo:app;\n\nworld app {\n  import demo:moving/api@1.0.0;\n}\n');
    await publishPackage(encode('moving-a', 'package demo:moving@1.0.0;\n\ninterface api {\n  f: func();\n}\n'), 'demo/moving', '1.0.0');
    expect((await weldIn(dir, ['wit', 'fetch', '--config', 'config.toml'])).status).toBe(0);
    const first = readFileSync(join(dir, 'wkg.lock'), 'utf8');
    // The same version pushed again with other content.
    await publish(encode('moving-b', 'package demo:moving@1.0.0;\n\ninterface api {\n  f: func();\n  g: func();\n}\n'), 'demo/moving:1.0.0');
    rmSync(join(dir, 'cache'), { recursive: true });
    const refused = await weldIn(dir, ['wit', 'fetch', '--config', 'config.toml']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/error: demo:moving@1\.0\.0: .*demo\/moving:1\.0\.0 has digest sha256:[0-9a-f]{64}, but the lock file specifies digest sha256:/u);
    expect(readFileSync(join(dir, 'wkg.lock'), 'utf8')).toBe(first);
    expect(readFileSync(join(dir, 'wit', 'deps', 'demo-moving-1.0.0', 'package.wit'), 'utf8')).not.toContain('g: func');

    const updated = await weldIn(dir, ['wit', 'update', '--config', 'config.toml']);
    expect(updated.stderr).toBe('');
    expect(updated.status).toBe(0);
    expect(readFileSync(join(dir, 'wkg.lock'), 'utf8')).not.toBe(first);
    expect(readFileSync(join(dir, 'wit', 'deps', 'demo-moving-1.0.0', 'package.wit'), 'utf8')).toContain('g: func');
  });
});

describe('a realistic project: WASI 0.2 from jco\'s npm tree', () => {
  test('published to the registry, a folder naming only wasi:http/proxy fetches, resolves as wasm-tools resolves it, gets types, and builds into a component weld serve runs', async () => {
    const builtin = join(root, 'node_modules', '@bytecodealliance', 'jco', 'lib', 'wit', 'builtin', '0.2.12');
    const folders = readdirSync(builtin).filter((f) => f.startsWith('wasi-')).sort();
    const texts = Object.fromEntries(folders.map((f) => [f, readFileSync(join(builtin, f, 'package.wit'), 'utf8')]));
    for (const folder of folders) {
      const deps = Object.fromEntries(Object.entries(texts).filter(([f]) => f !== folder));
      await publishPackage(encode(folder, texts[folder]!, deps), `wasi/${folder.slice('wasi-'.length)}`, '0.2.12');
    }
    const dir = project(`[namespace_registries]\nwasi = "${registry.host}"\n\n[registry."${registry.host}".oci]\nprotocol = "http"\n`, 'package demo:server;\n\nworld server {\n  include wasi:http/proxy@0.2.12;\n}\n');
    const fetched = await weldIn(dir, ['wit', 'fetch', '--config', 'config.toml']);
    expect(fetched.stderr).toBe('');
    expect(fetched.stdout).toContain(`wasi:http@0.2.12  ${registry.host}/wasi/http:0.2.12  sha256:`);
    const deps = readdirSync(join(dir, 'wit', 'deps')).sort();
    expect(deps).toContain('wasi-http-0.2.12');
    expect(deps).toContain('wasi-io-0.2.12');
    const weldWit = await weldIn(dir, ['wit', 'wit']);
    expect(weldWit.stderr).toBe('');
    const reference = run(wasmToolsPath(), ['component', 'wit', join(dir, 'wit')]);
    expect(reference.status, reference.stderr).toBe(0);
    expect(weldWit.stdout).toBe(reference.stdout);
    const wkg = findTool('wkg');
    if (wkg !== undefined) {
      // wkg, from nothing, writes the same deps/ and lock.
      const weldDeps = fileTree(join(dir, 'wit', 'deps'));
      const weldLock = readFileSync(join(dir, 'wkg.lock'), 'utf8');
      rmSync(join(dir, 'wit', 'deps'), { recursive: true });
      rmSync(join(dir, 'wkg.lock'));
      const theirs = spawnIn(wkg, ['wit', 'fetch'], dir, { WKG_CONFIG_FILE: join(dir, 'config.toml'), WKG_CACHE_DIR: join(dir, 'wkg-cache') });
      expect(theirs.status, theirs.stderr).toBe(0);
      expect(fileTree(join(dir, 'wit', 'deps'))).toEqual(weldDeps);
      expect(readFileSync(join(dir, 'wkg.lock'), 'utf8')).toBe(weldLock);
    }
    const types = await weldIn(dir, ['types', 'wit', '--host', '-o', 'types']);
    expect(types.status, types.stderr).toBe(0);
    expect(readdirSync(join(dir, 'types')).length).toBeGreaterThan(0);

    // weld build makes a component of the fetched world, and weld serve answers HTTP with it.
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'hello.js'), helloHandler);
    writeFileSync(
      join(dir, 'weld.toml'),
      '[[component]]\nname = "server"\nlanguage = "javascript"\nsource = "src"\nentry = "hello.js"\nwit = "wit"\nworld = "server"\ndisable-features = ["random", "clocks", "fetch-event"]\n',
    );
    const built = await weldIn(dir, ['build', '--progress', 'plain']);
    expect(built.status, built.stderr).toBe(0);
    const component = join(dir, 'out', 'components', 'server.wasm');
    expect(run(wasmToolsPath(), ['validate', component]).status).toBe(0);
    expect(await served(component, '/from/wkg?fetch=1')).toBe('hello from /from/wkg?fetch=1\n');
  }, 240_000);
});

/** An HTTP handler of world `wasi:http/proxy`, as a componentize-js guest writes it. */
const helloHandler = `import { Fields, OutgoingBody, OutgoingResponse, ResponseOutparam } from 'wasi:http/types@0.2.12';

const encoder = new TextEncoder();

export const incomingHandler = {
  handle(request, out) {
    const response = new OutgoingResponse(Fields.fromList([['content-type', encoder.encode('text/plain')]]));
    response.setStatusCode(200);
    const body = response.body();
    const stream = body.write();
    stream.blockingWriteAndFlush(encoder.encode(\`hello from \${request.pathWithQuery()}\\n\`));
    stream[Symbol.dispose]();
    OutgoingBody.finish(body, undefined);
    ResponseOutparam.set(out, { tag: 'ok', val: response });
  },
};
`;

/** Serves `component` with `weld serve` (the proxy world imports outgoing-handler: --allow-net), GETs `path`, and stops it. */
async function served(component: string, path: string): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, [bin, 'serve', component, '-p', String(port), '--allow-net'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    // weld serve says where it listens on stderr, once it does.
    await new Promise<void>((resolve, reject) => {
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
        if (stderr.includes('listening on')) resolve();
      });
      child.on('close', (status) => reject(new Error(`weld serve exited with ${status}: ${stderr}`)));
    });
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    expect(response.status).toBe(200);
    return await response.text();
  } finally {
    child.kill('SIGTERM');
  }
}

describe('weld wit fetch refuses bad input, writing nothing into deps/', () => {
  /** Runs a fetch in a project whose deps/ holds a marker, and checks the failure left deps/ and the lock alone. */
  async function refused(wit: string, config = mapped(), lock?: string): Promise<string> {
    const dir = project(config, wit);
    mkdirSync(join(dir, 'wit', 'deps', 'kept'), { recursive: true });
    writeFileSync(join(dir, 'wit', 'deps', 'kept', 'marker.wit'), 'package kept:marker;\n');
    if (lock !== undefined) writeFileSync(join(dir, 'wkg.lock'), lock);
    const result = await weldIn(dir, ['wit', 'fetch', '--config', 'config.toml']);
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toContain('internal error');
    expect(fileTree(join(dir, 'wit'))).toEqual({ 'app.wit': wit, 'deps/kept/marker.wit': 'package kept:marker;\n' });
    expect(lock === undefined ? existsSync(join(dir, 'wkg.lock')) : readFileSync(join(dir, 'wkg.lock'), 'utf8')).toBe(lock ?? false);
    return result.stderr;
  }

  const uses = (pkg: string) => `package demo:app;\n\nworld app {\n  import ${pkg};\n}\n`;

  test('a package whose tags are not versions has no release', async () => {
    await publish(encoded.get('io')!, 'demo/tagless:latest');
    await publish(encoded.get('io')!, 'demo/tagless:v1.0.0');
    const stderr = await refused(uses('demo:tagless/streams@1.0.0'));
    expect(stderr).toContain(`error: demo:tagless@1.0.0: ${registry.host}/demo/tagless has no version 1.0.0`);
    expect(stderr).toContain('its tags that are versions: none (tags: latest, v1.0.0)');
  });

  test('a manifest that is not a WIT package', async () => {
    const text = join(scratch, 'notes.txt');
    writeFileSync(text, 'not wasm\n');
    await publish(`${text}:text/plain`, 'demo/notes:1.0.0', ['--artifact-type', 'application/vnd.example.notes']);
    const stderr = await refused(uses('demo:notes/x@1.0.0'));
    expect(stderr).toContain(`error: ${registry.host}/demo/notes:1.0.0: not a WIT package: its first layer is text/plain, not application/wasm`);
  });

  test('a component, not a WIT package', async () => {
    const wat = join(scratch, 'component.wat');
    writeFileSync(wat, '(component (import "f" (func)))');
    const wasm = join(scratch, 'component.wasm');
    expect(run(wasmToolsPath(), ['parse', wat, '-o', wasm]).status).toBe(0);
    await publish(wasm, 'demo/component:1.0.0');
    const stderr = await refused(uses('demo:component/x@1.0.0'));
    expect(stderr).toContain(`error: ${registry.host}/demo/component:1.0.0: not a WIT package: found an actual component instead of an encoded WIT package in wasm`);
  });

  test('a package whose content is another package', async () => {
    await publish(encoded.get('io')!, 'demo/impostor:0.2.0');
    const stderr = await refused(uses('demo:impostor/streams@0.2.0'));
    expect(stderr).toContain(`error: ${registry.host}/demo/impostor:0.2.0: encodes the package demo:io@0.2.0, not demo:impostor@0.2.0`);
  });

  test('content whose digest is not the locked one', async () => {
    const lock = `version = 1\n\n[[packages]]\nname = "demo:io"\nregistry = "${registry.host}"\n\n[[packages.versions]]\nrequirement = "=0.2.0"\nversion = "0.2.0"\ndigest = "sha256:${'0'.repeat(64)}"\n`;
    const stderr = await refused(uses('demo:io/streams@0.2.0'), mapped(), lock);
    expect(stderr).toContain(`error: demo:io@0.2.0: ${registry.host}/demo/io:0.2.0 has digest sha256:`);
    expect(stderr).toContain(`but the lock file specifies digest sha256:${'0'.repeat(64)}`);
  });

  test('a namespace no registry is configured for', async () => {
    const stderr = await refused(uses('nowhere:pkg/x@1.0.0'));
    expect(stderr).toContain('error: nowhere:pkg@1.0.0: no registry is configured for the namespace nowhere');
    expect(stderr).toContain('config: config.toml');
  });
});

describe.skipIf(findTool('wkg') === undefined)('interop with wkg', () => {
  test('wkg wit fetch writes the same deps/ and the same lock, and each tool accepts the other\'s lock', async () => {
    const wkg = findTool('wkg')!;
    // A package weld pushed, besides the ones wkg published.
    await publish(encode('pushed', 'package demo:pushed@1.0.0;\n\ninterface api {\n  f: func() -> string;\n}\n'), 'demo/pushed:1.0.0');
    const dir = project(mapped(), appWit.replace('world app {\n', 'world app {\n  import demo:pushed/api@1.0.0;\n'));
    const env = { WKG_CONFIG_FILE: join(dir, 'config.toml'), WKG_CACHE_DIR: join(dir, 'wkg-cache') };
    const ours = await weldIn(dir, ['wit', 'fetch', '--config', 'config.toml']);
    expect(ours.status, ours.stderr).toBe(0);
    const weldDeps = fileTree(join(dir, 'wit', 'deps'));
    expect(Object.keys(weldDeps).sort()).toEqual(['demo-http-0.2.1/package.wit', 'demo-io-0.2.0/package.wit', 'demo-pushed-1.0.0/package.wit']);
    const weldLock = readFileSync(join(dir, 'wkg.lock'), 'utf8');
    // wkg reads weld's lock and writes back the same deps and lock.
    const theirs = spawnIn(wkg, ['wit', 'fetch'], dir, env);
    expect(theirs.status, theirs.stderr).toBe(0);
    expect(fileTree(join(dir, 'wit', 'deps'))).toEqual(weldDeps);
    expect(readFileSync(join(dir, 'wkg.lock'), 'utf8')).toBe(weldLock);
    // From nothing, wkg writes what weld wrote; then weld reads wkg's lock offline.
    rmSync(join(dir, 'wit', 'deps'), { recursive: true });
    rmSync(join(dir, 'wkg.lock'));
    expect(spawnIn(wkg, ['wit', 'fetch'], dir, env).status).toBe(0);
    expect(fileTree(join(dir, 'wit', 'deps'))).toEqual(weldDeps);
    expect(readFileSync(join(dir, 'wkg.lock'), 'utf8')).toBe(weldLock);
    const again = await weldIn(dir, ['wit', 'fetch', '--config', 'config.toml', '--offline']);
    expect(again.status, again.stderr).toBe(0);
    expect(readFileSync(join(dir, 'wkg.lock'), 'utf8')).toBe(weldLock);
  });
});

/** Runs another tool in `cwd`. */
function spawnIn(tool: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Run {
  const result = spawnSync(tool, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
