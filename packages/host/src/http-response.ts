/**
 * The host's side of a response in `serve`: answering a request itself when
 * the guest cannot (it trapped, or it is being replaced), and catching a
 * guest that answers with an error value. preview2-shim's `HTTPServer`
 * reacts to `response-outparam.set(err(…))` by ending the whole process, so
 * the guest is given a `wasi:http/types` whose `response-outparam` turns an
 * error into a 502 answered by the host instead.
 */
import type { NodeShim } from './shim.js';

// The part of preview2-shim's wasi:http/types that answers a request itself.
interface HttpTypes {
  Fields: new () => unknown;
  OutgoingResponse: new (headers: unknown) => {
    setStatusCode(code: number): void;
    body(): { write(): { blockingWriteAndFlush(bytes: Uint8Array): void; [Symbol.dispose]?: () => void } };
  };
  OutgoingBody: { finish(body: unknown, trailers: undefined): void };
  ResponseOutparam: { set(param: unknown, response: ResponseResult): void };
}

/** What a guest passes to `response-outparam.set`, as jco lifts it. */
type ResponseResult = { tag: 'ok'; val: unknown } | { tag: 'err'; val: unknown };

/**
 * Answers a request from the host with `status` and a plain-text body. Best
 * effort: when the guest has set a response already, nothing more can be
 * said on this request and this does nothing.
 */
export function answer(shim: NodeShim, responseOut: unknown, status: number, text: string): void {
  const types = shim.http.types as unknown as HttpTypes;
  try {
    const response = new types.OutgoingResponse(new types.Fields());
    response.setStatusCode(status);
    const body = response.body();
    types.ResponseOutparam.set(responseOut, { tag: 'ok', val: response });
    const stream = body.write();
    stream.blockingWriteAndFlush(new TextEncoder().encode(text));
    stream[Symbol.dispose]?.();
    types.OutgoingBody.finish(body, undefined);
  } catch {
    // The response was already set.
  }
}

/**
 * preview2-shim's `wasi:http/types` for a served guest: the same classes,
 * except that `ResponseOutparam.set(param, err(code))` answers 502 from the
 * host and reports `code` through `onError` instead of ending the process.
 * `ResponseOutparam` is a proxy of the shim's class, so the shim's objects
 * still pass jco's `instanceof` checks.
 */
export function guardedHttpTypes(shim: NodeShim, onError: (code: unknown) => void): object {
  const types = shim.http.types as unknown as HttpTypes & Record<string, unknown>;
  const original = types.ResponseOutparam;
  const set = (param: unknown, response: ResponseResult): void => {
    if (response.tag === 'ok') return original.set(param, response);
    onError(response.val);
    answer(shim, param, 502, 'the component answered this request with an error\n');
  };
  const ResponseOutparam = new Proxy(original, {
    get: (target, key, receiver) => (key === 'set' ? set : Reflect.get(target, key, receiver)),
  });
  return { ...types, ResponseOutparam };
}

/** An `error-code` as jco lifts it (`{ tag, val? }`), for a log line: `connection-refused`, `internal-error("…")`. */
export function describeErrorCode(code: unknown): string {
  if (typeof code !== 'object' || code === null || !('tag' in code)) return String(code);
  const { tag, val } = code as { tag: unknown; val?: unknown };
  if (val === undefined) return String(tag);
  const shown = JSON.stringify(val, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
  return `${String(tag)}(${shown})`;
}
