/**
 * Components by package name. `weld pull`, `inspect`, `run`, `serve`,
 * `types` and every `--plug` of `compose` take `ns:pkg@1.2.3` (or `ns:pkg`:
 * the newest release) wherever they take an OCI reference: wkg's config and
 * the registry's metadata map the name to the repository wkg would use, and
 * its tags give the version. What the text means is decided here, once: a
 * path that exists wins, then `LAYOUT:TAG`; a reference has a `/`
 * (`host:port/repo:tag`), a package name has none.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { decodeWitWasm } from '@weld/build';
import { resolveArtifact, defaultCacheDir as hostCacheDir } from '@weld/host';
import { defaultLimits, formatReference, looksLikeReference } from '@weld/oci';
import { dockerCredentials, isLayout } from '@weld/oci/node';
import { PackageRegistry, type RegistryAccess } from '@weld/registry';
import { ContentCache, defaultCacheDir, loadConfig } from '@weld/registry/node';
import { parseSemver, SemverError, type PackageName } from '@weld/wit';
import type { CliIo } from './io.js';
import { UsageError } from './report-error.js';

/** A WIT identifier: kebab-case words, each all lower or all upper case. */
const word = '(?:[a-z][a-z0-9]*|[A-Z][A-Z0-9]*)';
const identifier = `${word}(?:-${word})*`;
const packageNamePattern = new RegExp(`^(${identifier}):(${identifier})(?:@(.+))?$`, 'u');

/** `ns:pkg` or `ns:pkg@1.2.3` as a package name; undefined for anything else (a `/` makes it a reference). A bad version is a usage error. */
export function packageNameOf(text: string): PackageName | undefined {
  const match = packageNamePattern.exec(text);
  if (match === null) return undefined;
  const version = match[3];
  if (version === undefined) return { namespace: match[1]!, name: match[2]!, version: undefined };
  try {
    return { namespace: match[1]!, name: match[2]!, version: parseSemver(version).text };
  } catch (error) {
    if (error instanceof SemverError) throw new UsageError(`${text}: the version ${version} is not semver: ${error.message}`, 'a package is ns:pkg@1.2.3, or ns:pkg for its newest release');
    throw error;
  }
}

/** Whether `text` names something on disk: a path that exists, or `LAYOUT:TAG`. */
async function onDisk(text: string): Promise<boolean> {
  if (existsSync(text)) return true;
  const colon = text.lastIndexOf(':');
  return colon > 0 && (await isLayout(text.slice(0, colon)));
}

/** A command-line target once package names are resolved. */
export interface ResolvedTarget {
  /** The text as given, or the OCI reference its package name maps to. */
  readonly text: string;
  /** For a package name: how wkg's config says its registry is reached (plain HTTP, `auth`); empty otherwise. */
  readonly access: RegistryAccess;
}

/**
 * `text` as the commands read it: a package name that is not on disk becomes
 * the OCI reference of its version (exact, or the newest release) by wkg's
 * mapping; anything else is returned as given. When the name cannot be
 * resolved the `RegistryError` names the package, the registry it tried and
 * the config that chose it.
 */
export async function resolveTarget(text: string, io: CliIo, signal?: AbortSignal): Promise<ResolvedTarget> {
  const name = (await onDisk(text)) ? undefined : packageNameOf(text);
  if (name === undefined) return { text, access: {} };
  const env = (io.env ?? process.env) as NodeJS.ProcessEnv;
  const registry = new PackageRegistry({
    config: await loadConfig(undefined, env),
    // The registry's cache and decoder serve WIT packages; a component by name is only located here, and read by the command.
    cache: new ContentCache(defaultCacheDir(env)),
    decodeWasm: decodeWitWasm,
    credentials: dockerCredentials(env),
    ...(signal && { signal }),
  });
  const { reference, access } = await registry.reference(name);
  return { text: formatReference(reference), access };
}

/**
 * The component bytes `text` names, for the commands that read only bytes
 * (`types`, `compose --plug`): a file as it is; a layout, an OCI reference
 * or a package name as `weld run` reads it (pulled blobs cached), stopped
 * by `signal`.
 */
export async function componentBytes(text: string, io: CliIo, signal?: AbortSignal): Promise<Uint8Array> {
  if (existsSync(text) && !(await isLayout(text))) return new Uint8Array(await readFile(text));
  const target = await resolveTarget(text, io, signal);
  const artifact = await resolveArtifact(target.text, { cacheDir: hostCacheDir(), registry: { ...target.access, ...(signal && { limits: { ...defaultLimits, signal } }) } });
  return (await artifact.load()).bytes;
}

/** Whether `text` is read through {@link componentBytes} rather than as a local file or folder: a layout, or a reference or a package name not on disk. */
export async function isRemoteComponent(text: string): Promise<boolean> {
  if (existsSync(text)) return isLayout(text);
  return looksLikeReference(text) || packageNameOf(text) !== undefined;
}
