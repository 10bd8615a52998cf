/**
 * wkg's `config.toml` (wasm-pkg-common's `Config`): where it is, what it
 * says, and which registry it picks for a package. The same file serves
 * both tools, so the keys and the rules are wkg's: a package override, then
 * the namespace mapping, then `default_registry`, then the built-in
 * namespaces (`wasi` → `wasi.dev`, `ba` → `bytecodealliance.org`), which
 * apply only when no file was named explicitly. Finding and reading the
 * file is `@weld/registry/node`'s business (`loadConfig`).
 */
import { RegistryError } from './errors.js';
import { isTable, parseToml, type Table } from './toml.js';
import { parseMetadata } from './metadata.js';
import type { OciRegistryConfig, RegistryConfig, RegistryMapping, WkgConfig } from './model.js';

/** wkg's built-in namespace registries, which apply when no config file is named explicitly. */
export const builtInNamespaces: ReadonlyMap<string, string> = new Map([
  ['wasi', 'wasi.dev'],
  ['ba', 'bytecodealliance.org'],
]);

/** A registry choice and the config entry that made it, for messages. */
export interface RegistryChoice {
  readonly registry: string;
  /** `package_registry_overrides."ns:pkg"`, `namespace_registries.ns`, `default_registry` or `built-in namespace ns`. */
  readonly because: string;
  /** The mapping's inline metadata, which stands in for the registry's `.well-known` file. */
  readonly metadata?: RegistryMapping['metadata'];
}


/** Parses a wkg `config.toml` (without the built-in namespaces); `path` names it in errors. */
export async function parseConfig(text: string, path: string): Promise<WkgConfig> {
  const doc = await parseToml(text, path);
  const fail = (key: string, why: string): never => {
    throw new RegistryError('config', `${path}: ${key}: ${why}`);
  };
  for (const key of Object.keys(doc)) {
    if (!['default_registry', 'namespace_registries', 'package_registry_overrides', 'registry'].includes(key)) fail(key, 'not a key of the wkg config (default_registry, namespace_registries, package_registry_overrides, registry)');
  }
  const defaultRegistry = doc['default_registry'];
  if (defaultRegistry !== undefined && typeof defaultRegistry !== 'string') fail('default_registry', 'expected a registry name');
  const mappings = (key: string): Map<string, RegistryMapping> => {
    const table = doc[key] ?? {};
    if (!isTable(table)) return fail(key, 'expected a table');
    const out = new Map<string, RegistryMapping>();
    for (const [name, value] of Object.entries(table)) out.set(name, mapping(value, `${key}.${JSON.stringify(name)}`, fail));
    return out;
  };
  const registries = new Map<string, RegistryConfig>();
  const registryTable = doc['registry'] ?? {};
  if (!isTable(registryTable)) fail('registry', 'expected a table');
  for (const [name, value] of Object.entries(registryTable as Table)) registries.set(name, registryConfig(value, `registry.${JSON.stringify(name)}`, fail));
  return {
    path,
    ...(typeof defaultRegistry === 'string' && { defaultRegistry }),
    namespaceRegistries: mappings('namespace_registries'),
    packageRegistryOverrides: mappings('package_registry_overrides'),
    fallbackNamespaceRegistries: new Map(),
    registries,
  };
}

type Fail = (key: string, why: string) => never;

function mapping(value: unknown, key: string, fail: Fail): RegistryMapping {
  if (typeof value === 'string') return { registry: value };
  if (!isTable(value) || typeof value['registry'] !== 'string' || !isTable(value['metadata'])) return fail(key, 'expected a registry name, or { registry = "…", metadata = { … } }');
  return { registry: value['registry'], metadata: parseMetadata(value['metadata'], `${key}.metadata`) };
}

function registryConfig(value: unknown, key: string, fail: Fail): RegistryConfig {
  if (!isTable(value)) return fail(key, 'expected a table');
  const chosen = value['default'] ?? value['type'];
  if (chosen !== undefined && typeof chosen !== 'string') fail(`${key}.default`, 'expected a backend name');
  const backends = Object.keys(value).filter((k) => k !== 'default' && k !== 'type');
  const oci = value['oci'];
  return {
    ...(typeof chosen === 'string' ? { backend: chosen } : backends.length === 1 && { backend: backends[0]! }),
    ...(oci !== undefined && { oci: ociConfig(oci, `${key}.oci`, fail) }),
    otherBackends: backends.filter((b) => b !== 'oci'),
  };
}

function ociConfig(value: unknown, key: string, fail: Fail): OciRegistryConfig {
  if (!isTable(value)) return fail(key, 'expected a table');
  const { auth, protocol } = value;
  let credentials: OciRegistryConfig['auth'];
  if (typeof auth === 'string') {
    // wkg accepts base64 `username:password`, padded or not.
    let decoded = '';
    try {
      // atob is forgiving about padding, as wkg's decoder is.
      decoded = new TextDecoder().decode(Uint8Array.from(atob(auth), (c) => c.charCodeAt(0)));
    } catch {
      fail(`${key}.auth`, 'invalid base64-encoded creds');
    }
    const colon = decoded.indexOf(':');
    if (colon < 0) fail(`${key}.auth`, 'invalid base64-encoded creds: expected <username>:<password> but no \':\' found');
    credentials = { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  } else if (isTable(auth) && typeof auth['username'] === 'string' && typeof auth['password'] === 'string') {
    credentials = { username: auth['username'], password: auth['password'] };
  } else if (auth !== undefined) {
    fail(`${key}.auth`, 'expected { username = "…", password = "…" } or base64 "username:password"');
  }
  if (protocol !== undefined && protocol !== 'http' && protocol !== 'https') fail(`${key}.protocol`, `Unknown OCI protocol ${JSON.stringify(protocol)} (http or https)`);
  return { ...(credentials && { auth: credentials }), ...(protocol !== undefined && { protocol: protocol as 'http' | 'https' }) };
}

/** The config's description for messages: its path, or that built-in defaults applied. */
export const configName = (config: WkgConfig): string =>
  config.path ?? `no config file (${config.searched === undefined ? '' : `${config.searched} does not exist; `}built-in defaults)`;

/**
 * The registry for `ns:pkg`, as wkg's `Config::resolve_registry` picks it,
 * or undefined when nothing names one.
 */
export function chooseRegistry(config: WkgConfig, namespace: string, name: string): RegistryChoice | undefined {
  const key = `${namespace}:${name}`;
  const override = config.packageRegistryOverrides.get(key);
  if (override !== undefined) return { ...override, because: `package_registry_overrides.${JSON.stringify(key)}` };
  const mapped = config.namespaceRegistries.get(namespace);
  if (mapped !== undefined) return { ...mapped, because: `namespace_registries.${namespace}` };
  if (config.defaultRegistry !== undefined) return { registry: config.defaultRegistry, because: 'default_registry' };
  const fallback = config.fallbackNamespaceRegistries.get(namespace);
  if (fallback !== undefined) return { registry: fallback, because: `wkg's built-in registry for the namespace ${namespace}` };
  return undefined;
}
