/**
 * What `wkg publish` decides before it pushes: the package's name and
 * version (`ns:pkg@1.2.3`, wasm-pkg-common's label rules), the manifest
 * annotations a project's `wkg.toml` `[metadata]` gives, and the artifact
 * itself: the CNCF Wasm artifact with the layer titled `pkg.wasm` and the
 * version annotated, as wasm-pkg-client's OCI publisher writes it.
 */
import { mediaTypes, wasmArtifact, type OciImage } from '@weld/oci';
import { parseSemver, SemverError, type PackageName } from '@weld/wit';
import { RegistryError } from './errors.js';

/** A package name with the version it is published as. */
export interface PublishedName extends PackageName {
  readonly version: string;
}

/** wasm-pkg-common's `Label`: lowercase words of letters and digits, each starting with a letter, joined by `-`. */
const label = /^[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*$/u;

/** Parses `ns:pkg@1.2.3` (wkg's `--package`); `what` names it in errors (`--name`). */
export function parsePublishedName(text: string, what: string): PublishedName {
  const fail = (why: string): never => {
    throw new RegistryError('config', `${what} ${text}: ${why}`, ['expected NAMESPACE:NAME@VERSION, e.g. example:my-package@1.0.0']);
  };
  const at = text.indexOf('@');
  const id = at < 0 ? text : text.slice(0, at);
  const [namespace, name, ...rest] = id.split(':');
  if (namespace === undefined || name === undefined || rest.length > 0) return fail('not a package name');
  if (!label.test(namespace)) return fail(`the namespace ${JSON.stringify(namespace)} is not a label (lowercase words of letters and digits joined by -)`);
  if (!label.test(name)) return fail(`the name ${JSON.stringify(name)} is not a label (lowercase words of letters and digits joined by -)`);
  if (at < 0) return fail('the version is missing');
  const version = text.slice(at + 1);
  try {
    parseSemver(version);
  } catch (error) {
    if (error instanceof SemverError) return fail(`the version is not semver: ${error.message}`);
    throw error;
  }
  return { namespace, name, version };
}

/** A project's `[metadata]` (wasm-pkg-core's `Metadata`, its aliases included). */
export interface ProjectMetadata {
  readonly authors?: string;
  readonly description?: string;
  readonly licenses?: string;
  readonly source?: string;
  readonly homepage?: string;
  readonly revision?: string;
}

/** The keys of `[metadata]`, their aliases, and the annotation each fills. */
const metadataKeys: readonly (readonly [keyof ProjectMetadata, string | undefined, string])[] = [
  ['authors', 'author', mediaTypes.annotation.authors],
  ['description', undefined, mediaTypes.annotation.description],
  ['licenses', 'license', mediaTypes.annotation.licenses],
  ['source', 'repository', mediaTypes.annotation.source],
  ['homepage', undefined, mediaTypes.annotation.url],
  ['revision', undefined, mediaTypes.annotation.revision],
];

/** The `[metadata]` table of a `wkg.toml`'s text (other tables are wkg's business); `path` names it in errors. */
export async function parseProjectMetadata(text: string, path: string): Promise<ProjectMetadata> {
  const { parse, TomlError } = await import('smol-toml');
  let doc: Record<string, unknown>;
  try {
    doc = parse(text);
  } catch (error) {
    if (error instanceof TomlError) throw new RegistryError('config', `${path}:${error.line}:${error.column}: ${error.message.split('\n', 1)[0] ?? ''}`);
    throw error;
  }
  const table = doc['metadata'];
  if (table === undefined) return {};
  if (typeof table !== 'object' || table === null || Array.isArray(table)) throw new RegistryError('config', `${path}: metadata: expected a table`);
  const out: Partial<Record<keyof ProjectMetadata, string>> = {};
  const known = new Set<string>();
  for (const [key, alias] of metadataKeys) {
    for (const name of alias === undefined ? [key] : [key, alias]) {
      known.add(name);
      const value = (table as Record<string, unknown>)[name];
      if (value === undefined) continue;
      if (typeof value !== 'string') throw new RegistryError('config', `${path}: metadata.${name}: expected a string`);
      out[key] = value;
    }
  }
  for (const key of Object.keys(table)) {
    if (!known.has(key)) throw new RegistryError('config', `${path}: metadata.${key}: not a key of wkg's [metadata] (${metadataKeys.map(([k]) => k).join(', ')})`);
  }
  return out;
}

/**
 * The artifact wkg publishes for `bytes` (a component or a WIT package) as
 * `name`: the binary's own metadata sections, then the project's, as
 * manifest annotations, the version annotated, the layer titled `pkg.wasm`.
 * `created` as `SOURCE_DATE_EPOCH` says, else now.
 */
export function publishedImage(bytes: Uint8Array, name: PublishedName, metadata: ProjectMetadata): OciImage {
  const annotations: Record<string, string> = {};
  for (const [key, , annotation] of metadataKeys) {
    const value = metadata[key];
    if (value !== undefined) annotations[annotation] = value;
  }
  return wasmArtifact(bytes, { title: `${name.name}.wasm`, version: name.version, annotations });
}
