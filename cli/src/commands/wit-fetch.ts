/**
 * `weld wit fetch [WIT_DIR]` and `weld wit update [WIT_DIR]`: the packages a
 * WIT folder uses, by name from the registries wkg's config names, into its
 * `deps/` with a wkg.lock, as `wkg wit fetch` does it (and interchangeably
 * with it). `update` takes the newest versions instead of the locked ones.
 */
import { stat } from 'node:fs/promises';
import { relative } from 'node:path';
import type { Command } from 'commander';
import { decodeWitWasm } from '@weld/build';
import { dockerCredentials } from '@weld/oci/node';
import { ContentCache, defaultCacheDir, fetchWitDependencies, findLockPath, loadConfig, type WitFetchResult } from '@weld/registry/node';
import { interruptible, type CliIo } from '../io.js';
import { assertReadable, assertWitFolder } from '../paths.js';
import { UsageError } from '../report-error.js';

/** The options of both commands, as commander hands them over. */
export interface WitFetchFlags {
  readonly config?: string;
  readonly lock?: string;
  readonly cache?: string;
  readonly offline?: boolean;
}

/** Registers `fetch` and `update` under `weld wit`. */
export function registerWitFetch(wit: Command, io: CliIo): void {
  const add = (name: string, description: string, update: boolean) =>
    wit
      .command(name)
      .description(description)
      .argument('[wit-dir]', 'the WIT folder whose deps/ to fill', 'wit')
      .option('--config <file>', "wkg's config file (default: $WKG_CONFIG_FILE, else ~/.config/wasm-pkg/config.toml)")
      .option('--lock <file>', 'the lock file (default: wkg.lock next to the nearest wkg.toml, else in the current folder)')
      .option('--cache <dir>', 'the package cache (default: $XDG_CACHE_HOME/weld/packages)')
      .option('--offline', 'use only the lock and the cache, never the network')
      .action(async (dir: string, flags: WitFetchFlags) => {
        io.out(await interruptible(io, (signal) => runWitFetch(dir, flags, update, io.env ?? process.env, signal)));
      });
  add('fetch', "fill WIT_DIR/deps/ with the packages it uses, by name from a registry, and write wkg.lock (the locked versions first)", false);
  add('update', 'like fetch, but take the newest versions that fit instead of the locked ones, and rewrite wkg.lock', true);
}

/** Runs the fetch and returns what to print: one line per package, then what was written. */
export async function runWitFetch(dir: string, flags: WitFetchFlags, update: boolean, env: Readonly<Record<string, string | undefined>>, signal?: AbortSignal): Promise<string> {
  await assertReadable(dir);
  if (!(await stat(dir)).isDirectory()) throw new UsageError(`${dir}: not a folder`, 'weld wit fetch takes the WIT folder whose deps/ it fills');
  await assertWitFolder(dir);
  const environment = env as NodeJS.ProcessEnv;
  const result = await fetchWitDependencies({
    witDir: dir,
    lockPath: flags.lock ?? findLockPath(process.cwd()),
    config: await loadConfig(flags.config, environment),
    cache: new ContentCache(flags.cache ?? defaultCacheDir(environment)),
    decodeWasm: decodeWitWasm,
    credentials: dockerCredentials(environment),
    ...(flags.offline === true && { offline: true }),
    ...(update && { update: true }),
    ...(signal && { signal }),
  });
  return report(dir, result);
}

function report(dir: string, result: WitFetchResult): string {
  const lines = result.resolutions.map((r) => `${r.package}@${r.locked.version}  ${r.cached ? 'cached' : r.reference}  ${r.locked.digest}`);
  const deps = `${dir.replace(/\/+$/u, '')}/deps`;
  const lock = relative(process.cwd(), result.lockPath) || result.lockPath;
  lines.push(`wrote ${deps} (${result.folders.length} ${result.folders.length === 1 ? 'package' : 'packages'}: ${result.folders.join(', ') || 'none'}) and ${lock}`);
  return `${lines.join('\n')}\n`;
}
