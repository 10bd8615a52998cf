/**
 * Credentials from Docker's `config.json`
 * (`$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`) with its
 * `credHelpers` (per registry), `auths` (inline) and `credsStore` (the
 * default helper), asked in that order. Helpers are the
 * `docker-credential-<name>` programs, run with `get`.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { CredentialSource, Credentials } from '../auth/credentials.js';
import { OciError } from '../errors.js';

/** The part of Docker's `config.json` that holds credentials. */
export interface DockerConfig {
  readonly auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  readonly credHelpers?: Record<string, string>;
  readonly credsStore?: string;
}

/** The Docker config file that applies in `env`. */
export const dockerConfigPath = (env: NodeJS.ProcessEnv = process.env): string =>
  join(env['DOCKER_CONFIG'] ?? join(homedir(), '.docker'), 'config.json');

const isDockerHub = (registry: string): boolean => registry === 'registry-1.docker.io' || registry === 'docker.io' || registry === 'index.docker.io';

/**
 * The key Docker and oras store `registry`'s credentials under: the host
 * itself, except Docker Hub's old index URL for any of Hub's names
 * (oras-go's `ServerAddressFromRegistry`).
 */
export const dockerServerAddress = (registry: string): string => (isDockerHub(registry) ? 'https://index.docker.io/v1/' : registry);

/** The server URLs a credential helper may know `registry` by, the stored key first. */
export const helperServers = (registry: string): string[] =>
  isDockerHub(registry) ? [dockerServerAddress(registry)] : [registry, `https://${registry}`];

/** The keys an `auths` entry for `registry` may be written under. */
export function authKeys(registry: string): string[] {
  const hub = isDockerHub(registry);
  const base = hub ? ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'] : [registry];
  return base.flatMap((key) => (key.includes('://') ? [key] : [key, `https://${key}`, `http://${key}`, `https://${key}/v1/`]));
}

/** Credentials from Docker's config file (missing file: anonymous). */
export function dockerCredentials(env: NodeJS.ProcessEnv = process.env): CredentialSource {
  return async (registry) => {
    const path = dockerConfigPath(env);
    const config = await readDockerConfig(path);
    if (config === undefined) return { kind: 'anonymous' };
    const keys = authKeys(registry);
    const helper = registryHelper(config, keys);
    if (helper !== undefined) return helperCredentials(helper, registry, env);
    for (const key of keys) {
      const entry = config.auths?.[key];
      if (entry === undefined) continue;
      if (entry.identitytoken !== undefined && entry.identitytoken !== '') return { kind: 'identity-token', token: entry.identitytoken };
      if (entry.auth !== undefined && entry.auth !== '') {
        const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon < 0) throw new OciError('credentials', `${path}: the auth entry for ${key} is not base64 of user:password`);
        return { kind: 'basic', username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
      }
      if (entry.username !== undefined && entry.password !== undefined) return { kind: 'basic', username: entry.username, password: entry.password };
    }
    if (config.credsStore !== undefined && config.credsStore !== '') return helperCredentials(config.credsStore, registry, env);
    return { kind: 'anonymous' };
  };
}

/** Docker's config file at `path`, parsed; undefined when there is none. */
export async function readDockerConfig(path: string): Promise<DockerConfig | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch {
    throw new OciError('credentials', `${path}: not JSON`);
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new OciError('credentials', `${path}: not a JSON object`);
  return config as DockerConfig;
}

/** The helper `credHelpers` names for the first of `keys` it has, if any. */
export const registryHelper = (config: DockerConfig, keys: readonly string[]): string | undefined =>
  keys.map((k) => config.credHelpers?.[k]).find((h) => h !== undefined && h !== '');

/**
 * Asks `docker-credential-<helper> get` for `registry`'s credentials. "Not
 * found" is anonymous; any other failure is a `credentials` error that names
 * the helper but never echoes what it printed on stdout.
 */
export async function helperCredentials(helper: string, registry: string, env: NodeJS.ProcessEnv = process.env): Promise<Credentials> {
  const program = `docker-credential-${helper}`;
  for (const server of helperServers(registry)) {
    const result = await runHelper(program, 'get', server, env);
    if (result.kind === 'not-found') continue;
    let json: { Username?: unknown; Secret?: unknown };
    try {
      json = JSON.parse(result.stdout) as typeof json;
    } catch {
      throw new OciError('credentials', `${program} get: did not print JSON`);
    }
    if (typeof json.Username !== 'string' || typeof json.Secret !== 'string') throw new OciError('credentials', `${program} get: no Username and Secret`);
    if (json.Username === '<token>') return { kind: 'identity-token', token: json.Secret };
    return { kind: 'basic', username: json.Username, password: json.Secret };
  }
  return { kind: 'anonymous' };
}

/**
 * Runs `program action` (`get`, `store` or `erase` of the credential helper
 * protocol) with `input` on stdin. A helper that says it has no such
 * credentials is `not-found`; any other failure is a `credentials` error
 * with the first line of its stderr, never its stdout (which may hold a
 * secret).
 */
export function runHelper(program: string, action: 'get' | 'store' | 'erase', input: string, env: NodeJS.ProcessEnv): Promise<{ kind: 'ok'; stdout: string } | { kind: 'not-found' }> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, [action], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(new OciError('credentials', error.code === 'ENOENT' ? `credential helper ${program} is not installed (named in ${dockerConfigPath(env)})` : `${program}: ${error.message}`));
    });
    child.on('close', (code) => {
      if (code === 0) return resolve({ kind: 'ok', stdout });
      const said = `${stdout} ${stderr}`;
      if (/credentials not found|not found in native keychain|no credentials/i.test(said)) return resolve({ kind: 'not-found' });
      reject(new OciError('credentials', `${program} ${action} exited ${code ?? 'on a signal'}: ${stderr.trim().split('\n', 1)[0] ?? ''}`));
    });
    // A helper that exits without reading its input closes the pipe; its exit status tells what happened.
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}
