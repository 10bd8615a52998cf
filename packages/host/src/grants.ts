/**
 * Capability grants: what a guest may see of the host. Everything not listed
 * here is denied; `grantsFromFlags` turns the command line's flags into one.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { HostError } from './errors.js';

/** A host directory the guest sees as a preopen. */
export interface DirGrant {
  /** Absolute host path. */
  readonly host: string;
  /** The name the guest sees (`wasi:filesystem/preopens`). */
  readonly guest: string;
}

/** Everything a guest is allowed; the empty policy is {@link denyAll}. */
export interface Grants {
  /** Preopened directories; none by default. */
  readonly dirs: readonly DirGrant[];
  /** The environment `wasi:cli/environment` reports; empty by default. */
  readonly env: Readonly<Record<string, string>>;
  /** `wasi:sockets/*` and `wasi:http/outgoing-handler`; denied by default. */
  readonly net: boolean;
  /** The host's wall-clock time; by default the guest's wall clock starts at the Unix epoch when it starts. */
  readonly wallClock: boolean;
}

/** No directories, no environment, no network, no wall-clock time. */
export const denyAll: Grants = { dirs: [], env: {}, net: false, wallClock: false };

/** The grant flags of `weld run` and `weld serve`, as commander parses them. */
export interface GrantFlags {
  /** `--dir HOST[::GUEST]`, repeatable. */
  readonly dir?: readonly string[];
  /** `--env K=V` or `--env K` (the host's value of K), repeatable. */
  readonly env?: readonly string[];
  /** `--inherit-env`: every host variable (`--env` still overrides). */
  readonly inheritEnv?: boolean;
  /** `--allow-net`. */
  readonly allowNet?: boolean;
  /** `--allow-clock`. */
  readonly allowClock?: boolean;
}

/**
 * The grants the flags give. `--dir` follows wasmtime: `HOST::GUEST`, or
 * `HOST` alone, which the guest sees under the same name; the host directory
 * must exist. `--env K` without `=` copies the host's K if it is set.
 * Throws a `bad-grant` HostError naming the flag.
 */
export function grantsFromFlags(flags: GrantFlags, hostEnv: Readonly<Record<string, string | undefined>> = process.env): Grants {
  const dirs: DirGrant[] = [];
  for (const spec of flags.dir ?? []) {
    const sep = spec.indexOf('::');
    const hostPath = sep === -1 ? spec : spec.slice(0, sep);
    const guest = sep === -1 ? spec : spec.slice(sep + 2);
    if (hostPath === '' || guest === '') throw new HostError('bad-grant', `--dir ${spec}: expected HOST or HOST::GUEST`);
    const host = resolve(hostPath);
    let isDir: boolean;
    try {
      isDir = statSync(host).isDirectory();
    } catch {
      throw new HostError('bad-grant', `--dir ${spec}: ${hostPath} does not exist`);
    }
    if (!isDir) throw new HostError('bad-grant', `--dir ${spec}: ${hostPath} is not a directory`);
    if (dirs.some((d) => d.guest === guest)) throw new HostError('bad-grant', `--dir ${spec}: the guest path ${guest} is granted twice`);
    dirs.push({ host, guest });
  }
  const env: Record<string, string> = {};
  if (flags.inheritEnv === true) {
    for (const [key, value] of Object.entries(hostEnv)) if (value !== undefined) env[key] = value;
  }
  for (const spec of flags.env ?? []) {
    const eq = spec.indexOf('=');
    const key = eq === -1 ? spec : spec.slice(0, eq);
    if (key === '') throw new HostError('bad-grant', `--env ${spec}: expected K=V or K`);
    if (eq !== -1) env[key] = spec.slice(eq + 1);
    else {
      const value = hostEnv[key];
      if (value !== undefined) env[key] = value;
    }
  }
  return { dirs, env, net: flags.allowNet === true, wallClock: flags.allowClock === true };
}
