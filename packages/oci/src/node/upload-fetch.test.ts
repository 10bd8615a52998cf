/**
 * `uploadFetch` against a loopback server: a streamed body arrives whole
 * with the headers given, the answer reads as a `Response` (status, headers,
 * body; none for a 201 without one or a HEAD), an abort or a refused
 * connection rejects, and requests without a streamed body go to `fetch`.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { uploadFetch } from '@weld/oci/node';

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function serve(handler: (req: IncomingMessage, body: Buffer, res: ServerResponse) => void): Promise<string> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handler(req, Buffer.concat(chunks), res));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** `parts` as a stream, one chunk per pull. */
function streamOf(parts: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at < parts.length) controller.enqueue(parts[at++]!);
      else controller.close();
    },
  });
}

describe('uploadFetch', () => {
  it('sends a streamed body whole, with its headers, and answers with a Response', async () => {
    const parts = Array.from({ length: 40 }, (_, i) => new Uint8Array(100_000).fill(i));
    const whole = Buffer.concat(parts);
    const base = await serve((req, body, res) => {
      res.writeHead(202, { location: '/next', 'x-got': `${req.method} ${req.headers['content-length']} ${req.headers['content-type']} ${body.length}` });
      res.end(createHash('sha256').update(body).digest('hex'));
    });
    const response = await uploadFetch(`${base}/up`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(whole.length) },
      body: streamOf(parts),
      duplex: 'half',
    });
    expect(response.status).toBe(202);
    expect(response.headers.get('location')).toBe('/next');
    expect(response.headers.get('x-got')).toBe(`PATCH ${whole.length} application/octet-stream ${whole.length}`);
    expect(await response.text()).toBe(createHash('sha256').update(whole).digest('hex'));
  });

  it('gives no body for a 204, and leaves a request without a streamed body to fetch', async () => {
    const base = await serve((req, body, res) => {
      res.writeHead(req.method === 'PUT' ? 204 : 200, { 'x-len': String(body.length) });
      res.end(req.method === 'PUT' ? undefined : 'plain');
    });
    const put = await uploadFetch(`${base}/`, { method: 'PUT', body: streamOf([new Uint8Array(3)]), duplex: 'half', headers: { 'content-length': '3' } });
    expect(put.status).toBe(204);
    expect(put.body).toBeNull();
    expect(put.headers.get('x-len')).toBe('3');
    const get = await uploadFetch(`${base}/`, { method: 'GET' });
    expect(await get.text()).toBe('plain');
  });

  it('rejects when the request is aborted or the connection refused', async () => {
    const base = await serve(() => {
      // Never answers.
    });
    const controller = new AbortController();
    const pending = uploadFetch(`${base}/`, { method: 'PUT', body: streamOf([new Uint8Array(1)]), duplex: 'half', headers: { 'content-length': '1' }, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toThrow();
    const closed = await serve(() => {});
    servers.pop()!.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await expect(uploadFetch(`${closed}/`, { method: 'PUT', body: streamOf([new Uint8Array(1)]), duplex: 'half', headers: { 'content-length': '1' } })).rejects.toThrow();
  });
});
