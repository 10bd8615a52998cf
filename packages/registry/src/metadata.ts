/**
 * A registry's metadata, `/.well-known/wasm-pkg/registry.json`: where its
 * OCI registry is and what prefix its repositories have. Both forms are
 * read: `{ "oci": { "registry", "namespacePrefix" } }` and the deprecated
 * `{ "ociRegistry", "ociNamespacePrefix" }`. As wkg does, a registry without
 * the file (or one that cannot be reached) is its own OCI registry.
 */
import { RegistryError } from './errors.js';
import type { RegistryMetadata } from './model.js';

/** The well-known path (RFC 8615) of registry metadata. */
export const metadataPath = '/.well-known/wasm-pkg/registry.json';

const optionalString = (value: unknown, key: string, where: string): string | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new RegistryError('config', `${where}: ${key}: expected a string`);
  return value;
};

/** Reads metadata from its JSON (or TOML inline table) value; `where` names it in errors. */
export function parseMetadata(value: unknown, where: string): RegistryMetadata {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RegistryError('config', `${where}: expected an object`);
  const fields = value as Record<string, unknown>;
  const oci = fields['oci'];
  if (oci !== undefined && (typeof oci !== 'object' || oci === null || Array.isArray(oci))) throw new RegistryError('config', `${where}: oci: expected an object`);
  const block = (oci ?? {}) as Record<string, unknown>;
  // The deprecated keys fill in what the block leaves out, as wkg's protocol_config does (they win over it there too).
  const registry = optionalString(fields['ociRegistry'], 'ociRegistry', where) ?? optionalString(block['registry'], 'oci.registry', where);
  const prefix = optionalString(fields['ociNamespacePrefix'], 'ociNamespacePrefix', where) ?? optionalString(block['namespacePrefix'], 'oci.namespacePrefix', where);
  const preferred = optionalString(fields['preferredProtocol'], 'preferredProtocol', where);
  const reserved = new Set(['preferredProtocol', 'oci', 'ociRegistry', 'ociNamespacePrefix']);
  return {
    ...(preferred !== undefined && { preferredProtocol: preferred }),
    ...((oci !== undefined || registry !== undefined || prefix !== undefined) && {
      oci: { ...(registry !== undefined && { registry }), ...(prefix !== undefined && { namespacePrefix: prefix }) },
    }),
    otherProtocols: Object.keys(fields).filter((key) => !reserved.has(key)),
  };
}

/** What discovery found: the metadata, and why it is the default one when it is. */
export interface Discovered {
  readonly metadata: RegistryMetadata;
  /** The URL asked. */
  readonly url: string;
  /** Set when the file could not be had (and defaults apply): not found, or the reason. */
  readonly missing?: string;
}

/** The URL wkg asks for a registry's metadata: plain HTTP only for `localhost` and `127.0.0.1`. */
export function metadataUrl(registry: string): string {
  const host = registry.startsWith('[') ? registry.slice(0, registry.indexOf(']') + 1) : registry.replace(/:\d+$/, '');
  const scheme = host === 'localhost' || host === '127.0.0.1' ? 'http' : 'https';
  return `${scheme}://${registry}${metadataPath}`;
}

/** The most a metadata file may hold: it is a few lines. */
const maxMetadataBytes = 64 * 1024;

/**
 * Fetches a registry's metadata. A 404, an unreachable host or a bad answer
 * gives the default metadata (wkg's `fetch_or_default`), with the reason in
 * `missing`, so the error that follows can say what was tried; an aborted
 * `signal` (an interrupt) is thrown.
 */
export async function discover(registry: string, fetchImpl: typeof fetch = fetch, signal?: AbortSignal, timeoutMs = 10_000): Promise<Discovered> {
  const url = metadataUrl(registry);
  const none = (missing: string): Discovered => ({ metadata: { otherProtocols: [] }, url, missing });
  let response: Response;
  try {
    const timeout = AbortSignal.timeout(timeoutMs);
    response = await fetchImpl(url, { signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]), redirect: 'follow' });
  } catch (error) {
    // An interrupt is not a missing file.
    if (signal?.aborted === true) throw error;
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return none(`unreachable (${cause ?? (error instanceof Error ? error.message : String(error))})`);
  }
  if (response.status === 404) {
    await response.body?.cancel();
    return none('not found (404)');
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    return none(`answered ${response.status}`);
  }
  const body = new Uint8Array(await response.arrayBuffer());
  if (body.length > maxMetadataBytes) return none(`more than ${maxMetadataBytes} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return none('not JSON');
  }
  try {
    return { metadata: parseMetadata(json, url), url };
  } catch (error) {
    if (error instanceof RegistryError) return none(error.message);
    throw error;
  }
}
