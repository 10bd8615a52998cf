/**
 * Finding and reading wkg's `config.toml`: `--config` or `$WKG_CONFIG_FILE`
 * (which must exist), else `$XDG_CONFIG_HOME/wasm-pkg/config.toml` (or
 * `~/.config/…`) when it exists, over wkg's built-in namespaces.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { builtInNamespaces, parseConfig } from '../config.js';
import { RegistryError } from '../errors.js';
import type { WkgConfig } from '../model.js';

/** Where wkg looks for its config by default: `$XDG_CONFIG_HOME/wasm-pkg/config.toml`, else `~/.config/wasm-pkg/config.toml`. */
export function defaultConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env['XDG_CONFIG_HOME'] !== undefined && env['XDG_CONFIG_HOME'] !== '' ? env['XDG_CONFIG_HOME'] : join(homedir(), '.config');
  return join(base, 'wasm-pkg', 'config.toml');
}

/**
 * Loads wkg's configuration: `path` when given (as `--config` or
 * `$WKG_CONFIG_FILE`, which must exist), else the default file if there is
 * one, over the built-in namespaces (which an explicit file goes without, as
 * in wkg).
 */
export async function loadConfig(path: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<WkgConfig> {
  const explicit = path ?? (env['WKG_CONFIG_FILE'] !== undefined && env['WKG_CONFIG_FILE'] !== '' ? env['WKG_CONFIG_FILE'] : undefined);
  const file = explicit ?? defaultConfigPath(env);
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (explicit !== undefined || code !== 'ENOENT') throw new RegistryError('config', `${file}: cannot read the wkg config (${code ?? String(error)})`);
  }
  const fallbacks = explicit === undefined ? builtInNamespaces : new Map<string, string>();
  if (text === undefined) {
    return { path: undefined, searched: file, namespaceRegistries: new Map(), packageRegistryOverrides: new Map(), fallbackNamespaceRegistries: fallbacks, registries: new Map() };
  }
  return { ...(await parseConfig(text, file)), fallbackNamespaceRegistries: fallbacks };
}
