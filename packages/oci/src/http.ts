/**
 * The HTTP transport under the registry client, over WHATWG `fetch` (the
 * global one, which is undici's on Node, or one the caller passes): one
 * request at a time with request bodies streamed in slices with progress and
 * an exact Content-Length, redirects for reads followed by hand (without the
 * Authorization header when the origin changes, as blob storage redirects
 * need), a watchdog per transfer (a minimum rate, and an abort signal for
 * deadlines and interrupts), bodies read with a byte cap, and a retry loop
 * with exponential backoff for 5xx, 429 and transient failures. Nothing here
 * needs Node: the same client runs in a page.
 *
 * Every failure of the transport is an `OciError` naming the request (its
 * method and URL without the query, which may hold a signature), marked
 * `transient` when another try may help.
 */
import { concatBytes, isBytes, readSized } from './bytes.js';
import type { OnBytes } from './digest.js';
import { OciError } from './errors.js';
import { isLoopback } from './reference.js';
import { streamsRequestBodies } from './runtime.js';

/** A request to send. */
export interface HttpRequest {
  readonly method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: URL;
  /** Header names in lowercase. */
  readonly headers?: Readonly<Record<string, string>>;
  /** In memory, or read as it goes out (a file). */
  readonly body?: Uint8Array | BodySource;
  /** Called as the body goes out. */
  readonly onBytes?: OnBytes;
}

/**
 * A request body read as it is sent: its exact size (the Content-Length)
 * and its bytes, opened anew for every try.
 */
export interface BodySource {
  readonly size: number;
  readonly open: () => AsyncIterable<Uint8Array>;
}

/** A response whose body has not been read yet. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  /** Where the response came from, after redirects. */
  readonly url: URL;
  /** The body as it arrives; a dropped connection, a stall or an abort makes it throw an `OciError`. */
  readonly body: AsyncIterable<Uint8Array>;
  /** Reads the rest of the body away, so the connection can be reused. */
  readonly discard: () => void;
  /** Drops the connection without reading further. */
  readonly close: () => void;
}

/** What `fetch` is given: `RequestInit` with `duplex`, which a streamed request body needs. */
export type FetchInit = RequestInit & { readonly duplex?: 'half' };

/**
 * The `fetch` the transport calls: `globalThis.fetch`, or the caller's (a
 * test's, undici's with a dispatcher of its own, a page's with its service
 * worker in mind).
 */
export type Fetch = (url: string, init: FetchInit) => Promise<Response>;

/** How requests go out. */
export interface Transport {
  readonly fetch: Fetch;
  /**
   * Request bodies as streams of slices, with progress as each slice goes
   * and the watchdog counting them; else each body goes whole and its
   * progress is reported when the answer starts.
   */
  readonly streamBodies: boolean;
}

/**
 * `fetch` (default: the global one at the time of each call) as a
 * transport, streaming request bodies where the runtime can (Node; a
 * browser streams one only over HTTP/2).
 */
export function transport(fetch?: Fetch, streamBodies = streamsRequestBodies()): Transport {
  // Called as a plain function: a browser's fetch refuses any other `this` than the window.
  const call: Fetch = fetch ?? ((url, init) => globalThis.fetch(url, init));
  return { fetch: (url, init) => call(url, init), streamBodies };
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
export async function readBody(response: HttpResponse, limit = maxBodyBytes, what = describe('GET', response.url)): Promise<Uint8Array> {
  const tooLarge = (size: string) => new OciError('format', `${what}: the answer${size} is larger than weld reads (${limit} bytes)`);
  const declared = Number(header(response, 'content-length') ?? '0');
  if (declared > limit) {
    response.close();
    throw tooLarge(` (${declared} bytes)`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.length;
    if (size > limit) throw tooLarge('');
    chunks.push(chunk);
  }
  return concatBytes(chunks);
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

/** A header as one string (several of the same name joined with `, `). */
export const header = (response: HttpResponse, name: string): string | undefined => response.headers.get(name) ?? undefined;

const slice = 256 * 1024;

/** Connection-level failures worth another try, in words (Node's error codes and undici's). */
const transientCodes: Readonly<Record<string, string>> = {
  ECONNRESET: 'the connection dropped',
  EPIPE: 'the connection dropped',
  ECONNABORTED: 'the connection dropped',
  UND_ERR_SOCKET: 'the connection dropped',
  UND_ERR_CLOSED: 'the connection dropped',
  ECONNREFUSED: 'connection refused',
  ETIMEDOUT: 'timed out connecting',
  UND_ERR_CONNECT_TIMEOUT: 'timed out connecting',
  UND_ERR_HEADERS_TIMEOUT: 'no answer in time',
  UND_ERR_BODY_TIMEOUT: 'the transfer stalled',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EAI_AGAIN: 'the host name could not be looked up (temporary failure)',
};

/** What an error of the platform says: its code and message. */
interface PlatformError {
  readonly code?: string;
  readonly message?: string;
  readonly cause?: unknown;
}

/** Whether `error` is a refused connection. */
export const isConnectionRefused = (error: unknown): boolean =>
  error instanceof OciError && (error.cause as PlatformError | undefined)?.code === 'ECONNREFUSED';

/**
 * A failure of `fetch` as an `OciError` naming `where`. undici wraps the
 * socket's error in a `TypeError` ("fetch failed", or "terminated" while a
 * body streams) as its `cause`: the cause says what happened.
 */
function transportError(error: unknown, where: string, received?: number): OciError {
  if (error instanceof OciError) return error;
  const outer = (error ?? {}) as PlatformError;
  const inner = (outer instanceof TypeError && outer.cause !== undefined && outer.cause !== null ? outer.cause : outer) as PlatformError;
  const code = inner.code;
  const message = String(inner.message ?? outer.message ?? 'failed');
  const fail = (why: string, transient = false) => new OciError('network', `${where}: ${why}`, undefined, { transient, cause: inner });
  const after = received === undefined ? '' : ` after ${received} bytes of the answer`;
  const known = code === undefined ? undefined : transientCodes[code];
  if (known !== undefined) return fail(`${known}${after}`, true);
  if (message === 'terminated' || message === 'other side closed') return fail(`the connection dropped${after}`, true);
  if (code === 'ENOTFOUND') return fail('no such host');
  if (code === 'EPROTO' || (code ?? '').startsWith('ERR_SSL_') || (code ?? '').startsWith('ERR_TLS_') || /certificate|SSL routines/i.test(message)) {
    // OpenSSL's reason sits between colons before its source file: "…:ssl3_get_record:wrong version number:../deps/…".
    const reason = /:([^:]+):[^:]*\.c:\d+/.exec(message)?.[1] ?? message.split('\n', 1)[0] ?? '';
    return fail(/wrong version number|packet length too long|http request/i.test(reason) ? 'the server does not speak TLS there (plain HTTP?)' : `TLS failed: ${reason}`);
  }
  if (message === 'bad port') return fail('fetch does not connect to this port (one that browsers keep closed, such as 6000)');
  if (code === 'ERR_INVALID_PROTOCOL' || /not implemented\.\.\. yet|unknown scheme/i.test(message)) return fail('not an http: or https: URL');
  if ((code ?? '').startsWith('HPE_')) return fail(`the server did not answer HTTP (${code})`);
  return fail(`${message.split('\n', 1)[0] ?? 'failed'}${code === undefined ? '' : ` (${code})`}`);
}

/** The error an aborted `signal` stands for. */
function abortError(signal: AbortSignal, where: string): OciError {
  const reason: unknown = signal.reason;
  if (reason instanceof OciError) return new OciError(reason.kind, `${where}: ${reason.message}`, reason.status, { cause: reason });
  return new OciError('network', `${where}: aborted`, undefined, { cause: reason });
}

/** A timer that does not keep Node running by itself (browsers' timers never do). */
function backgroundInterval(run: () => void, ms: number): ReturnType<typeof setInterval> {
  const timer = setInterval(run, ms);
  (timer as unknown as { unref?: () => void }).unref?.();
  return timer;
}

/**
 * Watches one transfer: every `windowMs` it checks that enough bytes moved
 * since the last check, and it listens to the abort signal. A verdict is
 * kept in `failure` (so that fetch's own abort error does not replace it)
 * and handed to `kill`. `unseen` bytes go out without being counted (a
 * request body sent whole): until the answer, the watchdog waits as long
 * as they take at the minimum rate, on top of the window.
 */
class Watchdog {
  moved = 0;
  failure: OciError | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  readonly #signal: AbortSignal | undefined;
  readonly #onAbort: () => void;
  readonly #check: () => void;
  readonly #windowMs: number;
  #answered = false;

  constructor(where: string, limits: TransferLimits, kill: (failure: OciError) => void, unseen = 0) {
    const floor = Math.max(1, (limits.minBytesPerSecond * limits.windowMs) / 1000);
    const seconds = limits.windowMs / 1000;
    const patienceMs = (unseen / floor) * limits.windowMs;
    const patientUntil = Date.now() + patienceMs;
    const fail = (failure: OciError) => {
      if (this.failure !== undefined) return;
      this.failure = failure;
      this.stop();
      kill(failure);
    };
    this.#windowMs = limits.windowMs;
    this.#check = () => {
      if (this.moved >= floor || (!this.#answered && Date.now() < patientUntil)) {
        this.moved = 0;
        return;
      }
      const why = !this.#answered
        ? `no answer within ${unseen === 0 ? seconds : Math.round((limits.windowMs + patienceMs) / 100) / 10} s`
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
    this.#timer = backgroundInterval(this.#check, this.#windowMs);
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
export async function send(request: HttpRequest, limits: TransferLimits = defaultLimits, via: Transport = transport()): Promise<HttpResponse> {
  let url = request.url;
  let headers = { ...request.headers };
  const reads = request.method === 'GET' || request.method === 'HEAD';
  for (let hop = 0; ; hop++) {
    const response = await sendOnce({ ...request, url, headers }, limits, via, false);
    // A page's fetch hides a redirect (status 0): let it follow the redirect itself, under the same rules.
    if (response.status === 0 && reads) {
      discard(response);
      return sendOnce({ ...request, url, headers }, limits, via, true);
    }
    const location = header(response, 'location');
    const redirect = [301, 302, 303, 307, 308].includes(response.status) && location !== undefined;
    if (!redirect || !reads || hop >= 5) return response;
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

/** One request; `follow` lets fetch follow redirects itself (where it hides them). */
async function sendOnce(request: HttpRequest, limits: TransferLimits, via: Transport, follow: boolean): Promise<HttpResponse> {
  const where = describe(request.method, request.url);
  if (limits.signal?.aborted === true) throw abortError(limits.signal, where);
  const controller = new AbortController();
  // A page that cannot stream a request body sends it whole: a source is read into memory first (an empty one too, which is no stream).
  const source = request.body;
  const body = source === undefined || isBytes(source) || (via.streamBodies && source.size > 0) ? source : await readSized(source.open(), source.size, `${where}: the body to send`);
  const size = body === undefined ? 0 : isBytes(body) ? body.length : body.size;
  const streamed = body !== undefined && size > 0 && via.streamBodies;
  const dog = new Watchdog(where, limits, (failure) => controller.abort(failure), streamed ? 0 : size);
  // Bytes as the registry stores them: a blob's digest is of those, and a Range counts them.
  const headers: Record<string, string> = { 'accept-encoding': 'identity', ...request.headers };
  if (streamed) headers['content-length'] = String(size);
  else if (body === undefined && (request.method === 'PUT' || request.method === 'POST' || request.method === 'PATCH')) headers['content-length'] = '0';
  // (`Uint8Array<ArrayBuffer>`: the DOM lib's BodyInit does not take a view that may be of a SharedArrayBuffer; weld's never are.)
  const init: FetchInit = {
    method: request.method,
    headers,
    redirect: follow ? 'follow' : 'manual',
    signal: controller.signal,
    ...(body !== undefined && (streamed ? { body: slices(body, dog, request.onBytes, where), duplex: 'half' as const } : { body: body as Uint8Array<ArrayBuffer> })),
  };
  let response: Response;
  try {
    response = await via.fetch(request.url.href, init);
  } catch (error) {
    dog.stop();
    throw dog.failure ?? transportError(error, where);
  }
  dog.answered();
  if (body !== undefined && !streamed) request.onBytes?.(size);
  const stream = response.body;
  if (stream === null) dog.stop();
  const chunks = stream === null ? (async function* () {})() : guarded(stream, dog, where, controller);
  return {
    status: response.status,
    headers: response.headers,
    url: follow && response.url !== '' ? new URL(response.url) : request.url,
    body: chunks,
    discard: () => void drain(chunks),
    close: () => {
      dog.stop();
      controller.abort();
    },
  };
}

/**
 * `body` as a stream of slices, each counted by the watchdog and reported as
 * it is taken. A source that ends early fails the request: the
 * Content-Length was promised.
 */
function slices(body: Uint8Array | BodySource, dog: Watchdog, onBytes: OnBytes | undefined, where: string): ReadableStream<Uint8Array> {
  const size = isBytes(body) ? body.length : body.size;
  let chunks: AsyncIterator<Uint8Array> | undefined;
  let pending = isBytes(body) ? body : new Uint8Array(0);
  let at = 0;
  let sent = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        while (at >= pending.length) {
          if (isBytes(body)) return controller.close();
          chunks ??= body.open()[Symbol.asyncIterator]();
          const next = await chunks.next();
          if (next.done === true) return controller.error(new OciError('format', `${where}: the body to send ended after ${sent} of its ${size} bytes (did the file change?)`));
          pending = next.value;
          at = 0;
        }
        const part = pending.subarray(at, Math.min(at + slice, pending.length, at + size - sent));
        at += part.length;
        sent += part.length;
        controller.enqueue(part);
        dog.moved += part.length;
        onBytes?.(part.length);
        if (sent === size) {
          // Nothing beyond the promised size is sent (a file that grew is caught by its digest).
          void chunks?.return?.();
          controller.close();
        }
      },
      cancel() {
        void chunks?.return?.();
      },
    },
    // Nothing is taken before fetch asks for it, so progress follows the socket.
    { highWaterMark: 0 },
  );
}

/** Reads `chunks` to the end, for nothing. */
async function drain(chunks: AsyncIterable<Uint8Array>): Promise<void> {
  try {
    for await (const _ of chunks);
  } catch {
    // The body was not wanted: a failure reading it is no one's concern.
  }
}

/** The body `stream`, counted by the watchdog; fetch's errors become `OciError`s, the watchdog's verdicts win. */
async function* guarded(stream: ReadableStream<Uint8Array>, dog: Watchdog, where: string, controller: AbortController): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let received = 0;
  let complete = false;
  try {
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch (error) {
        throw dog.failure ?? transportError(error, where, received);
      }
      if (next.done) break;
      received += next.value.length;
      dog.moved += next.value.length;
      yield next.value;
    }
    complete = true;
  } finally {
    dog.stop();
    // Left unread: drop the connection rather than leave it holding the rest (a fetch of the caller's may not heed the signal).
    if (!complete) {
      void reader.cancel().catch(() => {});
      controller.abort();
    }
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
export function pause(ms: number, signal: AbortSignal | undefined, where: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) return reject(abortError(signal, where));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal!, where));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
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
