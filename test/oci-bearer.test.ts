/**
 * The bearer token flow against a real registry: Debian's docker-registry
 * (CNCF Distribution) with `auth: token`, trusting a token server on
 * loopback (test/support/token-server.ts) that checks Basic credentials and
 * signs JWTs granting the scopes asked for. weld meets the
 * `WWW-Authenticate: Bearer realm=…,service=…,scope=…` challenge, asks the
 * token server with its credentials, caches the token and retries with
 * `Authorization: Bearer`.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseReference, pushImage, RegistryClient, registrySource, staticCredentials, wasmArtifact } from '@weld/oci';
import { pullWasm } from '@weld/oci/node';
import { root } from './support.js';
import { json, ok, weldRunner } from './support/oci-cli.js';
import { startDistribution, type TestRegistry } from './support/registry.js';
import { startTokenServer, type TokenServer } from './support/token-server.js';

const small = join(root, 'test', 'fixtures', 'out', 'rust-calc.wasm');
const scratch = mkdtempSync(join(tmpdir(), 'weld-oci-bearer-'));
const weld = weldRunner(scratch);
const user = { username: 'token-user', password: 'b3arer-Pa55word' };
let tokens: TokenServer;
let reg: TestRegistry;

beforeAll(async () => {
  tokens = await startTokenServer(scratch, user);
  reg = await startDistribution({ token: tokens });
});
afterAll(async () => {
  await reg?.dispose();
  await tokens?.close();
  rmSync(scratch, { recursive: true, force: true });
});
beforeEach(() => {
  tokens.requests.length = 0;
});

/** A Docker config directory holding `config`. */
function dockerConfig(name: string, config: unknown): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  return dir;
}

describe('a registry with bearer tokens (Distribution `auth: token`)', () => {
  it('challenges with Bearer realm, service and scope', async () => {
    const response = await fetch(`http://${reg.host}/v2/private/calc/manifests/1`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(`Bearer realm="${tokens.realm}",service="${tokens.service}",scope="repository:private/calc:pull"`);
  });

  it('pushes and pulls with config.json auths: one token request per command, with the scopes', async () => {
    const env = { DOCKER_CONFIG: dockerConfig('auths', { auths: { [reg.host]: { auth: Buffer.from(`${user.username}:${user.password}`).toString('base64') } } }) };
    const pushed = json(await weld(['push', small, `${reg.host}/private/calc:1`, '--json'], { env }));
    expect(pushed['uploaded']).toBe(2);
    // Four HEAD/POST/PUT round trips for two blobs and a manifest, one token: the token is reused.
    expect(tokens.requests).toEqual([{ scopes: ['repository:private/calc:pull,push', 'repository:private/calc:pull'], user: user.username }]);
    tokens.requests.length = 0;
    const file = join(scratch, 'auths.wasm');
    ok(await weld(['pull', `${reg.host}/private/calc:1`, '-o', file], { env }));
    expect(readFileSync(file).equals(readFileSync(small))).toBe(true);
    expect(tokens.requests).toEqual([{ scopes: ['repository:private/calc:pull'], user: user.username }]);
  });

  it('pulls with --username --password-stdin', async () => {
    const file = join(scratch, 'stdin.wasm');
    const out = ok(await weld(['pull', `${reg.host}/private/calc:1`, '-o', file, '--username', user.username, '--password-stdin'], { input: `${user.password}\n` }));
    expect(out).toMatch(/^pulled .*private\/calc:1 \(sha256:/);
    expect(readFileSync(file).equals(readFileSync(small))).toBe(true);
    expect(tokens.requests).toHaveLength(1);
  });

  it('one client reuses its push token for pulls, and concurrent requests share one token request', async () => {
    const client = new RegistryClient({ registry: reg.host, credentials: staticCredentials({ kind: 'basic', ...user }) });
    const ref = parseReference(`${reg.host}/private/reuse:1`);
    const image = wasmArtifact(readFileSync(small), { title: 'calc.wasm', created: new Date('2026-01-01T00:00:00Z') });
    await pushImage(client, ref, image, { concurrency: 3 });
    const file = join(scratch, 'reuse.wasm');
    await pullWasm(registrySource(client, ref), file);
    expect(readFileSync(file).equals(readFileSync(small))).toBe(true);
    expect(tokens.requests).toHaveLength(1);
  });

  it('a wrong password: a clear 401 from the token service, without the password', async () => {
    const wrong = 'not-the-b3arer-word';
    const run = await weld(['pull', `${reg.host}/private/calc:1`, '-o', join(scratch, 'never.wasm'), '--username', user.username, '--password-stdin'], { input: wrong });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^error: 127\.0\.0\.1:\d+: token service 127\.0\.0\.1:\d+: unauthorized \(401\) for user "token-user": wrong username or password\n$/);
    expect(run.stderr + run.stdout).not.toContain(wrong);
    expect(existsSync(join(scratch, 'never.wasm'))).toBe(false);
    const anonymous = await weld(['push', small, `${reg.host}/private/calc:2`]);
    expect(anonymous.status).toBe(1);
    expect(anonymous.stderr).toMatch(/unauthorized \(401\); no credentials for 127\.0\.0\.1:\d+/);
  });

  it('asks the credsStore helper when config.json names one', async () => {
    const dir = dockerConfig('store', { credsStore: 'weldstore' });
    const helper = join(dir, 'docker-credential-weldstore');
    const asked = join(dir, 'asked');
    writeFileSync(helper, `#!/bin/sh\nread server\necho "$1 $server" >> '${asked}'\nprintf '{"ServerURL":"%s","Username":"${user.username}","Secret":"${user.password}"}' "$server"\n`);
    chmodSync(helper, 0o755);
    const env = { DOCKER_CONFIG: dir, PATH: `${dir}:${process.env['PATH'] ?? ''}` };
    const out = json(await weld(['push', small, `${reg.host}/private/store:1`, '--json'], { env }));
    expect(out['digest']).toMatch(/^sha256:/);
    expect(readFileSync(asked, 'utf8')).toBe(`get ${reg.host}\n`);
    expect(tokens.requests.map((r) => r.user)).toEqual([user.username]);
  });
});
