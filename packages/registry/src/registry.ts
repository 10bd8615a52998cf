/**
 * Packages by name: `ns:pkg@1.2.3` to a registry (wkg's config), to an OCI
 * repository (the registry's metadata: `REGISTRY/PREFIXns/pkg:1.2.3`), to
 * verified bytes that encode exactly that WIT package. A locked package is
 * read from the content cache without touching the network.
 */
import {
  defaultLimits, mediaTypes, OciError, parseManifest, pushImage, readBlob, registrySource, RegistryClient, staticCredentials, formatReference,
  type CredentialSource, type Descriptor, type OciImage, type PushResult, type Reference, type RetryPolicy,
} from '@weld/oci';
import { packageNameString, parseSemver, semverCheck, WitError, type DecodedPackage, type PackageName, type PackageVersion, type WasmDecoder } from '@weld/wit';
import { chooseRegistry, configName, type RegistryChoice } from './config.js';
import { RegistryError } from './errors.js';
import { lockedVersion } from './lock.js';
import { breakingLines, previousRelease } from './previous-release.js';
import { discover, type Discovered } from './metadata.js';
import type { LockFile, LockedVersion, OciMetadata, WkgConfig } from './model.js';
import type { PublishedName } from './publish.js';
import { chooseVersion, requirementOf, requirementText, versionTags } from './versions.js';

/**
 * Package bytes by digest (`@weld/registry/node`'s `ContentCache` keeps
 * them on disk). `get` returns only bytes that still have the digest.
 */
export interface PackageCache {
  /** Where it is, for messages. */
  readonly name: string;
  get(digest: string): Promise<Uint8Array | undefined>;
  put(digest: string, bytes: Uint8Array): Promise<void>;
}

/** How to reach registries and what to trust. */
export interface PackageRegistryOptions {
  readonly config: WkgConfig;
  readonly cache: PackageCache;
  /** Reads a WIT package encoded as wasm (the check that the content is the package asked for). */
  readonly decodeWasm: WasmDecoder;
  /** Locked versions to use when they fit (wkg.lock). */
  readonly lock?: LockFile;
  /** Never touch the network: only locked packages in the cache are found. */
  readonly offline?: boolean;
  /** For `.well-known` discovery (tests give their own). */
  readonly fetch?: typeof fetch;
  readonly retry?: RetryPolicy;
  /**
   * Credentials for registries whose config has no `auth` (on Node,
   * `dockerCredentials()` of `@weld/oci/node`); anonymous when absent.
   */
  readonly credentials?: CredentialSource;
  /** Stops every request and wait (an interrupt). */
  readonly signal?: AbortSignal;
}

/** Where a package lives in OCI, and why. */
export interface PackageLocation {
  readonly choice: RegistryChoice;
  /** The OCI reference without a tag (`registry/repository`). */
  readonly registry: string;
  readonly repository: string;
  /** How the metadata was found: inline in the config, or the `.well-known` answer. */
  readonly discovered?: Discovered;
}

/** How a registry is reached, by its config entry: plain HTTP (`protocol = "http"`) and its `auth`, else the credentials given. */
export interface RegistryAccess {
  readonly plainHttp?: true;
  readonly credentials?: CredentialSource;
}

/** A package resolved by name. */
export interface Resolution {
  /** The name asked for, as written in WIT. */
  readonly requested: PackageName;
  /** `ns:pkg`. */
  readonly package: string;
  /** The wkg registry name it came from (what wkg.lock records). */
  readonly registry: string;
  readonly locked: LockedVersion;
  /** `host/repository:version`. */
  readonly reference: string;
  readonly bytes: Uint8Array;
  readonly decoded: DecodedPackage;
  /** Read from the cache (a locked digest), without the network. */
  readonly cached: boolean;
}

/** What {@link PackageRegistry.publish} checks before it pushes. */
export interface PublishChecks {
  /** Replace a version the registry has already. */
  readonly overwrite?: boolean;
  /** The WIT package being published, to check against the previous compatible release; absent for a component. */
  readonly wit?: PackageVersion;
  /** Publish even when `wit` breaks the previous compatible release. */
  readonly skipSemverCheck?: boolean;
}

/** Resolves package names against wkg-configured registries. */
export class PackageRegistry {
  readonly #options: PackageRegistryOptions;
  /** Discovery answers, once per registry per run. */
  readonly #metadata = new Map<string, Promise<Discovered>>();
  readonly #clients = new Map<string, RegistryClient>();

  constructor(options: PackageRegistryOptions) {
    this.#options = options;
  }

  /** The config file (or built-in defaults) in effect, for messages. */
  get configName(): string {
    return configName(this.#options.config);
  }

  /** The registry that serves `ns:pkg`, or a `no-registry` error that names the config. */
  choose(name: PackageName): RegistryChoice {
    const choice = chooseRegistry(this.#options.config, name.namespace, name.name);
    if (choice === undefined) {
      throw new RegistryError('no-registry', `${packageNameString(name)}: no registry is configured for the namespace ${name.namespace}`, [
        `config: ${this.configName}`,
        `add one: [namespace_registries] ${name.namespace} = "REGISTRY", or default_registry = "REGISTRY"`,
      ]);
    }
    return choice;
  }

  /** Where `ns:pkg` lives: the registry's metadata (inline, or discovered once per run) applied as wkg applies it. */
  async locate(name: PackageName): Promise<PackageLocation> {
    const choice = this.choose(name);
    let oci: OciMetadata | undefined;
    let discovered: Discovered | undefined;
    if (choice.metadata !== undefined) {
      oci = choice.metadata.oci;
    } else {
      let pending = this.#metadata.get(choice.registry);
      if (pending === undefined) {
        pending = discover(choice.registry, this.#options.fetch, this.#options.signal);
        this.#metadata.set(choice.registry, pending);
      }
      discovered = await pending;
      oci = discovered.metadata.oci;
    }
    const backend = this.#options.config.registries.get(choice.registry)?.backend;
    if (backend !== undefined && backend !== 'oci') {
      throw new RegistryError('config', `${packageNameString(name)}: the registry ${choice.registry} uses the ${backend} backend; weld reads OCI registries only`, [`config: ${this.configName}`]);
    }
    return {
      choice,
      registry: oci?.registry ?? choice.registry,
      repository: `${oci?.namespacePrefix ?? ''}${name.namespace}/${name.name}`,
      ...(discovered && { discovered }),
    };
  }

  /**
   * The package `name` (its version exact, or the newest release): from the
   * cache when the lock names its digest, else from the registry, verified
   * (the layer's digest, the lock's digest, and the package it encodes).
   */
  async resolve(name: PackageName): Promise<Resolution> {
    const choice = this.choose(name);
    const requirement = requirementOf(name);
    const pkg = `${name.namespace}:${name.name}`;
    const locked = this.#options.lock === undefined ? undefined : lockedVersion(this.#options.lock, pkg, choice.registry, requirementText(requirement));
    if (locked !== undefined) {
      const bytes = await this.#options.cache.get(locked.digest);
      if (bytes !== undefined) {
        const reference = `${pkg}@${locked.version} (cached ${locked.digest})`;
        return { requested: name, package: pkg, registry: choice.registry, locked, reference, bytes, decoded: await this.#check(bytes, name, locked.version, reference), cached: true };
      }
    }
    if (this.#options.offline === true) {
      throw new RegistryError('offline', `${packageNameString(name)}: not in the cache${locked === undefined ? ' and not locked' : ` (locked ${locked.version}, ${locked.digest})`}, and weld is offline`, [`cache: ${this.#options.cache.name}`]);
    }
    const { notes, client, ref, version } = await this.#version(name, locked);
    const reference = formatReference(ref);
    const source = registrySource(client, ref);
    const layer = await this.#registry(() => this.#wasmLayer(source.root, reference), name, `read ${reference}`, notes);
    if (locked !== undefined && locked.version === version && locked.digest !== layer.digest) {
      throw new RegistryError('digest', `${packageNameString(name)}: ${reference} has digest ${layer.digest}, but the lock file specifies digest ${locked.digest}`, [
        'the tag was pushed again since the lock was written; to take the new content: weld wit update',
      ]);
    }
    const bytes = await this.#registry(() => readBlob(source, layer), name, `read ${reference}`, notes);
    const decoded = await this.#check(bytes, name, version, reference);
    await this.#options.cache.put(layer.digest, bytes);
    return {
      requested: name,
      package: pkg,
      registry: choice.registry,
      locked: { requirement: requirementText(requirement), version, digest: layer.digest },
      reference,
      bytes,
      decoded,
      cached: false,
    };
  }

  /**
   * The OCI reference of `name` (its version exact, or the newest release)
   * as wkg maps it, without reading the artifact: what `weld pull ns:pkg`
   * and the other commands that take a component by package name fetch.
   */
  async reference(name: PackageName): Promise<{ readonly reference: Reference; readonly version: string; readonly location: PackageLocation; readonly access: RegistryAccess }> {
    const { location, ref, version } = await this.#version(name, undefined);
    return { reference: ref, version, location, access: this.#access(location) };
  }

  #access(location: PackageLocation): RegistryAccess {
    const oci = this.#options.config.registries.get(location.choice.registry)?.oci;
    const credentials = oci?.auth ? staticCredentials({ kind: 'basic', ...oci.auth }) : this.#options.credentials;
    return { ...(oci?.protocol === 'http' && { plainHttp: true }), ...(credentials && { credentials }) };
  }

  /** The version of `name` to take (the locked one when the registry has it), from the registry's tags; a `not-found` error names what it has. */
  async #version(name: PackageName, locked: LockedVersion | undefined) {
    const requirement = requirementOf(name);
    const location = await this.locate(name);
    const notes = this.#notes(location);
    const client = this.#client(location);
    const what = `${location.registry}/${location.repository}`;
    const tags = await this.#registry(() => client.listTags(location.repository), name, `list the versions at ${what}`, notes);
    const versions = versionTags(tags);
    const version = locked !== undefined ? (chooseVersion(versions, { kind: 'exact', version: locked.version }) ?? chooseVersion(versions, requirement)) : chooseVersion(versions, requirement);
    if (version === undefined) {
      const known = versions.map((v) => v.text).join(', ');
      throw new RegistryError('not-found', `${packageNameString(name)}: ${what} has no ${requirement.kind === 'exact' ? `version ${requirement.version}` : 'release'}`, [
        known === '' ? `its tags that are versions: none${tags.length > 0 ? ` (tags: ${tags.join(', ')})` : ''}` : `its versions: ${known}`,
        ...notes,
      ]);
    }
    const ref: Reference = { registry: location.registry, repository: location.repository, tag: version.text };
    return { location, notes, client, ref, version: version.text };
  }

  /**
   * Publishes `image` as `name` where the config puts it
   * (`REGISTRY/PREFIXns/pkg:VERSION`), as `wkg publish` does. A version the
   * registry has already is refused with an `exists` error unless
   * `overwrite`. A WIT package (`options.wit`) is checked against the
   * previous release it promises compatibility with (the newest older one of
   * the same major version, or minor for 0.x), and refused with a
   * `not-compatible` error listing what it breaks unless `skipSemverCheck`.
   */
  async publish(name: PublishedName, image: OciImage, options: PublishChecks = {}): Promise<PushResult> {
    const location = await this.locate(name);
    const notes = this.#notes(location);
    const client = this.#client(location);
    const ref: Reference = { registry: location.registry, repository: location.repository, tag: name.version };
    const reference = formatReference(ref);
    if (options.overwrite !== true && (await this.#registry(() => client.manifestExists(ref.repository, name.version), name, `look for ${reference}`, notes))) {
      throw new RegistryError('exists', `${packageNameString(name)}: ${reference} exists already`, ['to replace it: --overwrite (a wkg.lock that names its digest then needs `weld wit update`)', ...notes]);
    }
    if (options.wit !== undefined && options.skipSemverCheck !== true) await this.#checkCompatible(name, options.wit, location, notes);
    return this.#registry(() => pushImage(client, ref, image), name, `push ${reference}`, notes);
  }

  /** Refuses `next` when it breaks the previous compatible release of `name` (none: a new line, nothing to check). */
  async #checkCompatible(name: PublishedName, next: PackageVersion, location: PackageLocation, notes: readonly string[]): Promise<void> {
    const client = this.#client(location);
    const what = `${location.registry}/${location.repository}`;
    const tags = await this.#registry(
      () => client.listTags(location.repository).catch((error: unknown) => {
        // A repository that does not exist yet: this is the package's first release.
        if (error instanceof OciError && error.kind === 'not-found') return [];
        throw error;
      }),
      name,
      `list the versions at ${what}`,
      notes,
    );
    const previous = previousRelease(versionTags(tags), parseSemver(name.version));
    if (previous === undefined) return;
    const released = await this.resolve({ namespace: name.namespace, name: name.name, version: previous.text });
    const result = semverCheck({ resolve: released.decoded.resolve, package: released.decoded.package }, next);
    if (result.compatible) return;
    throw new RegistryError('not-compatible', `${packageNameString(name)} is not semver-compatible with ${previous.text}, the release before it:`, [
      ...breakingLines(result),
      'to publish it anyway: --skip-semver-check (or give it a new major version, or minor for 0.x)',
    ]);
  }

  /** The layer of a CNCF Wasm artifact (wkg reads the first one), or a `not-wit-package` error. */
  async #wasmLayer(root: () => Promise<{ bytes: Uint8Array; descriptor: Descriptor }>, reference: string): Promise<Descriptor> {
    const { bytes, descriptor } = await root();
    const parsed = parseManifest(bytes, descriptor.mediaType, reference);
    if (parsed.kind !== 'image') throw new RegistryError('not-wit-package', `${reference}: an image index, not a WIT package (the Wasm artifact is one image manifest)`);
    const layer = parsed.manifest.layers[0];
    if (layer === undefined || !mediaTypes.wasmBinaryLayers.includes(layer.mediaType)) {
      const types = parsed.manifest.layers.map((l) => l.mediaType).join(', ');
      throw new RegistryError('not-wit-package', `${reference}: not a WIT package: its first layer is ${types === '' ? 'missing' : types.split(', ')[0]}, not ${mediaTypes.wasmLayer} (config ${parsed.manifest.config.mediaType})`);
    }
    return layer;
  }

  /** Decodes `bytes` and checks that they are the WIT package `name` at `version`. */
  async #check(bytes: Uint8Array, name: PackageName, version: string, reference: string): Promise<DecodedPackage> {
    let decoded: DecodedPackage;
    try {
      decoded = await this.#options.decodeWasm({ kind: 'binary', bytes });
    } catch (error) {
      if (error instanceof WitError) throw new RegistryError('not-wit-package', `${reference}: not a WIT package: ${error.message}`);
      throw error;
    }
    const found = decoded.resolve.packages[decoded.package]!.name;
    if (found.namespace !== name.namespace || found.name !== name.name || found.version !== version) {
      throw new RegistryError('name-mismatch', `${reference}: encodes the package ${packageNameString(found)}, not ${name.namespace}:${name.name}@${version}`);
    }
    return decoded;
  }

  /** Runs a registry call; its `OciError` becomes a `RegistryError` that names the package and where it was looked for. */
  async #registry<T>(call: () => Promise<T>, name: PackageName, what: string, notes: readonly string[]): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof OciError)) throw error;
      const kind = error.kind === 'digest' ? 'digest' : error.kind === 'not-found' ? 'not-found' : error.kind === 'format' ? 'not-wit-package' : 'registry';
      throw new RegistryError(kind, `${packageNameString(name)}: ${error.message}`, [`while weld tried to ${what}`, ...notes], { cause: error });
    }
  }

  /** Where weld looked and why, for every registry error. */
  #notes(location: PackageLocation): string[] {
    const { choice, discovered } = location;
    const notes = [`the registry ${choice.registry} comes from ${choice.because} (config: ${this.configName})`];
    if (choice.metadata !== undefined) notes.push(`its OCI registry ${location.registry} comes from the mapping's inline metadata`);
    else if (discovered?.missing !== undefined) notes.push(`its metadata ${discovered.url}: ${discovered.missing}; so its OCI registry is ${location.registry} itself`);
    else if (discovered !== undefined) notes.push(`its OCI registry ${location.registry} comes from ${discovered.url}`);
    return notes;
  }

  #client(location: PackageLocation): RegistryClient {
    const key = `${location.choice.registry}\0${location.registry}`;
    let client = this.#clients.get(key);
    if (client === undefined) {
      client = new RegistryClient({
        registry: location.registry,
        ...this.#access(location),
        ...(this.#options.retry && { retry: this.#options.retry }),
        ...(this.#options.signal && { limits: { ...defaultLimits, signal: this.#options.signal } }),
      });
      this.#clients.set(key, client);
    }
    return client;
  }
}
