/**
 * Where the registry client sends credentials for a bearer token: the
 * realm of a registry's `WWW-Authenticate: Bearer realm=…` challenge must be
 * HTTPS (or plain HTTP on loopback), and credentials go to a realm on
 * another host only when it is trusted (`WELD_TRUSTED_REALMS`). A fake
 * registry on loopback names a different realm per repository; the token
 * server (test/support/token-server.ts) counts who asked it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { weldRunner } from './support/oci-cli.js';
import { startTokenServer, type TokenServer } from './support/token-server.js';

const scratch = mkdtempSync(join(tmpdir(), 'weld-oci-realm-'));
const weld = weldRunner(scratch);
const user = { username: 'realm-user', password: 'r3alm-Pa55word' };
let tokens: TokenServer;
/** The realm each repository's challenge names. */
const realms = new Map<string, string>();
const servers: Server[] = [];
/** The fake registry's port, on both 127.0.0.1 and 127.0.0.2. */
let port: number;

/** Answers 401 with a bearer challenge until a bearer token comes, then 404. */
function fakeRegistry(host: string, at: number): Promise<number> {
  const server = createServer((request, response) => {
    if (request.url?.startsWith('/redirect') === true) {
      response.writeHead(302, { location: 'file:///etc/passwd' }).end();
      return;
    }
    const repository = /^\/v2\/(.+)\/manifests\//.exec(request.url ?? '')?.[1] ?? '';
    if (request.headers.authorization?.startsWith('Bearer ') === true) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"code":"MANIFEST_UNKNOWN"}]}');
      return;
    }
    const challenge = `Bearer realm="${realms.get(repository) ?? ''}",service="${tokens.service}",scope="repository:${repository}:pull"`;
    response.writeHead(401, { 'www-authenticate': challenge, 'content-type': 'application/json' }).end('{"errors":[{"code":"UNAUTHORIZED"}]}');
  });
  servers.push(server);
  return new Promise((resolve) => server.listen(at, host, () => resolve((server.address() as { port: number }).port)));
}

beforeAll(async () => {
  tokens = await startTokenServer(scratch, user);
  port = await fakeRegistry('127.0.0.1', 0);
  await fakeRegistry('127.0.0.2', port);
  const tokenPort = new URL(tokens.realm).port;
  realms.set('file', 'file:///etc/passwd');
  realms.set('plain', 'http://registry.example/token');
  realms.set('tls', `https://127.0.0.1:${tokenPort}/token`);
  realms.set('cross', tokens.realm);
  realms.set('redirect', `http://127.0.0.1:${port}/redirect`);
});
afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await tokens?.close();
  rmSync(scratch, { recursive: true, force: true });
});
beforeEach(() => {
  tokens.requests.length = 0;
});

/** `weld pull HOST:PORT/REPO:1` with the test user's credentials unless `anonymous`. */
function pull(host: string, repository: string, options: { anonymous?: boolean; env?: NodeJS.ProcessEnv } = {}) {
  const credentials = options.anonymous === true ? [] : ['--username', user.username, '--password-stdin'];
  return weld(['pull', `${host}:${port}/${repository}:1`, '-o', join(scratch, 'never.wasm'), ...credentials], {
    input: `${user.password}\n`,
    ...(options.env === undefined ? {} : { env: options.env }),
  });
}

describe('token realms', () => {
  it('refuses a file: realm with a clear message (exit 1), asking nothing', async () => {
    const run = await pull('127.0.0.1', 'file');
    expect(run).toMatchObject({ status: 1, stdout: '' });
    expect(run.stderr).toBe(`error: 127.0.0.1:${port}: refusing the token realm file:///etc/passwd: it is not an http or https URL\n`);
  });

  it('refuses a plain-HTTP realm on a host that is not loopback', async () => {
    const run = await pull('127.0.0.1', 'plain');
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `error: 127.0.0.1:${port}: refusing the token realm http://registry.example/token: ` +
        'plain HTTP to a host that is not loopback would expose the credentials and the token\n',
    );
  });

  it('reports HTTPS to a plain-HTTP port as a failed TLS handshake (exit 1, not an internal error)', async () => {
    const run = await pull('127.0.0.1', 'tls');
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `error: 127.0.0.1:${port}: token realm ${realms.get('tls')}: the TLS handshake failed (EPROTO); ` +
        'the server seems to speak plain HTTP on that port\n',
    );
    expect(run.stderr).not.toContain(user.password);
  });

  it('refuses a realm that redirects to a file: URL (exit 1)', async () => {
    const run = await pull('127.0.0.1', 'redirect');
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`error: http://127.0.0.1:${port}/redirect: refusing a redirect to file: (only http and https are followed)\n`);
  });

  it('does not send credentials to a realm on another host, and says how to trust it', async () => {
    const run = await pull('127.0.0.2', 'cross');
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `error: 127.0.0.2:${port}: refusing to send the credentials for 127.0.0.2:${port} to the token realm ${tokens.realm} on another host; ` +
        "if 127.0.0.1 is the registry's token service, trust it with WELD_TRUSTED_REALMS=127.0.0.1\n",
    );
    expect(tokens.requests).toEqual([]);
  });

  it('asks a realm on another host without credentials', async () => {
    const run = await pull('127.0.0.2', 'cross', { anonymous: true });
    expect(run.status).toBe(1);
    expect(tokens.requests).toEqual([{ scopes: ['repository:cross:pull'], user: undefined }]);
  });

  it('sends credentials to a realm on another host once WELD_TRUSTED_REALMS names it', async () => {
    const run = await pull('127.0.0.2', 'cross', { env: { WELD_TRUSTED_REALMS: 'auth.example, 127.0.0.1' } });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/not found/);
    expect(tokens.requests).toEqual([{ scopes: ['repository:cross:pull'], user: user.username }]);
  });
});
