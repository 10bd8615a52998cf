/**
 * The HTTP transport under the registry client: one request over node:http
 * or node:https with keep-alive, streaming request bodies with progress,
 * redirects for reads (http and https only, without the Authorization
 * header when the origin changes, as blob storage redirects need), and a
 * retry loop with
 * exponential backoff for 5xx, 429 and dropped connections.
 *
 * node:http rather than fetch: uploads need an exact Content-Length with a
 * body written in slices (for progress), and fetch can only stream a body
 * with chunked encoding, which some registries refuse.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import type { OnBytes } from './digest.js';
import { OciError } from './errors.js';

/** A request to send. */
export interface HttpRequest {
  readonly method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: URL;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Uint8Array;
  /** Called as the body goes out. */
  readonly onBytes?: OnBytes;
}

/** A response whose body has not been read yet. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** Where the response came from, after redirects. */
  readonly url: URL;
  readonly body: IncomingMessage;
}

/** Reads a whole response body. */
export async function readBody(response: HttpResponse): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of response.body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Throws away a response body so the connection can be reused. */
export function discard(response: HttpResponse): void {
  response.body.resume();
}

/** A header as one string. */
export const header = (response: HttpResponse, name: string): string | undefined => {
  const value = response.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
};

const slice = 256 * 1024;
const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 8 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 8 });

/** Connection-level errors worth another try. */
const retriableCodes = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED', 'EHOSTUNREACH', 'UND_ERR_SOCKET']);

/** Whether `error` is a dropped or refused connection (as opposed to a bug or a verdict). */
export function isNetworkError(error: unknown): error is NodeJS.ErrnoException {
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code;
  return (code !== undefined && retriableCodes.has(code)) || error.message === 'socket hang up' || error.message === 'aborted';
}

/** OpenSSL's and Node's codes for a failed TLS handshake or certificate check. */
const tlsCode = /^(EPROTO|ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_(GET|VERIFY)_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)/;

/**
 * A failed TLS handshake as a `network` OciError: a verdict about the server
 * (often plain HTTP on the port, or a certificate Node does not trust), not a
 * bug in weld and not worth retrying.
 */
function tlsFailure(error: unknown, what: string): OciError | undefined {
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  if (code === undefined || !tlsCode.test(code)) return undefined;
  const plain = error instanceof Error && /wrong version number|packet length too long|http request/i.test(error.message);
  return new OciError('network', `${what}: the TLS handshake failed (${code})${plain ? '; the server seems to speak plain HTTP on that port' : ''}`);
}

/** Sends one request, following redirects for GET and HEAD. Rejects on connection errors. */
export async function send(request: HttpRequest, timeoutMs = 60_000): Promise<HttpResponse> {
  let url = request.url;
  let headers = { ...request.headers };
  for (let hop = 0; ; hop++) {
    const response = await sendOnce({ ...request, url, headers }, timeoutMs);
    const location = header(response, 'location');
    const redirect = [301, 302, 303, 307, 308].includes(response.status) && location !== undefined;
    if (!redirect || (request.method !== 'GET' && request.method !== 'HEAD') || hop >= 5) return response;
    discard(response);
    const next = new URL(location, url);
    if (next.protocol !== 'https:' && next.protocol !== 'http:') {
      throw new OciError('http', `${url.origin}${url.pathname}: refusing a redirect to ${next.protocol} (only http and https are followed)`);
    }
    // Credentials stay with the origin they were meant for (as fetch does): not another host, port or scheme.
    if (next.origin !== url.origin) {
      const { authorization: _dropped, Authorization: _Dropped, ...rest } = headers;
      headers = rest;
    }
    url = next;
  }
}

function sendOnce(request: HttpRequest, timeoutMs: number): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const https = request.url.protocol === 'https:';
    const body = request.body;
    const headers: Record<string, string> = { ...request.headers };
    if (body !== undefined) headers['content-length'] = String(body.length);
    else if (request.method === 'PUT' || request.method === 'POST' || request.method === 'PATCH') headers['content-length'] = '0';
    const req = (https ? httpsRequest : httpRequest)(request.url, {
      method: request.method,
      headers,
      agent: https ? httpsAgent : httpAgent,
      timeout: timeoutMs,
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer from ${request.url.host} within ${timeoutMs / 1000} s`), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.on('response', (res) => resolve({ status: res.statusCode ?? 0, headers: res.headers, url: request.url, body: res }));
    if (body === undefined) {
      req.end();
      return;
    }
    void (async () => {
      for (let at = 0; at < body.length; at += slice) {
        const part = body.subarray(at, Math.min(at + slice, body.length));
        const ok = req.write(part);
        request.onBytes?.(part.length);
        if (!ok) {
          await new Promise<void>((done) => {
            const finish = () => {
              req.off('drain', finish).off('close', finish);
              done();
            };
            req.on('drain', finish).on('close', finish);
          });
        }
        if (req.destroyed) return;
      }
      req.end();
    })();
  });
}

/** How hard to try. */
export interface RetryPolicy {
  /** Tries after the first; 0 disables retries. */
  readonly retries: number;
  /** The first wait; each next one doubles (with jitter). */
  readonly baseDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { retries: 4, baseDelayMs: 250 };

/**
 * Runs `attempt` until it returns a response that is not 5xx or 429, or
 * throws an error that is not a network error, waiting longer each time.
 * `onRetry` hears about each retry. After the last try, a network error
 * becomes a `network` OciError; a 5xx response is returned for the caller
 * to report.
 */
export async function withRetries(
  attempt: () => Promise<HttpResponse>,
  policy: RetryPolicy,
  what: string,
  onRetry?: (reason: string, wait: number) => void,
): Promise<HttpResponse> {
  for (let n = 0; ; n++) {
    let reason: string;
    try {
      const response = await attempt();
      const retriable = response.status >= 500 || response.status === 429;
      if (!retriable || n >= policy.retries) return response;
      discard(response);
      reason = `HTTP ${response.status}`;
    } catch (error) {
      const tls = tlsFailure(error, what);
      if (tls !== undefined) throw tls;
      if (!isNetworkError(error)) throw error;
      if (n >= policy.retries) {
        throw new OciError('network', `${what}: ${error.code ?? error.message}${policy.retries > 0 ? ` (after ${policy.retries + 1} tries)` : ''}`);
      }
      reason = error.code ?? error.message;
    }
    const wait = policy.baseDelayMs * 2 ** n * (0.75 + Math.random() / 2);
    onRetry?.(reason, wait);
    await sleep(wait);
  }
}
