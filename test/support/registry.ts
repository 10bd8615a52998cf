/**
 * Real registries on loopback for the OCI tests: Debian's `docker-registry`
 * (CNCF Distribution 2.8) with a temporary config, optionally behind
 * htpasswd basic auth or with bearer tokens from a token server (see
 * token-server.ts), and go-containerregistry's in-memory `registry` as a
 * second implementation when it is installed. Each can be stopped and
 * started again on the same port (its storage kept) for fault tests.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The first executable named `name` on PATH, in ~/go/bin or in ~/.cargo/bin. */
export function findTool(name: string): string | undefined {
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter), join(homedir(), 'go', 'bin'), join(homedir(), '.cargo', 'bin')];
  return dirs.filter((dir) => dir !== '').map((dir) => join(dir, name)).find((path) => existsSync(path));
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A running registry. */
export interface TestRegistry {
  /** `127.0.0.1:PORT`. */
  readonly host: string;
  readonly kind: 'distribution' | 'ggcr';
  /** Stops the process (SIGKILL: as abrupt as a crash). */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same storage. */
  start(): Promise<void>;
  /** Stops it and removes its storage. */
  dispose(): Promise<void>;
  /** Where distribution keeps blobs (for corrupting one); undefined for ggcr. */
  readonly storage: string | undefined;
}

async function waitReady(host: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`registry exited ${child.exitCode}: ${log()}`);
    try {
      const response = await fetch(`http://${host}/v2/`);
      if (response.status === 200 || response.status === 401) return;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  throw new Error(`registry on ${host} did not start: ${log()}`);
}

async function managed(kind: TestRegistry['kind'], host: string, launch: () => ChildProcess, scratch: string, storage: string | undefined): Promise<TestRegistry> {
  let child: ChildProcess | undefined;
  let output = '';
  const start = async () => {
    output = '';
    child = launch();
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitReady(host, child, () => output);
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    host,
    kind,
    storage,
    start,
    stop,
    dispose: async () => {
      await stop();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** Credentials of the htpasswd registry. */
export interface BasicUser {
  readonly username: string;
  readonly password: string;
}

/** What a registry with token auth trusts (see token-server.ts). */
export interface TokenAuth {
  readonly realm: string;
  readonly service: string;
  readonly issuer: string;
  /** The PEM file of the certificate whose key signs the tokens. */
  readonly certificate: string;
}

/**
 * Starts `docker-registry` on a free loopback port: with htpasswd basic auth
 * when `auth` is a user, with bearer tokens from a token server when it is
 * `{ token }`.
 */
export async function startDistribution(auth?: BasicUser | { readonly token: TokenAuth }): Promise<TestRegistry> {
  const binary = findTool('docker-registry');
  if (binary === undefined) throw new Error('docker-registry not found; apt-get install docker-registry');
  const scratch = mkdtempSync(join(tmpdir(), 'weld-registry-'));
  const port = await freePort();
  const storage = join(scratch, 'data');
  let authConfig = '';
  if (auth !== undefined && 'token' in auth) {
    const { realm, service, issuer, certificate } = auth.token;
    authConfig = `auth:\n  token:\n    realm: ${realm}\n    service: ${service}\n    issuer: ${issuer}\n    rootcertbundle: ${certificate}\n`;
  } else if (auth !== undefined) {
    const user = auth;
    const htpasswd = join(scratch, 'htpasswd');
    const made = spawnSync('htpasswd', ['-Bbn', user.username, user.password], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`htpasswd failed (apt-get install apache2-utils): ${made.stderr}`);
    writeFileSync(htpasswd, made.stdout);
    authConfig = `auth:\n  htpasswd:\n    realm: weld-test\n    path: ${htpasswd}\n`;
  }
  const config = join(scratch, 'config.yml');
  writeFileSync(
    config,
    `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${storage}\n  delete:\n    enabled: true\n` +
      `http:\n  addr: 127.0.0.1:${port}\n${authConfig}`,
  );
  return managed('distribution', `127.0.0.1:${port}`, () => spawn(binary, ['serve', config], { stdio: ['ignore', 'pipe', 'pipe'] }), scratch, storage);
}

/** Starts go-containerregistry's in-memory registry, when `ggcr-registry` is installed (see .ci/run). */
export async function startGgcr(): Promise<TestRegistry | undefined> {
  const binary = findTool('ggcr-registry');
  if (binary === undefined) return undefined;
  const scratch = mkdtempSync(join(tmpdir(), 'weld-ggcr-'));
  const port = await freePort();
  return managed('ggcr', `localhost:${port}`, () => spawn(binary, ['-port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] }), scratch, undefined);
}
