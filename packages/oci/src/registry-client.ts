/**
 * A client of one registry (OCI distribution spec 1.1): blob existence
 * checks, monolithic or chunked uploads, cross-repository mounts, manifests
 * by tag or digest, blob downloads, tag listing and referrers. Every request
 * goes through the retry loop and the authenticator.
 */
import { Authenticator } from './auth/authenticator.js';
import { anonymous, type CredentialSource } from './auth/credentials.js';
import { trustedRealmHosts } from './auth/realm.js';
import { isBytes, utf8 } from './bytes.js';
import { digestHex, sha256, type OnBytes } from './digest.js';
import { OciError } from './errors.js';
import {
  afterTries, backoff, buffered, defaultLimits, defaultRetryPolicy, discard, header, isConnectionRefused, pause, readBody, send, transport, withRetries,
  type Fetch, type HttpRequest, type HttpResponse, type RetryPolicy, type Transport, type TransferLimits,
} from './http.js';
import { descriptor as checkDescriptor, parseManifest } from './manifest.js';
import { imageIndex, manifestAccept } from './media-types.js';
import { bytesSource } from './blob-source.js';
import type { BlobSource, Descriptor, Digest, ImageIndex } from './model.js';
import { isLoopback } from './reference.js';

/** How to reach a registry. */
export interface RegistryClientOptions {
  /** `host[:port]`. */
  readonly registry: string;
  /**
   * Where credentials come from; anonymous unless given. On Node,
   * `dockerCredentials()` of `@weld/oci/node` reads Docker's config.json and
   * its credential helpers.
   */
  readonly credentials?: CredentialSource;
  /**
   * Plain HTTP. Loopback registries use it without asking; any other host
   * needs this set (`--plain-http`), else HTTPS.
   */
  readonly plainHttp?: boolean;
  /**
   * Hostnames trusted as token realms of this registry besides its own host
   * (see auth/realm.ts); `$WELD_TRUSTED_REALMS` (comma-separated) unless given.
   */
  readonly trustedRealms?: readonly string[];
  readonly retry?: RetryPolicy;
  /** The slowest a transfer may get, and a signal that ends every one (see `TransferLimits`). */
  readonly limits?: TransferLimits;
  /**
   * The size of the PATCH chunks of a chunked upload; alone, it also makes
   * every blob larger than that go in chunks. Default: 64 MiB.
   */
  readonly chunkSize?: number;
  /**
   * Blobs larger than this go up in chunks (POST, PATCH with Content-Range,
   * PUT with the digest), smaller ones in one streamed PUT. Default: 64 MiB
   * (or `chunkSize`, when that is given); `Infinity` uploads every blob in
   * one PUT, for a registry that mishandles chunked uploads.
   */
  readonly chunkThreshold?: number;
  /** Hears about each retry, for a verbose log. */
  readonly onRetry?: (what: string, reason: string, waitMs: number) => void;
  /** The `fetch` every request goes through; `globalThis.fetch` unless given. */
  readonly fetch?: Fetch;
  /**
   * Send request bodies as streams, in slices, so that uploads report
   * progress as they go and the watchdog sees them move. Default: on Node;
   * a browser streams a request body only over HTTP/2, so a page sends
   * each body whole.
   */
  readonly streamBodies?: boolean;
}

/** Blobs larger than this go up in chunks unless the options say otherwise: 64 MiB. */
export const defaultChunkThreshold = 64 * 1024 * 1024;
/**
 * The chunks of a chunked upload unless the options say otherwise: 64 MiB
 * (every PATCH costs Distribution a round of storage work: 16 MiB chunks
 * pushed 1 GiB a third slower on loopback).
 */
export const defaultChunkSize = 64 * 1024 * 1024;

/** How a blob got to the registry. */
export type BlobOutcome = 'uploaded' | 'exists' | 'mounted';

/** A manifest as fetched: its descriptor (digest computed here) and bytes. */
export interface FetchedManifest {
  readonly descriptor: Descriptor;
  readonly bytes: Uint8Array;
}

const maxManifestBytes = 4 * 1024 * 1024;
/** Tags lists and referrers indexes, token answers and error bodies (read only for their message) are small. */
const maxListBytes = 16 * 1024 * 1024;
const maxTokenBytes = 1024 * 1024;
const maxErrorBytes = 64 * 1024;

/** The registry's own words about an error (`errors[0]`), when it sent JSON. */
function registryMessage(body: Uint8Array): string | undefined {
  try {
    const json = JSON.parse(utf8(body)) as { errors?: { code?: string; message?: string }[] };
    const first = json.errors?.[0];
    if (first === undefined) return undefined;
    return [first.code, first.message].filter((s) => s !== undefined && s !== '').join(': ');
  } catch {
    return undefined;
  }
}

/** The scope a token needs to read a repository. */
export const pullScope = (repository: string): string => `repository:${repository}:pull`;
/** The scope a token needs to write a repository; with `pull`, since a push first asks whether each blob is there. */
export const pushScope = (repository: string): string => `repository:${repository}:pull,push`;

/** A client of one registry. */
export class RegistryClient {
  readonly registry: string;
  readonly #base: string;
  readonly #retry: RetryPolicy;
  readonly #chunkSize: number;
  readonly #chunkThreshold: number;
  readonly #auth: Authenticator;
  readonly #onRetry: RegistryClientOptions['onRetry'];
  readonly #limits: TransferLimits;
  readonly #transport: Transport;
  /** Hosts that have answered at least once: a refused connection to one of them is a restart worth waiting for. */
  readonly #answered = new Set<string>();

  constructor(options: RegistryClientOptions) {
    this.registry = options.registry;
    const plain = options.plainHttp === true || isLoopback(options.registry);
    this.#base = `${plain ? 'http' : 'https'}://${options.registry}`;
    this.#retry = options.retry ?? defaultRetryPolicy;
    this.#chunkSize = options.chunkSize ?? defaultChunkSize;
    this.#chunkThreshold = options.chunkThreshold ?? options.chunkSize ?? defaultChunkThreshold;
    this.#onRetry = options.onRetry;
    this.#limits = options.limits ?? defaultLimits;
    this.#transport = transport(options.fetch, options.streamBodies);
    this.#auth = new Authenticator(
      options.registry,
      options.credentials ?? anonymous,
      (request) => this.#send(request, `${options.registry}: token realm ${request.url.origin}${request.url.pathname}`, this.#retry, maxTokenBytes),
      { plainHttp: plain, trustedHosts: options.trustedRealms ?? trustedRealmHosts() },
    );
  }

  /**
   * Sends `request` through the retry loop; with `limit`, its body (at most
   * that many bytes) is read inside the loop, so a connection dropped while
   * reading it is retried too.
   */
  #send(request: HttpRequest, what: string, retry: RetryPolicy = this.#retry, limit?: number): Promise<HttpResponse> {
    const attempt = async (): Promise<HttpResponse> => {
      let response: HttpResponse;
      try {
        response = await send(request, this.#limits, this.#transport);
      } catch (error) {
        throw this.#unreachable(error, request.url, what);
      }
      this.#answered.add(request.url.host);
      return limit === undefined ? response : buffered(response, limit, what);
    };
    return withRetries(attempt, retry, what, this.#limits.signal, (reason, wait) => this.#onRetry?.(what, reason, wait));
  }

  /**
   * A refused connection to a loopback host that never answered means no
   * registry runs there: waiting for one to appear only delays the error.
   */
  #unreachable(error: unknown, url: URL, what: string): unknown {
    if (!isConnectionRefused(error) || !isLoopback(url.host) || this.#answered.has(url.host)) return error;
    const who = url.host === this.registry ? 'registry' : 'token service';
    return new OciError('network', `${what}: no ${who} answers at ${url.host} (connection refused)`, undefined, { cause: (error as OciError).cause });
  }

  /**
   * Sends `request` with authorization for `scopes`, answering one 401
   * challenge. `once` turns off retries: a PATCH or PUT into an upload
   * session is not idempotent (a dropped one may have left part of its body
   * in the session), so a failed one starts a new session instead. `limit`
   * reads the body (at most that many bytes) inside the retry loop.
   */
  async #request(request: HttpRequest, scopes: readonly string[], what: string, options: { once?: boolean; limit?: number } = {}): Promise<HttpResponse> {
    for (let round = 0; ; round++) {
      const authorization = await this.#auth.authorization(scopes);
      const headers = { 'user-agent': 'weld', ...request.headers, ...(authorization !== undefined && { authorization }) };
      const response = await this.#send({ ...request, headers }, what, options.once === true ? { ...this.#retry, retries: 0 } : this.#retry, options.limit);
      if (response.status !== 401 || round > 0) return response;
      discard(response);
      if (!(await this.#auth.answer(response, scopes, authorization))) throw await this.#auth.refusal(401, what);
    }
  }

  /** An error for an unexpected response (the body is read for the registry's message). */
  async #fail(response: HttpResponse, what: string): Promise<OciError> {
    const body = await readBody(response, maxErrorBytes).catch(() => new Uint8Array(0));
    if (response.status === 401 || response.status === 403) return this.#auth.refusal(response.status, what);
    const said = registryMessage(body);
    const detail = said === undefined ? '' : ` (${said})`;
    if (response.status === 404) return new OciError('not-found', `${what}: not found${detail}`, 404);
    return new OciError('http', `${what}: the registry answered ${response.status}${detail}`, response.status);
  }

  #url(path: string): URL {
    return new URL(`${this.#base}/v2/${path}`);
  }

  /** Whether the repository holds the blob (HEAD). */
  async blobExists(repository: string, digest: Digest, scopes: readonly string[] = [pullScope(repository)]): Promise<boolean> {
    const what = `${this.registry}/${repository}: blob ${digest}`;
    const response = await this.#request({ method: 'HEAD', url: this.#url(`${repository}/blobs/${digest}`) }, scopes, what);
    discard(response);
    if (response.status === 200) return true;
    if (response.status === 404) return false;
    throw await this.#fail(response, what);
  }

  /** Whether the repository has a manifest under `reference`, a tag or a digest (HEAD). */
  async manifestExists(repository: string, reference: string): Promise<boolean> {
    const what = `${this.registry}/${repository}${reference.startsWith('sha256:') ? '@' : ':'}${reference}`;
    const response = await this.#request(
      { method: 'HEAD', url: this.#url(`${repository}/manifests/${reference}`), headers: { accept: manifestAccept.join(', ') } },
      [pullScope(repository)],
      what,
    );
    discard(response);
    if (response.status === 200) return true;
    if (response.status === 404) return false;
    throw await this.#fail(response, what);
  }

  /**
   * Puts a blob into `repository` unless it is there already: mounted from
   * `mountFrom` (another repository of this registry) when it is there,
   * else uploaded from memory or from a source (a file, read as it goes),
   * in one PUT or, past the chunk threshold, in chunks. A lost upload
   * session (the registry restarted) starts over, within the retry budget.
   */
  async pushBlob(repository: string, desc: Descriptor, blob: Uint8Array | BlobSource, options: { mountFrom?: string; onBytes?: OnBytes; onRestart?: () => void } = {}): Promise<BlobOutcome> {
    const scopes = [pushScope(repository), ...(options.mountFrom !== undefined ? [pullScope(options.mountFrom)] : [])];
    if (await this.blobExists(repository, desc.digest, scopes)) return 'exists';
    const what = `${this.registry}/${repository}: upload of ${desc.digest}`;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#upload(repository, desc, blob, scopes, what, options);
      } catch (error) {
        // A dropped connection, or a session the registry lost or that holds a partial body: start over.
        const broken =
          error instanceof OciError &&
          ((error.kind === 'network' && error.transient) || (attempt === 0 ? false : error.kind === 'http' && (error.status === 400 || error.status === 416)) || (error.kind === 'not-found' && /upload/i.test(error.message)) || (error.kind === 'http' && (error.status ?? 0) >= 500));
        if (!broken || attempt >= this.#retry.retries) throw error;
        options.onRestart?.();
        const wait = backoff(this.#retry, attempt);
        this.#onRetry?.(what, error.message, wait);
        await pause(wait, this.#limits.signal, what);
        if (await this.blobExists(repository, desc.digest, scopes)) return 'exists';
      }
    }
  }

  async #upload(repository: string, desc: Descriptor, blob: Uint8Array | BlobSource, scopes: readonly string[], what: string, options: { mountFrom?: string; onBytes?: OnBytes }): Promise<BlobOutcome> {
    const start = this.#url(`${repository}/blobs/uploads/`);
    if (options.mountFrom !== undefined) {
      start.searchParams.set('mount', desc.digest);
      start.searchParams.set('from', options.mountFrom);
    }
    const opened = await this.#request({ method: 'POST', url: start }, scopes, what);
    if (opened.status === 201 && options.mountFrom !== undefined) {
      discard(opened);
      return 'mounted';
    }
    if (opened.status !== 202) throw await this.#fail(opened, what);
    discard(opened);
    let location = this.#location(opened, what);
    const source = isBytes(blob) ? bytesSource(blob) : blob;
    const onBytes = options.onBytes && { onBytes: options.onBytes };
    if (source.size > this.#chunkThreshold) {
      for (let at = 0; at < source.size; at += this.#chunkSize) {
        const start = at;
        const end = Math.min(at + this.#chunkSize, source.size);
        const patched = await this.#request(
          {
            method: 'PATCH',
            url: location,
            headers: { 'content-type': 'application/octet-stream', 'content-range': `${start}-${end - 1}` },
            body: { size: end - start, open: () => source.open(start, end) },
            ...onBytes,
          },
          scopes,
          what,
          { once: true },
        );
        if (patched.status !== 202) throw await this.#fail(patched, what);
        discard(patched);
        location = this.#location(patched, what);
      }
      location.searchParams.set('digest', desc.digest);
      const closed = await this.#request({ method: 'PUT', url: location }, scopes, what);
      if (closed.status !== 201) throw await this.#fail(closed, what);
      discard(closed);
      return 'uploaded';
    }
    location.searchParams.set('digest', desc.digest);
    const put = await this.#request(
      {
        method: 'PUT',
        url: location,
        headers: { 'content-type': 'application/octet-stream' },
        body: isBytes(blob) ? blob : { size: source.size, open: () => source.open(0, source.size) },
        ...onBytes,
      },
      scopes,
      what,
      { once: true },
    );
    if (put.status !== 201) throw await this.#fail(put, what);
    discard(put);
    return 'uploaded';
  }

  #location(response: HttpResponse, what: string): URL {
    const location = header(response, 'location');
    if (location === undefined) throw new OciError('http', `${what}: the registry gave no upload location`);
    return new URL(location, this.#base);
  }

  /**
   * Puts a manifest under `reference` (a tag or its digest) with its media
   * type as Content-Type. Returns its digest and whether the registry
   * processed its `subject` (the `OCI-Subject` header of spec 1.1).
   */
  async putManifest(repository: string, reference: string, bytes: Uint8Array, mediaType: string): Promise<{ digest: Digest; subjectAccepted: boolean }> {
    const digest = sha256(bytes);
    const what = `${this.registry}/${repository}:${reference}: manifest`;
    const response = await this.#request(
      { method: 'PUT', url: this.#url(`${repository}/manifests/${reference}`), headers: { 'content-type': mediaType }, body: bytes },
      [pushScope(repository)],
      what,
    );
    if (response.status !== 201) throw await this.#fail(response, what);
    discard(response);
    const said = header(response, 'docker-content-digest');
    if (said !== undefined && said !== digest) throw new OciError('digest', `${what}: the registry stored ${said}, weld sent ${digest}`);
    return { digest, subjectAccepted: header(response, 'oci-subject') !== undefined };
  }

  /**
   * Fetches a manifest by tag or digest, asking for every manifest type weld
   * reads. Its digest is computed from the bytes and checked against the
   * requested digest and the registry's `Docker-Content-Digest`.
   */
  async getManifest(repository: string, reference: string, accept: readonly string[] = manifestAccept): Promise<FetchedManifest> {
    const what = `${this.registry}/${repository}${reference.startsWith('sha256:') ? '@' : ':'}${reference}`;
    const response = await this.#request(
      { method: 'GET', url: this.#url(`${repository}/manifests/${reference}`), headers: { accept: accept.join(', ') } },
      [pullScope(repository)],
      what,
      { limit: maxManifestBytes },
    );
    if (response.status !== 200) throw await this.#fail(response, what);
    const bytes = await readBody(response, maxManifestBytes);
    const digest = sha256(bytes);
    if (reference.startsWith('sha256:') && reference !== digest) throw new OciError('digest', `${what}: digest mismatch: the manifest served is ${digest}`);
    const said = header(response, 'docker-content-digest');
    if (said !== undefined && said.startsWith('sha256:') && said !== digest) throw new OciError('digest', `${what}: digest mismatch: the registry says ${said}, the bytes are ${digest}`);
    const contentType = header(response, 'content-type')?.split(';')[0]?.trim();
    const parsed = parseManifest(bytes, contentType, what);
    const mediaType = parsed.kind === 'index' ? parsed.index.mediaType : parsed.manifest.mediaType;
    return { descriptor: { mediaType, digest, size: bytes.length }, bytes };
  }

  /**
   * Opens a blob for reading; the caller verifies it (see `writeVerified`,
   * `readVerified`). A connection that drops or stalls in the middle is
   * picked up where it stopped (a Range request, or the whole blob again
   * with what arrived skipped), within the retry budget.
   */
  async openBlob(repository: string, desc: Descriptor): Promise<AsyncIterable<Uint8Array>> {
    const what = `${this.registry}/${repository}: blob ${desc.digest}`;
    const get = (headers: Record<string, string>) =>
      this.#request({ method: 'GET', url: this.#url(`${repository}/blobs/${desc.digest}`), headers }, [pullScope(repository)], what);
    const response = await get({});
    if (response.status !== 200) throw await this.#fail(response, what);
    return this.#resuming(response, get, what);
  }

  async *#resuming(first: HttpResponse, get: (headers: Record<string, string>) => Promise<HttpResponse>, what: string): AsyncGenerator<Uint8Array> {
    let response = first;
    let received = 0;
    // Bytes of the current response that arrived before (a server that ignored the Range).
    let skip = 0;
    for (let n = 0; ; n++) {
      try {
        for await (const chunk of response.body) {
          if (skip >= chunk.length) {
            skip -= chunk.length;
            continue;
          }
          const fresh = skip > 0 ? chunk.subarray(skip) : chunk;
          skip = 0;
          received += fresh.length;
          yield fresh;
        }
        return;
      } catch (error) {
        if (!(error instanceof OciError) || !error.transient) throw error;
        if (n >= this.#retry.retries) throw afterTries(error, n + 1);
        const wait = backoff(this.#retry, n);
        this.#onRetry?.(what, error.message, wait);
        await pause(wait, this.#limits.signal, what);
      }
      response = await get(received === 0 ? {} : { range: `bytes=${received}-` });
      const resumedAt = /^bytes (\d+)-/.exec(header(response, 'content-range') ?? '')?.[1];
      if (response.status === 206 && Number(resumedAt) === received) skip = 0;
      else if (response.status === 200) skip = received;
      else {
        if (response.status === 206) response.close();
        throw response.status === 206 ? new OciError('http', `${what}: asked to resume at byte ${received}, the registry sent ${header(response, 'content-range') ?? 'no Content-Range'}`) : await this.#fail(response, what);
      }
    }
  }

  /** The repository's tags, all pages. */
  async listTags(repository: string): Promise<string[]> {
    const what = `${this.registry}/${repository}: tags`;
    const tags: string[] = [];
    let url: URL | undefined = this.#url(`${repository}/tags/list`);
    while (url !== undefined) {
      const response = await this.#request({ method: 'GET', url }, [pullScope(repository)], what, { limit: maxListBytes });
      if (response.status !== 200) throw await this.#fail(response, what);
      const json = JSON.parse(utf8(await readBody(response))) as { tags?: string[] | null };
      for (const tag of json.tags ?? []) tags.push(tag);
      const link = header(response, 'link');
      const next = link === undefined ? undefined : /<([^>]+)>\s*;\s*rel="?next"?/.exec(link)?.[1];
      url = next === undefined ? undefined : new URL(next, this.#base);
    }
    return tags;
  }

  /**
   * The manifests whose `subject` is `digest`: the referrers API, or on
   * registries without it the fallback tag `sha256-<hex>`.
   */
  async referrers(repository: string, digest: Digest, artifactType?: string): Promise<Descriptor[]> {
    const what = `${this.registry}/${repository}: referrers of ${digest}`;
    const url = this.#url(`${repository}/referrers/${digest}`);
    if (artifactType !== undefined) url.searchParams.set('artifactType', artifactType);
    const response = await this.#request({ method: 'GET', url, headers: { accept: imageIndex } }, [pullScope(repository)], what, { limit: maxListBytes });
    let found: readonly Descriptor[];
    if (response.status === 200 && (header(response, 'content-type') ?? '').startsWith(imageIndex)) {
      const parsed = parseManifest(await readBody(response), imageIndex, what);
      found = parsed.kind === 'index' ? parsed.index.manifests : [];
    } else if (response.status === 404 || response.status === 200) {
      discard(response);
      found = await this.#fallbackReferrers(repository, digest);
    } else {
      throw await this.#fail(response, what);
    }
    return found.filter((d) => artifactType === undefined || d.artifactType === artifactType).map((d, i) => checkDescriptor(d, `${what}[${i}]`));
  }

  async #fallbackReferrers(repository: string, digest: Digest): Promise<readonly Descriptor[]> {
    try {
      const { bytes } = await this.getManifest(repository, fallbackTag(digest), [imageIndex]);
      const parsed = parseManifest(bytes, imageIndex, `${this.registry}/${repository}:${fallbackTag(digest)}`);
      return parsed.kind === 'index' ? parsed.index.manifests : [];
    } catch (error) {
      if (error instanceof OciError && error.kind === 'not-found') return [];
      throw error;
    }
  }

  /** Records `referrer` under the fallback tag of `subject` (for registries without the referrers API). */
  async addFallbackReferrer(repository: string, subject: Digest, referrer: Descriptor): Promise<void> {
    const existing = await this.#fallbackReferrers(repository, subject);
    if (existing.some((d) => d.digest === referrer.digest)) return;
    const index: ImageIndex = { schemaVersion: 2, mediaType: imageIndex, manifests: [...existing, referrer] };
    await this.putManifest(repository, fallbackTag(subject), new TextEncoder().encode(JSON.stringify(index)), imageIndex);
  }

  /**
   * Checks that the registry accepts the credentials (`GET /v2/`, answering
   * its challenge: a Basic retry or a token for no scope), as `docker login`
   * and `oras login` do; a refusal is an `auth` error.
   */
  async ping(): Promise<void> {
    const what = this.registry;
    const response = await this.#request({ method: 'GET', url: this.#url('') }, [], what);
    if (response.status !== 200) throw await this.#fail(response, what);
    discard(response);
  }
}

/** The tag the referrers tag schema uses for `digest`. */
export const fallbackTag = (digest: Digest): string => `sha256-${digestHex(digest)}`;
