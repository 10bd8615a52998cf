/**
 * The HTTP transport under the registry client: one request over node:http
 * or node:https with keep-alive, streaming request bodies with progress,
 * redirects for reads (without the Authorization header when the origin
 * changes, as blob storage redirects need), a watchdog per transfer (a
 * minimum rate, and an abort signal for deadlines and interrupts), bodies
 * read with a byte cap, and a retry loop with exponential backoff for 5xx,
 * 429 and transient failures.
 *
 * Every failure of the transport is an `OciError` naming the request (its
 * method and URL without the query, which may hold a signature), marked
 * `transient` when another try may help.
 *
 * node:http rather than fetch: uploads need an exact Content-Length with a
 * body written in slices (for progress), and fetch can only stream a body
 * with chunked encoding, which some registries refuse.
 */
import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import type { OnBytes } from './digest.js';
import { OciError } from './errors.js';
import { isLoopback } from './reference.js';

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
  /** The body as it arrives; a dropped connection, a stall or an abort makes it throw an `OciError`. */
  readonly body: AsyncIterable<Buffer>;
  /** Reads the rest of the body away, so the connection can be reused. */
  readonly discard: () => void;
  /** Drops the connection without reading further. */
  readonly close: () => void;
}

/**
 * How slow a transfer may get before it counts as stalled, and what ends
 * every transfer at once.
 */
export interface TransferLimits {
  /**
   * A request or response moving fewer bytes a second than this, averaged
   * over `windowMs`, is stalled. 0: only one that moves nothing at all is.
   */
  readonly minBytesPerSecond: number;
  /** The window the rate is measured over; also how long a server may take to start answering. */
  readonly windowMs: number;
  /**
   * Aborts every request in flight and every wait between retries (a
   * deadline, an interrupt). An `OciError` as its reason is the error's
   * message; any other reason reads "aborted".
   */
  readonly signal?: AbortSignal;
}

/** 1 KiB/s over 30 s. */
export const defaultLimits: TransferLimits = { minBytesPerSecond: 1024, windowMs: 30_000 };

/** The most a body read into memory may hold unless the caller says otherwise. */
export const maxBodyBytes = 4 * 1024 * 1024;

/** A request as messages name it: method and URL without the query. */
const describe = (method: string, url: URL): string => `${method} ${url.protocol}//${url.host}${url.pathname}`;

/**
 * Reads a whole response body, at most `limit` bytes (counted as it
 * streams, not only against Content-Length); `what` names it in the error.
 */
export async function readBody(response: HttpResponse, limit = maxBodyBytes, what = describe('GET', response.url)): Promise<Buffer> {
  const tooLarge = (size: string) => new OciError('format', `${what}: the answer${size} is larger than weld reads (${limit} bytes)`);
  const declared = Number(header(response, 'content-length') ?? '0');
  if (declared > limit) {
    response.close();
    throw tooLarge(` (${declared} bytes)`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.length;
    if (size > limit) throw tooLarge('');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** `response` with its body (at most `limit` bytes) already read, so that a failure while reading is a failure of the request. */
export async function buffered(response: HttpResponse, limit = maxBodyBytes, what?: string): Promise<HttpResponse> {
  const bytes = await readBody(response, limit, what);
  return { ...response, body: (async function* () { yield bytes; })(), discard: () => {}, close: () => {} };
}

/** Throws away a response body so the connection can be reused. */
export function discard(response: HttpResponse): void {
  response.discard();
}

/** A header as one string. */
export const header = (response: HttpResponse, name: string): string | undefined => {
  const value = response.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
};

const slice = 256 * 1024;
const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 8 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 8 });

/** Connection-level failures worth another try, in words. */
const transientCodes: Readonly<Record<string, string>> = {
  ECONNRESET: 'the connection dropped',
  EPIPE: 'the connection dropped',
  ECONNABORTED: 'the connection dropped',
  UND_ERR_SOCKET: 'the connection dropped',
  ECONNREFUSED: 'connection refused',
  ETIMEDOUT: 'timed out connecting',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EAI_AGAIN: 'the host name could not be looked up (temporary failure)',
};

/** Whether `error` is a refused connection. */
export const isConnectionRefused = (error: unknown): boolean =>
  error instanceof OciError && (error.cause as NodeJS.ErrnoException | undefined)?.code === 'ECONNREFUSED';

/** A failure of node's transport as an `OciError` naming `where`. */
function transportError(error: unknown, where: string, received?: number): OciError {
  if (error instanceof OciError) return error;
  const { code, message } = error as NodeJS.ErrnoException;
  const after = received === undefined ? '' : ` after ${received} bytes of the answer`;
  const known = code === undefined ? undefined : transientCodes[code];
  if (known !== undefined) return new OciError('network', `${where}: ${known}${after}`, undefined, { transient: true, cause: error });
  if (message === 'aborted' || message === 'socket hang up') return new OciError('network', `${where}: the connection dropped${after}`, undefined, { transient: true, cause: error });
  if (code === 'ENOTFOUND') return new OciError('network', `${where}: no such host`, undefined, { cause: error });
  if (code === 'EPROTO' || (code ?? '').startsWith('ERR_SSL_') || (code ?? '').startsWith('ERR_TLS_') || /certificate|SSL routines/i.test(message)) {
    // OpenSSL's reason sits between colons before its source file: "…:ssl3_get_record:wrong version number:../deps/…".
    const reason = /:([^:]+):[^:]*\.c:\d+/.exec(message)?.[1] ?? message.split('\n', 1)[0] ?? '';
    const why = /wrong version number|packet length too long|http request/i.test(reason) ? 'the server does not speak TLS there (plain HTTP?)' : `TLS failed: ${reason}`;
    return new OciError('network', `${where}: ${why}`, undefined, { cause: error });
  }
  if (code === 'ERR_INVALID_PROTOCOL') return new OciError('network', `${where}: not an http: or https: URL`, undefined, { cause: error });
  if ((code ?? '').startsWith('HPE_')) return new OciError('network', `${where}: the server did not answer HTTP (${code})`, undefined, { cause: error });
  return new OciError('network', `${where}: ${message.split('\n', 1)[0] ?? 'failed'}${code === undefined ? '' : ` (${code})`}`, undefined, { cause: error });
}

/** The error an aborted `signal` stands for. */
function abortError(signal: AbortSignal, where: string): OciError {
  const reason: unknown = signal.reason;
  if (reason instanceof OciError) return new OciError(reason.kind, `${where}: ${reason.message}`, reason.status, { cause: reason });
  return new OciError('network', `${where}: aborted`, undefined, { cause: reason });
}

/**
 * Watches one transfer: every `windowMs` it checks that enough bytes moved
 * since the last check, and it listens to the abort signal. A verdict is
 * kept in `failure` (so that node's own "aborted" does not replace it) and
 * handed to `kill`.
 */
class Watchdog {
  moved = 0;
  failure: OciError | undefined;
  #timer: NodeJS.Timeout | undefined;
  readonly #signal: AbortSignal | undefined;
  readonly #onAbort: () => void;
  readonly #check: () => void;
  readonly #windowMs: number;
  #answered = false;

  constructor(where: string, limits: TransferLimits, kill: (failure: OciError) => void) {
    const floor = Math.max(1, (limits.minBytesPerSecond * limits.windowMs) / 1000);
    const seconds = limits.windowMs / 1000;
    const fail = (failure: OciError) => {
      if (this.failure !== undefined) return;
      this.failure = failure;
      this.stop();
      kill(failure);
    };
    this.#windowMs = limits.windowMs;
    this.#check = () => {
      if (this.moved >= floor) {
        this.moved = 0;
        return;
      }
      const why = !this.#answered
        ? `no answer within ${seconds} s`
        : limits.minBytesPerSecond === 0
          ? `the transfer stalled: nothing arrived for ${seconds} s`
          : `the transfer stalled: ${this.moved} bytes in ${seconds} s, below the minimum rate of ${limits.minBytesPerSecond} bytes/s`;
      fail(new OciError('network', `${where}: ${why}`, undefined, { transient: true }));
    };
    this.#arm();
    this.#signal = limits.signal;
    this.#onAbort = () => fail(abortError(limits.signal!, where));
    this.#signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  #arm(): void {
    clearInterval(this.#timer);
    this.moved = 0;
    this.#timer = setInterval(this.#check, this.#windowMs);
    this.#timer.unref();
  }

  /** The response started: the body gets windows of its own (the wait for the answer is not held against it). */
  answered(): void {
    this.#answered = true;
    if (this.failure === undefined) this.#arm();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#signal?.removeEventListener('abort', this.#onAbort);
  }
}

/**
 * Sends one request, following redirects for GET and HEAD (only to http:
 * and https:, and never from https: down to plain http: off loopback).
 * Rejects with an `OciError` on any failure of the transport.
 */
export async function send(request: HttpRequest, limits: TransferLimits = defaultLimits): Promise<HttpResponse> {
  let url = request.url;
  let headers = { ...request.headers };
  for (let hop = 0; ; hop++) {
    const response = await sendOnce({ ...request, url, headers }, limits);
    const location = header(response, 'location');
    const redirect = [301, 302, 303, 307, 308].includes(response.status) && location !== undefined;
    if (!redirect || (request.method !== 'GET' && request.method !== 'HEAD') || hop >= 5) return response;
    discard(response);
    const where = describe(request.method, url);
    let next: URL;
    try {
      next = new URL(location, url);
    } catch {
      throw new OciError('http', `${where}: redirected to ${JSON.stringify(location)}, which is not a URL`, response.status);
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      throw new OciError('http', `${where}: redirected to a ${next.protocol} URL, which weld does not follow (only http: and https:)`, response.status);
    }
    if (url.protocol === 'https:' && next.protocol === 'http:' && !isLoopback(next.host)) {
      throw new OciError('http', `${where}: redirected from HTTPS to plain HTTP (${next.host}), which weld does not follow`, response.status);
    }
    // Credentials stay with the origin they were meant for (as fetch does): not another host, port or scheme.
    if (next.origin !== url.origin) {
      const { authorization: _dropped, Authorization: _Dropped, ...rest } = headers;
      headers = rest;
    }
    url = next;
  }
}

function sendOnce(request: HttpRequest, limits: TransferLimits): Promise<HttpResponse> {
  const where = describe(request.method, request.url);
  if (limits.signal?.aborted === true) return Promise.reject(abortError(limits.signal, where));
  return new Promise((resolve, reject) => {
    const https = request.url.protocol === 'https:';
    const body = request.body;
    const headers: Record<string, string> = { ...request.headers };
    if (body !== undefined) headers['content-length'] = String(body.length);
    else if (request.method === 'PUT' || request.method === 'POST' || request.method === 'PATCH') headers['content-length'] = '0';
    let req: ClientRequest | undefined;
    const dog = new Watchdog(where, limits, (failure) => req?.destroy(failure));
    try {
      req = (https ? httpsRequest : httpRequest)(request.url, { method: request.method, headers, agent: https ? httpsAgent : httpAgent });
    } catch (error) {
      dog.stop();
      reject(transportError(error, where));
      return;
    }
    const sent = req;
    sent.on('error', (error) => {
      dog.stop();
      reject(dog.failure ?? transportError(error, where));
    });
    sent.on('response', (res) => {
      dog.answered();
      // Failures surface through `body`; without a listener node would throw them at the process.
      res.on('error', () => {});
      res.once('close', () => dog.stop());
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        url: request.url,
        body: guarded(res, dog, where),
        discard: () => void res.resume(),
        close: () => void res.destroy(),
      });
    });
    if (body === undefined) {
      sent.end();
      return;
    }
    void (async () => {
      for (let at = 0; at < body.length; at += slice) {
        const part = body.subarray(at, Math.min(at + slice, body.length));
        const ok = sent.write(part);
        dog.moved += part.length;
        request.onBytes?.(part.length);
        if (!ok) {
          await new Promise<void>((done) => {
            const finish = () => {
              sent.off('drain', finish).off('close', finish);
              done();
            };
            sent.on('drain', finish).on('close', finish);
          });
        }
        if (sent.destroyed) return;
      }
      sent.end();
    })();
  });
}

/** The body of `res`, counted by the watchdog; node's errors become `OciError`s, its verdicts win. */
async function* guarded(res: IncomingMessage, dog: Watchdog, where: string): AsyncGenerator<Buffer> {
  let received = 0;
  let complete = false;
  try {
    for await (const chunk of res) {
      const bytes = chunk as Buffer;
      received += bytes.length;
      dog.moved += bytes.length;
      yield bytes;
    }
    complete = true;
  } catch (error) {
    throw dog.failure ?? transportError(error, where, received);
  } finally {
    dog.stop();
    if (!complete) res.destroy();
  }
}

/** How hard to try. */
export interface RetryPolicy {
  /** Tries after the first; 0 disables retries. */
  readonly retries: number;
  /** The first wait; each next one doubles (with jitter). */
  readonly baseDelayMs: number;
}

/** What a client uses without a `retry` option: four retries, after waits of about 0.25, 0.5, 1 and 2 s. */
export const defaultRetryPolicy: RetryPolicy = { retries: 4, baseDelayMs: 250 };

/** `error` (transient, given up on) with the number of tries it took. */
export function afterTries(error: OciError, tries: number): OciError {
  if (tries <= 1) return error;
  return new OciError(error.kind, `${error.message} (after ${tries} tries)`, error.status, { transient: true, cause: error.cause });
}

/** Waits `ms`, or rejects with the abort's error when `signal` fires first. */
export async function pause(ms: number, signal: AbortSignal | undefined, where: string): Promise<void> {
  try {
    await sleep(ms, undefined, signal === undefined ? {} : { signal });
  } catch (error) {
    if (signal?.aborted === true) throw abortError(signal, where);
    throw error;
  }
}

/** The wait before try `n + 1`. */
export const backoff = (policy: RetryPolicy, n: number): number => policy.baseDelayMs * 2 ** n * (0.75 + Math.random() / 2);

/**
 * Runs `attempt` until it returns a response that is not 5xx or 429, or
 * throws an error that is not transient, waiting longer each time (and no
 * longer than `signal` allows). `onRetry` hears about each retry. After the
 * last try, a transient error is thrown with the number of tries; a 5xx
 * response is returned for the caller to report.
 */
export async function withRetries(
  attempt: () => Promise<HttpResponse>,
  policy: RetryPolicy,
  what: string,
  signal?: AbortSignal,
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
      if (!(error instanceof OciError) || !error.transient) throw error;
      if (n >= policy.retries) throw afterTries(error, n + 1);
      reason = error.message;
    }
    const wait = backoff(policy, n);
    onRetry?.(reason, wait);
    await pause(wait, signal, what);
  }
}
