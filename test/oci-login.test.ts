/**
 * `weld login` and `weld logout` through the built binary, against
 * Distribution with htpasswd basic auth on loopback: credentials land in
 * config.json (other keys kept, mode 0600) or in a credential helper (a
 * real executable keeping them in a file), `weld push` and oras use them
 * without flags, weld uses what `oras login` stored, a wrong password
 * changes nothing, and logout removes them.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, type Run } from './support.js';
import { json, ok, weldRunner } from './support/oci-cli.js';
import { findTool, startDistribution, type TestRegistry } from './support/registry.js';
import { startTokenServer } from './support/token-server.js';

const small = join(root, 'test', 'fixtures', 'out', 'rust-calc.wasm');
const scratch = mkdtempSync(join(tmpdir(), 'weld-login-'));
const weld = weldRunner(scratch);
const user = { username: 'weld-user', password: 's3cret-Pa55word' };
let reg: TestRegistry;
beforeAll(async () => {
  reg = await startDistribution(user);
});
afterAll(async () => {
  await reg.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

/** A fresh Docker config folder, with `config` in it when given. */
function dockerConfig(name: string, config?: unknown): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  if (config !== undefined) writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  return dir;
}

const readConfig = (dir: string): Record<string, unknown> => JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
const auths = (dir: string): Record<string, { auth?: string }> => (readConfig(dir)['auths'] ?? {}) as Record<string, { auth?: string }>;

/** Runs oras (skipped by the callers when it is not installed). */
function oras(args: readonly string[], env: NodeJS.ProcessEnv, input = ''): Run {
  const result = spawnSync(findTool('oras')!, args, { encoding: 'utf8', env: { ...process.env, ...env }, input, cwd: scratch });
  if (result.error !== undefined) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const login = (env: NodeJS.ProcessEnv, password = user.password) => weld(['login', reg.host, '-u', user.username, '--password-stdin'], { env, input: `${password}\n` });

describe('weld login into config.json', () => {
  it('stores auths[host].auth, keeping every other key, with mode 0600; weld push and oras push then need no flags', async () => {
    const dir = dockerConfig('file', { auths: { 'other.example': { auth: 'b3RoZXI6c2VjcmV0' } }, psFormat: 'table {{.ID}}', proxies: { default: { httpProxy: '' } } });
    const env = { DOCKER_CONFIG: dir };
    const out = ok(await login(env));
    expect(out).toBe(`logged in to ${reg.host} as weld-user\n  stored in: ${join(dir, 'config.json')}\n`);
    const config = readConfig(dir);
    expect(config['psFormat']).toBe('table {{.ID}}');
    expect(config['proxies']).toEqual({ default: { httpProxy: '' } });
    expect(auths(dir)['other.example']).toEqual({ auth: 'b3RoZXI6c2VjcmV0' });
    expect(Buffer.from(auths(dir)[reg.host]!.auth!, 'base64').toString()).toBe(`${user.username}:${user.password}`);
    expect(statSync(join(dir, 'config.json')).mode & 0o777).toBe(0o600);
    expect(json(await weld(['push', small, `${reg.host}/login/calc:1`, '--json'], { env }))['digest']).toMatch(/^sha256:/);
    if (findTool('oras') === undefined) return;
    writeFileSync(join(scratch, 'note.txt'), 'hello');
    const pushed = oras(['push', '--plain-http', `${reg.host}/login/note:1`, 'note.txt'], env);
    expect(pushed.status, pushed.stderr).toBe(0);
  });

  it('a wrong password: a clear 401, exit 1, the config left as it was', async () => {
    const dir = dockerConfig('wrong', { auths: { 'other.example': { auth: 'b3RoZXI6c2VjcmV0' } } });
    const before = readFileSync(join(dir, 'config.json'));
    const run = await login({ DOCKER_CONFIG: dir }, 'not-the-Pa55word');
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`error: ${reg.host}: unauthorized (401) for user "weld-user": wrong username or password\n`);
    expect(run.stdout + run.stderr).not.toContain('not-the-Pa55word');
    expect(readFileSync(join(dir, 'config.json')).equals(before)).toBe(true);
    const fresh = dockerConfig('wrong-fresh');
    expect((await login({ DOCKER_CONFIG: fresh }, 'nope')).status).toBe(1);
    expect(existsSync(join(fresh, 'config.json'))).toBe(false);
  });

  it('logout removes the entry (others stay), and a push is anonymous again', async () => {
    const dir = dockerConfig('logout', { auths: { 'other.example': { auth: 'b3RoZXI6c2VjcmV0' } } });
    const env = { DOCKER_CONFIG: dir };
    ok(await login(env));
    expect(ok(await weld(['logout', reg.host], { env }))).toBe(`logged out of ${reg.host}\n  removed from: ${join(dir, 'config.json')}\n`);
    expect(auths(dir)).toEqual({ 'other.example': { auth: 'b3RoZXI6c2VjcmV0' } });
    const push = await weld(['push', small, `${reg.host}/login/calc:2`], { env });
    expect(push.status).toBe(1);
    expect(push.stderr).toMatch(/unauthorized \(401\); no credentials for/);
    expect(ok(await weld(['logout', reg.host], { env }))).toBe(`not logged in to ${reg.host}: no credentials stored for it\n`);
  });

  it('writes through a symlinked config.json, which stays a symlink', async () => {
    const dir = dockerConfig('symlink');
    writeFileSync(join(scratch, 'real-config.json'), '{"credsStore":""}');
    symlinkSync(join(scratch, 'real-config.json'), join(dir, 'config.json'));
    ok(await login({ DOCKER_CONFIG: dir }));
    expect(lstatSync(join(dir, 'config.json')).isSymbolicLink()).toBe(true);
    expect(Object.keys(auths(dir))).toEqual([reg.host]);
  });

  it('usage errors: no user, both password flags, an empty password', async () => {
    const env = { DOCKER_CONFIG: dockerConfig('usage') };
    const none = await weld(['login', reg.host, '--password-stdin'], { env, input: 'x' });
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/^error: weld login needs --username \(-u\)\n/);
    const both = await weld(['login', reg.host, '-u', 'a', '-p', 'b', '--password-stdin'], { env });
    expect(both.stderr).toMatch(/^error: --password and --password-stdin exclude each other\n/);
    const empty = await weld(['login', reg.host, '-u', 'a', '--password-stdin'], { env, input: '\n' });
    expect(empty.stderr).toMatch(/^error: the password is empty/);
    const host = await weld(['login', 'not a host', '-u', 'a', '-p', 'b'], { env });
    expect(host.stderr).toMatch(/^error: not a host: not a registry host/);
  });
});

describe('weld and oras share logins', () => {
  it('weld pushes with what `oras login` stored, and `weld logout` removes it', async (context) => {
    if (findTool('oras') === undefined) return context.skip();
    const dir = dockerConfig('oras-login');
    const env = { DOCKER_CONFIG: dir };
    const logged = oras(['login', '--plain-http', '-u', user.username, '--password-stdin', reg.host], env, user.password);
    expect(logged.status, logged.stderr).toBe(0);
    expect(json(await weld(['push', small, `${reg.host}/login/after-oras:1`, '--json'], { env }))['digest']).toMatch(/^sha256:/);
    ok(await weld(['logout', reg.host], { env }));
    expect(auths(dir)[reg.host]).toBeUndefined();
    writeFileSync(join(scratch, 'note.txt'), 'hello');
    expect(oras(['push', '--plain-http', `${reg.host}/login/note:2`, 'note.txt'], env).status).not.toBe(0);
  });
});

describe('weld login into a credential helper', () => {
  /** A docker-credential-weldfile that keeps credentials in store.json next to it (the helper protocol: store, get, erase). */
  function helperConfig(name: string, config: unknown): { dir: string; env: NodeJS.ProcessEnv; stored: () => Record<string, { Username: string; Secret: string }> } {
    const dir = dockerConfig(name, config);
    const store = join(dir, 'store.json');
    const helper = join(dir, 'docker-credential-weldfile');
    writeFileSync(
      helper,
      `#!${process.execPath}
const fs = require('node:fs');
const file = ${JSON.stringify(store)};
const input = fs.readFileSync(0, 'utf8').trim();
const all = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
const action = process.argv[2];
if (action === 'store') {
  const entry = JSON.parse(input);
  all[entry.ServerURL] = { Username: entry.Username, Secret: entry.Secret };
} else if (action === 'get' || action === 'erase') {
  if (all[input] === undefined) { process.stdout.write('credentials not found in native keychain\\n'); process.exit(1); }
  if (action === 'get') process.stdout.write(JSON.stringify({ ServerURL: input, ...all[input] }));
  else delete all[input];
} else process.exit(2);
fs.writeFileSync(file, JSON.stringify(all));
`,
    );
    chmodSync(helper, 0o755);
    return {
      dir,
      env: { DOCKER_CONFIG: dir, PATH: `${dir}:${process.env['PATH'] ?? ''}` },
      stored: () => (existsSync(store) ? (JSON.parse(readFileSync(store, 'utf8')) as Record<string, { Username: string; Secret: string }>) : {}),
    };
  }

  it('credsStore: the helper gets {ServerURL, Username, Secret}; config.json keeps no secret; push works; logout erases', async () => {
    const { dir, env, stored } = helperConfig('creds-store', { credsStore: 'weldfile', auths: { [reg.host]: { auth: 'c3RhbGU6c3RhbGU=' } } });
    expect(ok(await login(env))).toBe(`logged in to ${reg.host} as weld-user\n  stored in: docker-credential-weldfile\n`);
    expect(stored()).toEqual({ [reg.host]: { Username: user.username, Secret: user.password } });
    // The stale inline entry would be read before the helper; it is gone.
    expect(readConfig(dir)).toEqual({ credsStore: 'weldfile', auths: {} });
    expect(json(await weld(['push', small, `${reg.host}/login/helper:1`, '--json'], { env }))['digest']).toMatch(/^sha256:/);
    if (findTool('oras') !== undefined) {
      writeFileSync(join(scratch, 'note.txt'), 'hello');
      const pushed = oras(['push', '--plain-http', `${reg.host}/login/helper-oras:1`, 'note.txt'], env);
      expect(pushed.status, pushed.stderr).toBe(0);
    }
    expect(ok(await weld(['logout', reg.host], { env }))).toBe(`logged out of ${reg.host}\n  removed from: docker-credential-weldfile\n`);
    expect(stored()).toEqual({});
    expect((await weld(['push', small, `${reg.host}/login/helper:2`], { env })).status).toBe(1);
  });

  it('credHelpers[host]: the registry own helper gets them; a wrong password reaches no helper', async () => {
    const { dir, env, stored } = helperConfig('cred-helpers', { credHelpers: { [reg.host]: 'weldfile' } });
    expect((await login(env, 'wrong')).status).toBe(1);
    expect(stored()).toEqual({});
    ok(await login(env));
    expect(stored()[reg.host]?.Username).toBe(user.username);
    expect(readConfig(dir)).toEqual({ credHelpers: { [reg.host]: 'weldfile' } });
  });

  it('a helper that is not installed: a clear error naming it', async () => {
    const env = { DOCKER_CONFIG: dockerConfig('no-helper', { credsStore: 'absent-weld-helper' }) };
    const run = await login(env);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^error: credential helper docker-credential-absent-weld-helper is not installed/);
  });
});

describe('weld login to a registry with bearer tokens', () => {
  const tokenUser = { username: 'token-user', password: 'b3arer-Pa55word' };
  let tokenReg: TestRegistry;
  let close: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const tokens = await startTokenServer(scratch, tokenUser);
    close = () => tokens.close();
    tokenReg = await startDistribution({ token: tokens });
  });
  afterAll(async () => {
    await tokenReg?.dispose();
    await close();
  });

  it('gets a token with the credentials to check them, then pushes with what it stored', async () => {
    const dir = dockerConfig('bearer');
    const env = { DOCKER_CONFIG: dir };
    const wrong = await weld(['login', tokenReg.host, '-u', tokenUser.username, '--password-stdin'], { env, input: 'wrong' });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/^error: 127\.0\.0\.1:\d+: token service 127\.0\.0\.1:\d+: unauthorized \(401\) for user "token-user": wrong username or password\n$/);
    expect(existsSync(join(dir, 'config.json'))).toBe(false);
    ok(await weld(['login', tokenReg.host, '-u', tokenUser.username, '--password-stdin'], { env, input: tokenUser.password }));
    expect(json(await weld(['push', small, `${tokenReg.host}/login/bearer:1`, '--json'], { env }))['digest']).toMatch(/^sha256:/);
  });
});
