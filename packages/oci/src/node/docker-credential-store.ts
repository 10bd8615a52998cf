/**
 * The writing side of Docker's credentials (`weld login` and `logout`),
 * as Docker and oras do it: into the credential helper that `config.json`
 * names for the registry (`credHelpers`, else `credsStore`) with
 * `docker-credential-<name> store`, else inline as `auths[host].auth`
 * (base64 of `user:password`) in `config.json`, rewritten atomically with
 * every other key kept and mode 0600. Credentials are stored under
 * {@link dockerServerAddress}, so oras, Docker and weld find each other's.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { OciError } from '../errors.js';
import {
  authKeys, dockerConfigPath, dockerServerAddress, helperServers, readDockerConfig, registryHelper, runHelper, type DockerConfig,
} from './docker-credentials.js';

/** Where credentials were stored or removed. */
export type CredentialLocation =
  /** A credential helper program (`docker-credential-<name>`). */
  | { readonly kind: 'helper'; readonly program: string }
  /** Inline in Docker's config file. */
  | { readonly kind: 'config'; readonly path: string };

/** A user name and password (or token) to store. */
export interface LoginCredentials {
  readonly username: string;
  readonly password: string;
}

/** The helper that holds `registry`'s credentials under `config`: its own, else the default store. */
function helperFor(config: DockerConfig | undefined, registry: string): string | undefined {
  if (config === undefined) return undefined;
  const own = registryHelper(config, authKeys(registry));
  if (own !== undefined) return own;
  return config.credsStore !== undefined && config.credsStore !== '' ? config.credsStore : undefined;
}

/**
 * `config` without the `auths` entries weld would read for `registry`
 * (every key form of {@link authKeys}), or undefined when it has none.
 */
function withoutAuths(config: DockerConfig, registry: string): DockerConfig | undefined {
  const auths = config.auths;
  if (auths === undefined) return undefined;
  const keys = authKeys(registry).filter((key) => Object.hasOwn(auths, key));
  if (keys.length === 0) return undefined;
  const kept = { ...auths };
  for (const key of keys) delete kept[key];
  return { ...config, auths: kept };
}

/**
 * Writes `config` to `path` (the target of a symlink, which stays): into a
 * temporary sibling with mode 0600, renamed into place, so that a reader
 * never sees half a file and nobody else can read the secrets.
 */
async function writeDockerConfig(path: string, config: DockerConfig): Promise<void> {
  const target = await realpath(path).catch(() => path);
  const folder = dirname(target);
  const temp = join(folder, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(folder, { recursive: true, mode: 0o700 });
    // Docker and oras indent with tabs.
    await writeFile(temp, `${JSON.stringify(config, null, '\t')}\n`, { mode: 0o600, flag: 'wx' });
    await chmod(temp, 0o600);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    throw new OciError('credentials', `cannot write ${path}: ${code ?? String(error)}`, undefined, { cause: error });
  }
}

/**
 * Stores `credentials` for `registry` (`host[:port]`; any of Docker Hub's
 * names) where Docker would: the registry's credential helper, else the
 * default one (`credsStore`), else `auths` in `config.json`. Storing in a
 * helper also drops inline `auths` entries for the registry, which weld
 * would otherwise read first. Returns where they went.
 */
export async function storeDockerCredentials(registry: string, credentials: LoginCredentials, env: NodeJS.ProcessEnv = process.env): Promise<CredentialLocation> {
  const path = dockerConfigPath(env);
  const config = await readDockerConfig(path);
  const server = dockerServerAddress(registry);
  const helper = helperFor(config, registry);
  if (helper !== undefined) {
    const program = `docker-credential-${helper}`;
    // A helper stores a token under the user `<token>`; a password is the secret either way.
    const input = JSON.stringify({ ServerURL: server, Username: credentials.username, Secret: credentials.password });
    const result = await runHelper(program, 'store', input, env);
    if (result.kind === 'not-found') throw new OciError('credentials', `${program} store: did not store the credentials for ${server}`);
    const stale = config === undefined ? undefined : withoutAuths(config, registry);
    if (stale !== undefined) await writeDockerConfig(path, stale);
    return { kind: 'helper', program };
  }
  // `user:password` is split at the first colon when read back.
  if (credentials.username.includes(':')) throw new OciError('credentials', `the user name ${JSON.stringify(credentials.username)} has a colon, which config.json's auth field cannot hold`);
  const base = config === undefined ? {} : (withoutAuths(config, registry) ?? config);
  const auth = Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64');
  await writeDockerConfig(path, { ...base, auths: { ...base.auths, [server]: { auth } } });
  return { kind: 'config', path };
}

/**
 * Removes `registry`'s credentials from its credential helper (`erase`)
 * and from `auths` in `config.json`, every key form weld reads. Returns
 * the places that held some (none: there was nothing to remove).
 */
export async function eraseDockerCredentials(registry: string, env: NodeJS.ProcessEnv = process.env): Promise<CredentialLocation[]> {
  const path = dockerConfigPath(env);
  const config = await readDockerConfig(path);
  const removed: CredentialLocation[] = [];
  const helper = helperFor(config, registry);
  if (helper !== undefined) {
    const program = `docker-credential-${helper}`;
    let erased = false;
    for (const server of helperServers(registry)) {
      if ((await runHelper(program, 'erase', server, env)).kind === 'ok') erased = true;
    }
    if (erased) removed.push({ kind: 'helper', program });
  }
  const rest = config === undefined ? undefined : withoutAuths(config, registry);
  if (rest !== undefined) {
    await writeDockerConfig(path, rest);
    removed.push({ kind: 'config', path });
  }
  return removed;
}
