/**
 * `weld login REGISTRY` and `weld logout REGISTRY`: credentials checked
 * against the registry, then stored where Docker and oras keep them (the
 * credential helper config.json names, else config.json's `auths`), so that
 * `weld push`, `oras` and `docker` all use them.
 */
import type { Command } from 'commander';
import { RegistryClient, staticCredentials } from '@weld/oci';
import { dockerServerAddress, eraseDockerCredentials, storeDockerCredentials, type CredentialLocation } from '@weld/oci/node';
import type { CliIo } from '../io.js';
import { readStdin } from '../oci-options.js';
import { UsageError } from '../report-error.js';

/** The options `weld login` accepts. */
export interface LoginCommandOptions {
  readonly username?: string;
  readonly password?: string;
  readonly passwordStdin?: boolean;
  readonly plainHttp?: boolean;
}

/** Registers `weld login REGISTRY` and `weld logout REGISTRY`. */
export function registerLogin(program: Command, io: CliIo): void {
  program
    .command('login')
    .description('check credentials against a registry and store them as Docker and oras do (credential helper, else config.json)')
    .argument('<registry>', 'host[:port] (docker.io for Docker Hub)')
    .option('-u, --username <user>', 'the user name')
    .option('-p, --password <password>', 'the password or token (visible to other processes and in shell history: prefer --password-stdin)')
    .option('--password-stdin', 'read the password or token from standard input')
    .option('--plain-http', 'allow plain HTTP to a registry that is not on loopback (loopback always may)')
    .action(async (registry: string, _options: unknown, command: Command) => {
      const options = command.opts<LoginCommandOptions>();
      io.out(await runLogin(registry, options, io));
    });
  program
    .command('logout')
    .description('remove the credentials `weld login` (or docker, or oras) stored for a registry')
    .argument('<registry>', 'host[:port] (docker.io for Docker Hub)')
    .action(async (registry: string) => {
      io.out(await runLogout(registry, io));
    });
}

/**
 * The registry host of a command-line argument: `host[:port]`, with a
 * scheme and path dropped as Docker does (`https://index.docker.io/v1/`).
 */
function registryHost(text: string): string {
  const host = text.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/s, '');
  if (!/^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(host)) {
    throw new UsageError(`${text}: not a registry host; expected host[:port], such as ghcr.io or localhost:5000`);
  }
  return host;
}

/** Where credentials are, for a message. */
const describeLocation = (location: CredentialLocation): string => (location.kind === 'helper' ? location.program : location.path);

/** The password from the flags or standard input; weld never prompts, so a terminal on stdin with neither flag is an error. */
async function password(options: LoginCommandOptions, io: CliIo): Promise<string> {
  if (options.password !== undefined && options.passwordStdin === true) throw new UsageError('--password and --password-stdin exclude each other');
  let secret: string;
  if (options.password !== undefined) {
    io.err('warning: a password given with --password shows in the process list and shell history; use --password-stdin\n');
    secret = options.password;
  } else if (options.passwordStdin === true || process.stdin.isTTY !== true) {
    secret = await readStdin();
  } else {
    throw new UsageError('weld login does not prompt for a password', 'pipe it in with --password-stdin (printf %s "$TOKEN" | weld login -u USER --password-stdin REGISTRY), or give -p');
  }
  if (secret === '') throw new UsageError('the password is empty (read from standard input)', 'pipe it in with --password-stdin, or give -p');
  return secret;
}

/** Checks the credentials against `registryText` and stores them; returns the text to print. */
export async function runLogin(registryText: string, options: LoginCommandOptions, io: CliIo): Promise<string> {
  const host = registryHost(registryText);
  if (options.username === undefined || options.username === '') throw new UsageError('weld login needs --username (-u)', 'weld does not prompt for one');
  const credentials = { username: options.username, password: await password(options, io) };
  // Docker Hub is addressed as registry-1.docker.io, whatever name it is logged in under.
  const address = dockerServerAddress(host) === host ? host : 'registry-1.docker.io';
  const client = new RegistryClient({
    registry: address,
    credentials: staticCredentials({ kind: 'basic', ...credentials }),
    ...(options.plainHttp === true && { plainHttp: true }),
  });
  await client.ping();
  const location = await storeDockerCredentials(host, credentials, io.env ?? process.env);
  return `logged in to ${host} as ${credentials.username}\n  stored in: ${describeLocation(location)}\n`;
}

/** Removes `registryText`'s stored credentials; returns the text to print. */
export async function runLogout(registryText: string, io: CliIo): Promise<string> {
  const host = registryHost(registryText);
  const removed = await eraseDockerCredentials(host, io.env ?? process.env);
  if (removed.length === 0) return `not logged in to ${host}: no credentials stored for it\n`;
  return `logged out of ${host}\n  removed from: ${removed.map(describeLocation).join(', ')}\n`;
}
