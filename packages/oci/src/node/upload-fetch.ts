/**
 * A `fetch` for Node that sends streamed request bodies (uploads) with
 * `node:http`, and leaves every other request to the global `fetch`.
 * undici's fetch clones a request whose redirect mode is not `error`, and
 * the clone tees the body: the branch never read keeps every byte sent, so
 * a 1 GiB PUT held 1 GiB (weld follows redirects itself and needs them
 * `manual`). The answer is a WHATWG `Response`, so the transport above
 * cannot tell the two apart.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import type { Fetch, FetchInit } from '../http.js';

const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

/** Statuses whose answer has no body, which `Response` refuses one for. */
const bodiless = new Set([101, 204, 205, 304]);

/** `fetch` with streamed request bodies sent by `node:http` (see above). */
export const uploadFetch: Fetch = (url, init) => {
  if (!(init.body instanceof ReadableStream)) return globalThis.fetch(url, init);
  return send(new URL(url), init, init.body);
};

function send(url: URL, init: FetchInit, body: ReadableStream<Uint8Array>): Promise<Response> {
  const secure = url.protocol === 'https:';
  const headers = new Headers(init.headers);
  return new Promise<Response>((resolve, reject) => {
    const request = (secure ? httpsRequest : httpRequest)(url, {
      method: init.method ?? 'PUT',
      headers: Object.fromEntries(headers),
      agent: secure ? agents.https : agents.http,
      ...(init.signal && { signal: init.signal }),
    });
    request.on('error', reject);
    request.on('response', (answer: IncomingMessage) => {
      const received = new Headers();
      for (let i = 0; i + 1 < answer.rawHeaders.length; i += 2) received.append(answer.rawHeaders[i]!, answer.rawHeaders[i + 1]!);
      const status = answer.statusCode ?? 0;
      const stream = bodiless.has(status) || init.method === 'HEAD' ? null : (Readable.toWeb(answer) as ReadableStream<Uint8Array>);
      if (stream === null) answer.resume();
      resolve(new Response(stream, { status, headers: received }));
    });
    const source = Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>);
    source.on('error', (error) => request.destroy(error));
    source.pipe(request);
  });
}
