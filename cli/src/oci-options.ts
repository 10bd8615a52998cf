/**
 * What `weld package`, `push`, `pull` and `inspect REF` share: the packaging
 * flags, the registry flags (credentials, plain HTTP, retries), telling a
 * reference from a path, and progress bars on a terminal.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { MultiBar, type Options, type Params } from 'cli-progress';
import {
  defaultLimits, looksLikeReference, OciError, parseReference, RegistryClient, staticCredentials, type CredentialSource, type OnTransfer,
  type PackageOptions, type Reference, type TransferLimits,
} from '@weld/oci';
import { dockerCredentials, isLayout, uploadFetch } from '@weld/oci/node';
import type { RegistryAccess } from '@weld/registry';
import { unreachable } from '@weld/wit';
import type { CliIo } from './io.js';
import { assertNotWit } from './paths.js';
import { UsageError } from './report-error.js';
import { formatSize } from './render-inspect.js';

const repeatable = (value: string, previous: readonly string[] | undefined): string[] => [...(previous ?? []), value];

/** The packaging flags, as commander hands them over. */
export interface PackageFlags {
  readonly title?: string;
  readonly created?: string;
  readonly author?: string;
  readonly artifactVersion?: string;
  readonly source?: string;
  readonly revision?: string;
  readonly description?: string;
  readonly licenses?: string;
  readonly annotation?: readonly string[];
}

/** Adds the packaging flags to `command`. */
export function packageFlags(command: Command): Command {
  return command
    .option('--title <name>', 'the file name the artifact records (default: the input\'s)')
    .option('--artifact-version <version>', 'org.opencontainers.image.version (default: the binary\'s `version` section)')
    .option('--source <url>', 'org.opencontainers.image.source')
    .option('--revision <rev>', 'org.opencontainers.image.revision (a commit)')
    .option('--description <text>', 'org.opencontainers.image.description')
    .option('--licenses <spdx>', 'org.opencontainers.image.licenses')
    .option('--author <name>', 'the config\'s author and org.opencontainers.image.authors')
    .option('--created <time>', 'the creation time, RFC 3339 (default: SOURCE_DATE_EPOCH, else now)')
    .option('--annotation <key=value>', 'another manifest annotation (repeatable)', repeatable);
}

/** The packaging flags as library options. */
export function packageOptions(file: string, flags: PackageFlags): PackageOptions {
  let created: Date | undefined;
  if (flags.created !== undefined) {
    created = new Date(flags.created);
    if (Number.isNaN(created.getTime())) throw new UsageError(`--created ${flags.created}: not an RFC 3339 time`);
  }
  const annotations: Record<string, string> = {};
  for (const pair of flags.annotation ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--annotation ${pair}: expected KEY=VALUE`);
    annotations[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const pick = <K extends keyof PackageFlags>(key: K) => (flags[key] === undefined ? {} : { [key]: flags[key] });
  return {
    title: flags.title ?? basename(file),
    ...(created && { created }),
    ...pick('author'),
    ...(flags.artifactVersion !== undefined && { version: flags.artifactVersion }),
    ...pick('source'),
    ...pick('revision'),
    ...pick('description'),
    ...pick('licenses'),
    ...(Object.keys(annotations).length > 0 && { annotations }),
  } as PackageOptions;
}

/** The transfer flags, as commander hands them over. */
export interface TransferFlags {
  readonly timeout?: string;
  readonly minRate?: string;
}

/** Adds `--timeout` and `--min-rate` to `command` (pull, push, run). */
export function transferFlags(command: Command): Command {
  return command
    .option('--timeout <duration>', 'give up on the whole transfer after this long, such as 90s or 10m (default: $WELD_REGISTRY_TIMEOUT, else never)')
    .option(
      '--min-rate <size[/duration]>',
      `a transfer slower than this many bytes a second (over the window given, or ${defaultLimits.windowMs / 1000}s) is stalled, and tried again; 0: only one that moves nothing (default: $WELD_REGISTRY_MIN_RATE, else 1k)`,
    );
}

/** A duration: `90s`, `10m`, `1h`, `500ms`, or a plain number of seconds. */
function parseDuration(text: string, source: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(text.trim());
  if (match === null) throw new UsageError(`${source}: expected a duration such as 90s, 10m or 1h`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(match[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return Number(match[1]) * unit;
}

/**
 * The transfer limits of the flags (else `WELD_REGISTRY_TIMEOUT` and
 * `WELD_REGISTRY_MIN_RATE`, else the defaults), with a signal that fires at
 * the deadline or when `interrupt` does. The deadline counts from now.
 */
export function transferLimits(flags: TransferFlags, io: CliIo, interrupt: AbortSignal): TransferLimits {
  const from = (flag: string, value: string | undefined, variable: string): { text: string; source: string } | undefined => {
    if (value !== undefined) return { text: value, source: `${flag} ${value}` };
    const fromEnv = io.env?.[variable];
    return fromEnv === undefined || fromEnv === '' ? undefined : { text: fromEnv, source: `${variable}=${fromEnv}` };
  };
  let { minBytesPerSecond, windowMs } = defaultLimits;
  const rate = from('--min-rate', flags.minRate, 'WELD_REGISTRY_MIN_RATE');
  if (rate !== undefined) {
    const [size = '', window] = rate.text.split('/');
    const expected = `${rate.source}: expected a rate such as 1k, 512 or 10k/5s`;
    if (!/^\s*\d+\s*[kmg]?i?b?\s*$/i.test(size)) throw new UsageError(expected);
    minBytesPerSecond = /^\s*0+\s*$/.test(size) ? 0 : parseSize(size, '--min-rate');
    if (window !== undefined) windowMs = parseDuration(window, rate.source);
    if (windowMs < 1) throw new UsageError(expected);
  }
  const controller = new AbortController();
  if (interrupt.aborted) controller.abort(interrupt.reason);
  else interrupt.addEventListener('abort', () => controller.abort(interrupt.reason), { once: true });
  const timeout = from('--timeout', flags.timeout, 'WELD_REGISTRY_TIMEOUT');
  const ms = timeout === undefined ? 0 : parseDuration(timeout.text, timeout.source);
  if (timeout !== undefined && ms > 0) {
    const name = timeout.source.startsWith('--') ? '--timeout' : 'WELD_REGISTRY_TIMEOUT';
    const deadline = new OciError('network', `gave up after ${timeout.text.trim()} (${name}): the transfer did not finish in time`);
    setTimeout(() => controller.abort(deadline), ms).unref();
  }
  return { minBytesPerSecond, windowMs, signal: controller.signal };
}

/** The registry flags, as commander hands them over. */
export interface RegistryFlags extends TransferFlags {
  readonly plainHttp?: boolean;
  readonly username?: string;
  readonly passwordStdin?: boolean;
  readonly retries?: string;
  readonly json?: boolean;
}

/** Adds the registry flags to `command`. */
export function registryFlags(command: Command): Command {
  return command
    .option('--plain-http', 'allow plain HTTP to a registry that is not on loopback (loopback always may)')
    .option('-u, --username <user>', 'log in as this user (else Docker\'s config.json and credential helpers)')
    .option('--password-stdin', 'read the password for --username from standard input')
    .option('--retries <n>', 'tries after the first on 5xx answers, dropped connections and stalls', '4')
    .option('--json', 'print the result as JSON');
}

/** Adds the registry and transfer flags to `command`. */
export function allRegistryFlags(command: Command): Command {
  return transferFlags(registryFlags(command));
}

/** Standard input as text, without its final line break: a password piped in. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** A client for `ref`'s registry, with the flags' credentials and policy (over `extra.access`: what wkg's config says of a package name's registry). */
export async function registryClient(ref: Reference, flags: RegistryFlags, io: CliIo, limits: TransferLimits, extra: { chunkSize?: number; access?: RegistryAccess } = {}): Promise<RegistryClient> {
  let credentials: CredentialSource = extra.access?.credentials ?? dockerCredentials();
  if (flags.passwordStdin === true && flags.username === undefined) throw new UsageError('--password-stdin needs --username');
  if (flags.username !== undefined) {
    if (flags.passwordStdin !== true) throw new UsageError('--username needs --password-stdin (a password on the command line would end up in shell history)');
    credentials = staticCredentials({ kind: 'basic', username: flags.username, password: await readStdin() });
  }
  const retries = Number(flags.retries ?? '4');
  if (!Number.isInteger(retries) || retries < 0) throw new UsageError(`--retries ${flags.retries ?? ''}: expected a whole number`);
  return new RegistryClient({
    registry: ref.registry,
    credentials,
    ...((flags.plainHttp === true || extra.access?.plainHttp === true) && { plainHttp: true }),
    retry: { retries, baseDelayMs: 250 },
    limits,
    fetch: uploadFetch,
    ...(extra.chunkSize !== undefined && { chunkSize: extra.chunkSize }),
    onRetry: (what, reason, wait) => {
      if (io.debug) io.err(`retrying ${what} in ${Math.round(wait)} ms (${reason})\n`);
    },
  });
}

/** A byte count: `12m`, `512k`, or a plain number. */
export function parseSize(text: string, flag: string): number {
  const match = /^(\d+)\s*([kmg]?)i?b?$/i.exec(text.trim());
  if (match === null) throw new UsageError(`${flag} ${text}: expected a size such as 5m or 65536`);
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
  const value = Number(match[1]) * unit;
  if (value < 1) throw new UsageError(`${flag} ${text}: must be at least 1 byte`);
  return value;
}

/** What an argument names: a registry reference, or a local file or layout (with an optional `:ref`). */
export type Target =
  | { readonly kind: 'reference'; readonly ref: Reference }
  | { readonly kind: 'layout'; readonly path: string; readonly ref?: string }
  | { readonly kind: 'file'; readonly path: string };

/** Tells a path from a reference: what exists on disk is a path; else `host[:port]/repo…` is a reference. */
export async function classify(text: string): Promise<Target> {
  if (existsSync(text)) return (await isLayout(text)) ? { kind: 'layout', path: text } : { kind: 'file', path: text };
  const colon = text.lastIndexOf(':');
  if (colon > 0 && (await isLayout(text.slice(0, colon)))) return { kind: 'layout', path: text.slice(0, colon), ref: text.slice(colon + 1) };
  if (looksLikeReference(text)) return { kind: 'reference', ref: parseReference(text) };
  throw new UsageError(`${text}: no such file or layout, and not a reference of the form host[:port]/repository[:tag|@digest]`);
}

/** Reads a file named on the command line. */
export const readInput = (path: string): Promise<Uint8Array> => withInput(path, (file) => readFile(file));

/**
 * Runs `read` on a file named on the command line (`readFile`, or a reader
 * that streams it); a failure of the file system becomes a usage error
 * naming the file, any other error passes through.
 */
export async function withInput<T>(path: string, read: (path: string) => Promise<T>): Promise<T> {
  assertNotWit(path, 'binary');
  try {
    return await read(path);
  } catch (error) {
    const { code, syscall } = error as NodeJS.ErrnoException;
    if (syscall === undefined) throw error;
    throw new UsageError(`${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : 'cannot be read'}`);
  }
}

/** Bytes per second, readable. */
const rate = (bytes: number, ms: number): string => `${formatSize(ms <= 0 ? 0 : Math.round((bytes * 1000) / ms))}/s`;

/** A transfer's progress: bars with bytes and rate on a terminal, nothing otherwise. */
export interface Progress {
  readonly onTransfer: OnTransfer | undefined;
  /** Removes the bars. */
  readonly stop: () => void;
}

/** Progress bars on stderr when both stdout and stderr are terminals, `--json` is off and colours are allowed (see `CliIo.color`). */
export function progress(json: boolean | undefined, verb: string, io: CliIo): Progress {
  if (json === true || io.color !== true || process.stdout.isTTY !== true || process.stderr.isTTY !== true) return { onTransfer: undefined, stop: () => {} };
  const format = (_options: Options, params: Params, payload: { label?: string }): string => {
    const width = 24;
    const done = params.total === 0 ? width : Math.round((params.value / params.total) * width);
    const bar = '█'.repeat(done) + '░'.repeat(width - done);
    return `${verb} ${payload.label ?? ''} ${bar} ${formatSize(params.value)} / ${formatSize(params.total)}  ${rate(params.value, Date.now() - params.startTime)}`;
  };
  const multibar = new MultiBar({ format, hideCursor: true, clearOnComplete: false, stopOnComplete: false, fps: 10, stream: process.stderr });
  const bars = new Map<string, ReturnType<MultiBar['create']>>();
  return {
    onTransfer: (event) => {
      const label = event.digest.slice(7, 19);
      switch (event.kind) {
        case 'start':
          bars.set(event.digest, multibar.create(event.size, 0, { label }));
          break;
        case 'bytes':
          bars.get(event.digest)?.increment(event.bytes);
          break;
        case 'restart':
          bars.get(event.digest)?.update(0);
          break;
        case 'done': {
          const bar = bars.get(event.digest);
          if (bar !== undefined && event.outcome !== 'uploaded' && event.outcome !== 'downloaded') bar.update(bar.getTotal(), { label: `${label} (${event.outcome})` });
          else bar?.update(bar.getTotal());
          break;
        }
        default:
          unreachable(event);
      }
    },
    stop: () => multibar.stop(),
  };
}
