/**
 * End-to-end tests of `weld package`, `push`, `pull` and `inspect REF`
 * through the built binary, against real registries on loopback:
 *   - Debian's docker-registry (CNCF Distribution 2.8), once without auth
 *     and once with htpasswd basic auth;
 *   - go-containerregistry's registry as a second implementation, when
 *     installed (.ci/run builds it);
 * and interoperability both ways with skopeo, oras, wkg and umoci. Faults
 * (registry killed mid-push, a corrupted blob) are in oci-faults.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, RegistryClient, sha256 } from '@weld/oci';
import { bin, root, type Run } from './support.js';
import { findTool, startDistribution, startGgcr, type TestRegistry } from './support/registry.js';

const fixtures = join(root, 'test', 'fixtures', 'out');
const big = join(fixtures, 'ts-app.wasm');
const small = join(fixtures, 'rust-calc.wasm');
const scratch = mkdtempSync(join(tmpdir(), 'weld-oci-'));
const registries: TestRegistry[] = [];
afterAll(async () => {
  for (const r of registries) await r.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

/** Runs weld with `env` added and `input` on stdin; a fixed creation time keeps digests stable. */
function weld(args: readonly string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): Run {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, WELD_DEBUG: '', SOURCE_DATE_EPOCH: '1767225600', DOCKER_CONFIG: join(scratch, 'no-docker-config'), ...options.env },
    input: options.input ?? '',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error !== undefined) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function ok(run: Run): string {
  expect(run.stderr, run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.stdout;
}

function tool(name: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Run {
  const path = findTool(name);
  if (path === undefined) throw new Error(`${name} not found`);
  const result = spawnSync(path, args, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  if (result.error !== undefined) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const json = (run: Run): Record<string, unknown> => JSON.parse(ok(run)) as Record<string, unknown>;

describe('weld package (no registry)', () => {
  it('writes a CNCF Wasm artifact into a layout that skopeo reads', () => {
    const layout = join(scratch, 'pkg-wasm');
    const out = json(weld(['package', small, '-o', layout, '--artifact-version', '1.0.0', '--licenses', 'Apache-2.0', '--json']));
    expect(readFileSync(join(layout, 'oci-layout'), 'utf8')).toContain('1.0.0');
    const index = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8')) as { manifests: { digest: string; annotations: Record<string, string> }[] };
    expect(index.manifests[0]!.digest).toBe(out['digest']);
    expect(index.manifests[0]!.annotations['org.opencontainers.image.ref.name']).toBe('latest');
    const manifest = JSON.parse(readFileSync(join(layout, 'blobs', 'sha256', String(out['digest']).slice(7)), 'utf8')) as Record<string, any>;
    expect(manifest['config'].mediaType).toBe('application/vnd.wasm.config.v0+json');
    expect(manifest['layers']).toHaveLength(1);
    expect(manifest['layers'][0].mediaType).toBe('application/wasm');
    expect(manifest['layers'][0].annotations['org.opencontainers.image.title']).toBe('rust-calc.wasm');
    expect(manifest['annotations']).toMatchObject({
      'org.opencontainers.image.version': '1.0.0',
      'org.opencontainers.image.licenses': 'Apache-2.0',
      'org.opencontainers.image.created': '2026-01-01T00:00:00Z',
    });
    const config = JSON.parse(readFileSync(join(layout, 'blobs', 'sha256', manifest['config'].digest.slice(7)), 'utf8')) as Record<string, any>;
    expect(config).toMatchObject({ architecture: 'wasm', os: 'wasip2', created: '2026-01-01T00:00:00Z', layerDigests: [sha256(readFileSync(small))] });
    expect(config['component'].exports).toEqual(['weld:calc/calc@1.0.0']);
    expect(config['component'].imports).toContain('wasi:cli/environment@0.2.12');
    // skopeo reads the layout and sees weld's exact manifest bytes.
    const raw = tool('skopeo', ['inspect', '--raw', `oci:${layout}:latest`]);
    expect(raw.status, raw.stderr).toBe(0);
    expect(sha256(Buffer.from(raw.stdout))).toBe(out['digest']);
    // The same input and time give the same digest.
    expect(json(weld(['package', small, '-o', join(scratch, 'pkg-again'), '--artifact-version', '1.0.0', '--licenses', 'Apache-2.0', '--json']))['digest']).toBe(out['digest']);
  });

  it('writes a layout tar that skopeo copies and weld inspects and pulls from', () => {
    const tar = join(scratch, 'calc.tar');
    ok(weld(['package', small, '-o', tar, '--tag', 'v1']));
    const copied = tool('skopeo', ['copy', `oci-archive:${tar}:v1`, `oci:${join(scratch, 'from-tar')}:v1`]);
    expect(copied.status, copied.stderr).toBe(0);
    expect(ok(weld(['inspect', tar]))).toContain('world root:component/root');
    const file = join(scratch, 'from-tar.wasm');
    ok(weld(['pull', `${tar}:v1`, '-o', file]));
    expect(readFileSync(file).equals(readFileSync(small))).toBe(true);
  });

  it('writes the Docker/runwasi form: umoci unpacks a rootfs whose entrypoint is the component', () => {
    const layout = join(scratch, 'pkg-docker');
    ok(weld(['package', small, '--format', 'docker', '-o', layout, '--tag', 'v1', '--title', 'calc.wasm']));
    const index = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8')) as { manifests: { mediaType: string; digest: string }[] };
    expect(index.manifests[0]!.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    const imageIndex = JSON.parse(readFileSync(join(layout, 'blobs', 'sha256', index.manifests[0]!.digest.slice(7)), 'utf8')) as { manifests: { platform: unknown }[] };
    expect(imageIndex.manifests[0]!.platform).toEqual({ architecture: 'wasm', os: 'wasi' });
    // `umoci unpack` also writes a runtime config.json, which it only does for
    // os linux; `raw unpack` is its rootfs half, and takes any os.
    const rootfs = join(scratch, 'rootfs');
    const unpacked = tool('umoci', ['raw', 'unpack', '--rootless', '--image', `${layout}:v1`, rootfs]);
    expect(unpacked.status, unpacked.stderr).toBe(0);
    const skopeoConfig = tool('skopeo', ['inspect', '--config', '--override-os', 'wasi', '--override-arch', 'wasm', `oci:${layout}:v1`]);
    expect(skopeoConfig.status, skopeoConfig.stderr).toBe(0);
    const config = JSON.parse(skopeoConfig.stdout) as { os: string; architecture: string; config: { Entrypoint: string[] } };
    expect(config).toMatchObject({ os: 'wasip1', architecture: 'wasm', config: { Entrypoint: ['/calc.wasm'] } });
    expect(readFileSync(join(rootfs, config.config.Entrypoint[0]!)).equals(readFileSync(small))).toBe(true);
    const inspected = ok(weld(['inspect', `${layout}:v1`]));
    expect(inspected).toContain('(wasi/wasm)');
    expect(inspected).toContain('entrypoint /calc.wasm');
    // The component-layer flavour: the binary is the layer, with runwasi's media type.
    const flavour = json(weld(['package', small, '--format', 'docker', '--layer', 'component', '-o', join(scratch, 'pkg-docker-c'), '--json']));
    expect((flavour['blobs'] as { mediaType: string; digest: string }[]).map((b) => b.mediaType)).toContain('application/vnd.bytecodealliance.wasm.component.layer.v0+wasm');
    ok(weld(['pull', join(scratch, 'pkg-docker-c'), '-o', join(scratch, 'docker-c.wasm')]));
    expect(readFileSync(join(scratch, 'docker-c.wasm')).equals(readFileSync(small))).toBe(true);
  });
});

/** Push, inspect, pull and re-push of the 12 MB component against `registry()`. */
function roundTrip(name: string, registry: () => TestRegistry | undefined): void {
  it(`${name}: push, inspect, pull, re-push (nothing re-uploaded), chunked push, tags`, async (context) => {
    const reg = registry();
    if (reg === undefined) return context.skip();
    const ref = `${reg.host}/weld/ts-app:1.0.0`;
    const first = json(weld(['push', big, ref, '--json']));
    expect(first).toMatchObject({ uploaded: 2, skipped: 0 });
    expect(Number(first['bytesUploaded'])).toBeGreaterThan(10_000_000);
    const again = json(weld(['push', big, ref, '--json']));
    expect(again).toMatchObject({ uploaded: 0, skipped: 2, digest: first['digest'] });
    const inspected = ok(weld(['inspect', ref]));
    expect(inspected).toContain(String(first['digest']));
    expect(inspected).toContain('application/wasm');
    expect(inspected).toContain('world ');
    const file = join(scratch, `${name}-ts-app.wasm`);
    ok(weld(['pull', ref, '-o', file]));
    expect(readFileSync(file).equals(readFileSync(big))).toBe(true);
    const byDigest = join(scratch, `${name}-by-digest`);
    ok(weld(['pull', `${reg.host}/weld/ts-app@${String(first['digest'])}`, '-o', byDigest]));
    expect(existsSync(join(byDigest, 'blobs', 'sha256', sha256(readFileSync(big)).slice(7)))).toBe(true);
    // Chunked upload to another repository, then pull and compare.
    const chunked = json(weld(['push', big, `${reg.host}/weld/chunked:1`, '--chunk-size', '1m', '--json']));
    expect(chunked).toMatchObject({ digest: first['digest'] });
    // ggcr keeps one blob store for all repositories, so its HEAD finds the layer already.
    expect(chunked['uploaded']).toBe(reg.kind === 'distribution' ? 2 : 0);
    const chunkedFile = join(scratch, `${name}-chunked.wasm`);
    ok(weld(['pull', `${reg.host}/weld/chunked:1`, '-o', chunkedFile]));
    expect(readFileSync(chunkedFile).equals(readFileSync(big))).toBe(true);
    // Cross-repository mount: nothing uploaded.
    const mounted = json(weld(['push', big, `${reg.host}/weld/mounted:1`, '--mount-from', 'weld/ts-app', '--json']));
    expect(mounted['uploaded']).toBe(0);
    expect(Number(mounted['mounted'])).toBeGreaterThanOrEqual(reg.kind === 'distribution' ? 1 : 0);
    // Tags, and the Docker form through the registry.
    ok(weld(['push', small, `${reg.host}/weld/ts-app:docker`, '--format', 'docker']));
    const client = new RegistryClient({ registry: reg.host, credentials: anonymous });
    expect((await client.listTags('weld/ts-app')).sort()).toEqual(['1.0.0', 'docker']);
    ok(weld(['pull', `${reg.host}/weld/ts-app:docker`, '-o', join(scratch, `${name}-docker.wasm`)]));
    expect(readFileSync(join(scratch, `${name}-docker.wasm`)).equals(readFileSync(small))).toBe(true);
    // A missing tag: one clean line.
    const missing = weld(['pull', `${reg.host}/weld/ts-app:nope`, '-o', join(scratch, 'nope.wasm')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^error: .*weld\/ts-app:nope: not found/);
  });
}

describe('registries without auth', () => {
  let distribution: TestRegistry | undefined;
  let ggcr: TestRegistry | undefined;
  beforeAll(async () => {
    distribution = await startDistribution();
    registries.push(distribution);
    ggcr = await startGgcr();
    if (ggcr !== undefined) registries.push(ggcr);
  });
  roundTrip('distribution', () => distribution);
  roundTrip('ggcr', () => ggcr);

  it('skopeo reads what weld pushed (inspect --raw, copy), and inspects the Docker form', () => {
    const reg = distribution!;
    const pushed = json(weld(['push', small, `${reg.host}/interop/calc:1`, '--json']));
    const raw = tool('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${reg.host}/interop/calc:1`]);
    expect(raw.status, raw.stderr).toBe(0);
    expect(sha256(Buffer.from(raw.stdout))).toBe(pushed['digest']);
    const copy = tool('skopeo', ['copy', '--src-tls-verify=false', `docker://${reg.host}/interop/calc:1`, `oci:${join(scratch, 'skopeo-copy')}:1`]);
    expect(copy.status, copy.stderr).toBe(0);
    expect(readFileSync(join(scratch, 'skopeo-copy', 'blobs', 'sha256', sha256(readFileSync(small)).slice(7))).equals(readFileSync(small))).toBe(true);
    ok(weld(['push', small, `${reg.host}/interop/calc:docker`, '--format', 'docker']));
    const inspect = tool('skopeo', ['inspect', '--tls-verify=false', '--override-os', 'wasi', '--override-arch', 'wasm', `docker://${reg.host}/interop/calc:docker`]);
    expect(inspect.status, inspect.stderr).toBe(0);
    expect(JSON.parse(inspect.stdout)).toMatchObject({ Architecture: 'wasm', Os: 'wasip1' });
  });

  it('weld pulls and inspects what `oras push` pushed in the CNCF form', (context) => {
    if (findTool('oras') === undefined) return context.skip();
    const reg = distribution!;
    const dir = join(scratch, 'oras');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ architecture: 'wasm', os: 'wasip2', layerDigests: [sha256(readFileSync(small))] }));
    writeFileSync(join(dir, 'calc.wasm'), readFileSync(small));
    const pushed = spawnSync(findTool('oras')!, ['push', '--plain-http', `${reg.host}/interop/oras:1`, '--config', 'config.json:application/vnd.wasm.config.v0+json', 'calc.wasm:application/wasm'], { cwd: dir, encoding: 'utf8' });
    expect(pushed.status, pushed.stderr).toBe(0);
    const file = join(scratch, 'from-oras.wasm');
    ok(weld(['pull', `${reg.host}/interop/oras:1`, '-o', file]));
    expect(readFileSync(file).equals(readFileSync(small))).toBe(true);
    expect(ok(weld(['inspect', `${reg.host}/interop/oras:1`]))).toContain('calc.wasm');
    // And oras reads weld's artifact.
    ok(weld(['push', small, `${reg.host}/interop/calc:oras`]));
    const pulled = spawnSync(findTool('oras')!, ['pull', '--plain-http', `${reg.host}/interop/calc:oras`, '-o', join(scratch, 'oras-out')], { encoding: 'utf8' });
    expect(pulled.status, pulled.stderr).toBe(0);
    expect(readFileSync(join(scratch, 'oras-out', 'rust-calc.wasm')).equals(readFileSync(small))).toBe(true);
  });

  it('`wkg oci pull` gets the identical bytes from weld\'s artifact', (context) => {
    const wkg = findTool('wkg');
    if (wkg === undefined) return context.skip();
    const reg = distribution!;
    ok(weld(['push', small, `${reg.host}/interop/wkg:1`]));
    const out = join(scratch, 'from-wkg.wasm');
    const pulled = spawnSync(wkg, ['oci', 'pull', '--insecure', reg.host, `${reg.host}/interop/wkg:1`, '-o', out], { encoding: 'utf8', env: { ...process.env, HOME: scratch } });
    expect(pulled.status, `${pulled.stdout}${pulled.stderr}`).toBe(0);
    expect(readFileSync(out).equals(readFileSync(small))).toBe(true);
  });
});

describe('a registry with htpasswd basic auth', () => {
  const user = { username: 'weld-user', password: 's3cret-Pa55word' };
  let reg: TestRegistry;
  beforeAll(async () => {
    reg = await startDistribution(user);
    registries.push(reg);
  });

  it('pushes and pulls with Docker config.json auths, and with --username --password-stdin', () => {
    const dockerConfig = join(scratch, 'docker-auths');
    mkdirSync(dockerConfig, { recursive: true });
    writeFileSync(join(dockerConfig, 'config.json'), JSON.stringify({ auths: { [reg.host]: { auth: Buffer.from(`${user.username}:${user.password}`).toString('base64') } } }));
    const env = { DOCKER_CONFIG: dockerConfig };
    const pushed = json(weld(['push', small, `${reg.host}/private/calc:1`, '--json'], { env }));
    expect(pushed['uploaded']).toBe(2);
    const file = join(scratch, 'private.wasm');
    ok(weld(['pull', `${reg.host}/private/calc:1`, '-o', file, '--username', user.username, '--password-stdin'], { input: `${user.password}\n` }));
    expect(readFileSync(file).equals(readFileSync(small))).toBe(true);
    expect(ok(weld(['inspect', `${reg.host}/private/calc:1`], { env }))).toContain(String(pushed['digest']));
  });

  it('asks a credential helper named in credHelpers', () => {
    const dir = join(scratch, 'helper');
    mkdirSync(dir, { recursive: true });
    const helper = join(dir, 'docker-credential-weldtest');
    writeFileSync(helper, `#!/bin/sh\nread server\nprintf '{"ServerURL":"%s","Username":"${user.username}","Secret":"${user.password}"}' "$server"\n`);
    chmodSync(helper, 0o755);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ credHelpers: { [reg.host]: 'weldtest' } }));
    const out = json(weld(['push', small, `${reg.host}/private/helper:1`, '--json'], { env: { DOCKER_CONFIG: dir, PATH: `${dir}:${process.env['PATH'] ?? ''}` } }));
    expect(out['digest']).toMatch(/^sha256:/);
  });

  it('a wrong password: a clear 401 message without the password', () => {
    const wrong = 'not-the-Pa55word';
    const run = weld(['pull', `${reg.host}/private/calc:1`, '-o', join(scratch, 'never.wasm'), '--username', user.username, '--password-stdin'], { input: wrong });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^error: .*unauthorized \(401\) for user "weld-user": wrong username or password\n$/);
    expect(run.stderr + run.stdout).not.toContain(wrong);
    expect(existsSync(join(scratch, 'never.wasm'))).toBe(false);
    const anonymousRun = weld(['push', small, `${reg.host}/private/calc:2`]);
    expect(anonymousRun.status).toBe(1);
    expect(anonymousRun.stderr).toMatch(/unauthorized \(401\); no credentials for 127\.0\.0\.1:\d+/);
  });
});

