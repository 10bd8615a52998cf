/**
 * The registry client's transport over an injected `fetch`: the fetch the
 * caller gives is the one every request goes through (recorded here, on its
 * way to real loopback servers), and the transport's own rules hold over it:
 * credentials never follow a redirect to another origin, 503s are retried,
 * bodies stop at their cap, uploads go in slices with an exact
 * Content-Length, and a server that never answers is given up on.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { anonymous, RegistryClient, sha256, staticCredentials, type Fetch, type FetchInit } from '@weld/oci';

/** What the server saw of one request. */
interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly bodyBytes: number;
}

const servers: { close: () => void }[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A loopback HTTP server answering with `handler`; resolves to its `127.0.0.1:port` and what it saw. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse, seen: Seen) => void): Promise<{ host: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let bodyBytes = 0;
    req.on('data', (chunk: Buffer) => (bodyBytes += chunk.length));
    req.on('end', () => {
      const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, bodyBytes };
      seen.push(entry);
      handler(req, res, entry);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  });
  return { host: `127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

/** The global fetch, with every call recorded. */
function recording(): { fetch: Fetch; calls: { url: string; init: FetchInit }[] } {
  const calls: { url: string; init: FetchInit }[] = [];
  return { calls, fetch: (url, init) => (calls.push({ url, init }), fetch(url, init)) };
}

const headerOf = (init: FetchInit, name: string): string | undefined => (init.headers as Record<string, string>)[name];
const fast = { retries: 3, baseDelayMs: 1 };

describe('the transport over an injected fetch', () => {
  it('sends the Authorization header to the registry, and not to the other origin a blob redirects to', async () => {
    const blob = new TextEncoder().encode('the blob');
    const digest = sha256(blob);
    const storage = await serve((_req, res) => res.end(blob));
    const registry = await serve((req, res) => {
      if (req.headers.authorization === undefined) res.writeHead(401, { 'www-authenticate': 'Basic realm="test"' }).end();
      else res.writeHead(307, { location: `http://${storage.host}/blob?signature=s` }).end();
    });
    const { fetch, calls } = recording();
    const client = new RegistryClient({ registry: registry.host, credentials: staticCredentials({ kind: 'basic', username: 'u', password: 'p' }), fetch });
    const chunks: Uint8Array[] = [];
    for await (const chunk of await client.openBlob('r', { mediaType: 'application/octet-stream', digest, size: blob.length })) chunks.push(chunk);
    expect(new TextDecoder().decode(Buffer.concat(chunks))).toBe('the blob');
    // The registry saw the credentials; the storage never did, though the same fetch carried both.
    expect(registry.seen.map((s) => s.headers.authorization)).toEqual([undefined, `Basic ${Buffer.from('u:p').toString('base64')}`]);
    expect(storage.seen).toHaveLength(1);
    expect(storage.seen[0]!.headers.authorization).toBeUndefined();
    expect(calls.map((c) => [new URL(c.url).host, headerOf(c.init, 'authorization') !== undefined])).toEqual([
      [registry.host, false],
      [registry.host, true],
      [storage.host, false],
    ]);
    expect(calls.every((c) => c.init.redirect === 'manual')).toBe(true);
  });

  it('retries 503 answers and transient failures of the fetch, then returns what the registry serves', async () => {
    const manifest = new TextEncoder().encode(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [] }));
    let answers = 0;
    const registry = await serve((_req, res) => {
      answers++;
      if (answers <= 2) res.writeHead(503).end();
      else res.writeHead(200, { 'content-type': 'application/vnd.oci.image.index.v1+json' }).end(manifest);
    });
    const { fetch, calls } = recording();
    let failedOnce = false;
    const flaky: Fetch = (url, init) => {
      if (failedOnce) return fetch(url, init);
      failedOnce = true;
      // What undici throws when the socket is reset: a TypeError whose cause has the code.
      return Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) }));
    };
    const reasons: string[] = [];
    const client = new RegistryClient({ registry: registry.host, credentials: anonymous, fetch: flaky, retry: fast, onRetry: (_what, reason) => reasons.push(reason) });
    const fetched = await client.getManifest('r', 'latest');
    expect(fetched.descriptor.digest).toBe(sha256(manifest));
    expect(reasons).toEqual([expect.stringMatching(/manifests\/latest: the connection dropped$/), 'HTTP 503', 'HTTP 503']);
    expect(calls).toHaveLength(3);
    expect(registry.seen).toHaveLength(3);
  });

  it('gives up after the retries with the status when the registry stays down', async () => {
    const registry = await serve((_req, res) => res.writeHead(503).end());
    const client = new RegistryClient({ registry: registry.host, credentials: anonymous, fetch: recording().fetch, retry: { retries: 1, baseDelayMs: 1 } });
    await expect(client.getManifest('r', 'latest')).rejects.toMatchObject({ kind: 'http', status: 503, message: `${registry.host}/r:latest: the registry answered 503` });
    expect(registry.seen).toHaveLength(2);
  });

  it('stops reading an endless body at its cap and cancels it', async () => {
    let pulled = 0;
    let cancelled = false;
    const endless: Fetch = async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            pulled++;
            controller.enqueue(new Uint8Array(64 * 1024));
          },
          cancel() {
            cancelled = true;
          },
        }),
        { status: 200, headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' } },
      );
    const client = new RegistryClient({ registry: 'registry.test', credentials: anonymous, fetch: endless, retry: { retries: 0, baseDelayMs: 1 } });
    await expect(client.getManifest('r', 'latest')).rejects.toThrow('registry.test/r:latest: the answer is larger than weld reads (4194304 bytes)');
    expect(cancelled).toBe(true);
    // 4 MiB in 64 KiB chunks, and what the stream had queued.
    expect(pulled).toBeLessThan(4 * 16 + 4);
  });

  it('streams an upload in slices with progress and an exact Content-Length, leaving the bytes intact', async () => {
    const bytes = new Uint8Array(700 * 1024).map((_, i) => i % 251);
    const digest = sha256(bytes);
    const registry = await serve((req, res, seen) => {
      if (req.method === 'HEAD') res.writeHead(404).end();
      else if (req.method === 'POST') res.writeHead(202, { location: '/v2/r/blobs/uploads/1' }).end();
      else res.writeHead(seen.bodyBytes === bytes.length ? 201 : 400).end();
    });
    const { fetch } = recording();
    const progress: number[] = [];
    const client = new RegistryClient({ registry: registry.host, credentials: anonymous, fetch, streamBodies: true });
    const outcome = await client.pushBlob('r', { mediaType: 'application/octet-stream', digest, size: bytes.length }, bytes, { onBytes: (n) => progress.push(n) });
    expect(outcome).toBe('uploaded');
    const put = registry.seen.find((s) => s.method === 'PUT')!;
    expect(put.headers['content-length']).toBe(String(bytes.length));
    expect(put.headers['transfer-encoding']).toBeUndefined();
    expect(put.url).toBe(`/v2/r/blobs/uploads/1?digest=${encodeURIComponent(digest)}`);
    expect(progress).toEqual([256 * 1024, 256 * 1024, 188 * 1024]);
    expect(sha256(bytes)).toBe(digest);
    // The POST that opens the session has no body, and says so.
    expect(registry.seen.find((s) => s.method === 'POST')!.headers['content-length']).toBe('0');
  });

  it('sends a body whole where fetch cannot stream one, reporting it when the answer starts', async () => {
    const bytes = new Uint8Array(300 * 1024);
    const registry = await serve((req, res) => {
      if (req.method === 'HEAD') res.writeHead(404).end();
      else if (req.method === 'POST') res.writeHead(202, { location: '/v2/r/blobs/uploads/1' }).end();
      else res.writeHead(201).end();
    });
    const { fetch, calls } = recording();
    const progress: number[] = [];
    const client = new RegistryClient({ registry: registry.host, credentials: anonymous, fetch, streamBodies: false });
    await client.pushBlob('r', { mediaType: 'application/octet-stream', digest: sha256(bytes), size: bytes.length }, bytes, { onBytes: (n) => progress.push(n) });
    expect(progress).toEqual([bytes.length]);
    const put = calls.find((c) => c.init.method === 'PUT')!;
    expect(put.init.body).toBeInstanceOf(Uint8Array);
    expect(put.init.duplex).toBeUndefined();
    expect(registry.seen.find((s) => s.method === 'PUT')!.bodyBytes).toBe(bytes.length);
  });

  it('gives a body sent whole the time it takes at the minimum rate before expecting an answer', async () => {
    const manifest = new Uint8Array(5000);
    const slow = await serve((_req, res) => setTimeout(() => res.writeHead(201).end(), 300));
    // 10,000 bytes/s over 0.1 s windows: 5000 bytes earn 0.5 s more than the window.
    const limits = { minBytesPerSecond: 10_000, windowMs: 100 };
    const options = { credentials: anonymous, fetch: recording().fetch, streamBodies: false, retry: { retries: 0, baseDelayMs: 1 }, limits };
    const client = new RegistryClient({ ...options, registry: slow.host });
    expect((await client.putManifest('r', 'v1', manifest, 'application/vnd.oci.image.manifest.v1+json')).digest).toBe(sha256(manifest));
    const silent = await serve(() => {});
    const stuck = new RegistryClient({ ...options, registry: silent.host });
    await expect(stuck.putManifest('r', 'v1', manifest, 'application/vnd.oci.image.manifest.v1+json')).rejects.toThrow(
      `PUT http://${silent.host}/v2/r/manifests/v1: no answer within 0.6 s`,
    );
  });

  it('lets a page fetch follow a redirect it hides (status 0) itself', async () => {
    const blob = new TextEncoder().encode('behind a redirect');
    const digest = sha256(blob);
    const modes: string[] = [];
    const page: Fetch = async (url, init) => {
      modes.push(String(init.redirect));
      if (init.redirect === 'manual') return { status: 0, headers: new Headers(), body: null, url: '' } as unknown as Response;
      const response = new Response(blob);
      Object.defineProperty(response, 'url', { value: 'https://storage.test/blob' });
      return response;
    };
    const client = new RegistryClient({ registry: 'registry.test', credentials: anonymous, fetch: page });
    const chunks: Uint8Array[] = [];
    for await (const chunk of await client.openBlob('r', { mediaType: 'application/octet-stream', digest, size: blob.length })) chunks.push(chunk);
    expect(new TextDecoder().decode(Buffer.concat(chunks))).toBe('behind a redirect');
    expect(modes).toEqual(['manual', 'follow']);
  });

  it('gives up on a server that never answers, through the signal it hands the fetch', async () => {
    const registry = await serve(() => {});
    const { fetch, calls } = recording();
    const client = new RegistryClient({ registry: registry.host, credentials: anonymous, fetch, retry: { retries: 0, baseDelayMs: 1 }, limits: { minBytesPerSecond: 0, windowMs: 200 } });
    await expect(client.getManifest('r', 'latest')).rejects.toThrow(`GET http://${registry.host}/v2/r/manifests/latest: no answer within 0.2 s`);
    expect(calls[0]!.init.signal?.aborted).toBe(true);
  });
});
