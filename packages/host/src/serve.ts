/**
 * `serve`: a component exporting `wasi:http/incoming-handler` behind an HTTP
 * server. The server is preview2-shim's `HTTPServer` (Node's `http` in the
 * shim's I/O worker, bridged to `wasi:http/types` resources); one instance
 * handles every request. A guest that traps answers that request 500 and is
 * replaced by a fresh instance, so one bad request does not end the server.
 */
import { loadShim, type NodeShim } from './shim.js';
import { HostError } from './errors.js';
import { findExport, instantiate } from './instantiate.js';
import { prepare, type Prepared, type StartOptions } from './prepare.js';
import { wasiImports } from './wasi-host.js';

/** Options of {@link serveComponent}. */
export interface ServeOptions extends StartOptions {
  /** The TCP port; 0 picks a free one. */
  readonly port: number;
  /** The address to listen on; loopback (`127.0.0.1`) by default. */
  readonly host?: string;
  /** Where the server reports trouble (a trapped request); stderr by default. */
  readonly log?: (line: string) => void;
}

/** A server that is listening. */
export interface RunningServer {
  /** `http://HOST:PORT/`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Stops listening. */
  close(): void;
}

interface IncomingHandler {
  handle(request: unknown, responseOut: unknown): void;
}

// The part of preview2-shim's wasi:http/types that answers a request itself.
interface HttpTypes {
  Fields: new () => unknown;
  OutgoingResponse: new (headers: unknown) => {
    setStatusCode(code: number): void;
    body(): { write(): { blockingWriteAndFlush(bytes: Uint8Array): void; [Symbol.dispose]?: () => void } };
  };
  OutgoingBody: { finish(body: unknown, trailers: undefined): void };
  ResponseOutparam: { set(param: unknown, response: { tag: 'ok'; val: unknown }): void };
}

/**
 * Starts serving `target` (FILE, LAYOUT or REF). Throws a HostError when it
 * is refused up front, is not an HTTP handler, or the port cannot be bound.
 */
export async function serveComponent(target: string, options: ServeOptions): Promise<RunningServer> {
  const prepared = await prepare(target, 'serve', options);
  const shim = await loadShim();
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  let current: IncomingHandler | undefined = await handlerOf(shim, prepared, options);
  let restarting: Promise<void> | undefined;

  const guarded: IncomingHandler = {
    handle(request, responseOut) {
      if (current === undefined) {
        answer(shim, responseOut, 503, 'the component is restarting\n');
        return;
      }
      try {
        current.handle(request, responseOut);
      } catch (error) {
        log(`weld serve: ${prepared.source} trapped handling a request: ${error instanceof Error ? error.message : String(error)}`);
        answer(shim, responseOut, 500, 'the component failed to handle this request\n');
        current = undefined;
        restarting ??= handlerOf(shim, prepared, options).then(
          (fresh) => void (current = fresh),
          (err: unknown) => log(`weld serve: cannot restart ${prepared.source}: ${err instanceof Error ? err.message : String(err)}`),
        ).finally(() => (restarting = undefined));
      }
    },
  };

  const server = new shim.http.HTTPServer(guarded);
  try {
    server.listen(options.port, host);
  } catch (error) {
    try {
      server.stop();
    } catch {
      // It never started: nothing to stop.
    }
    const message = error instanceof Error ? error.message : String(error);
    throw new HostError('listen', `cannot listen on ${host}:${options.port}: ${message}`, [], { cause: error });
  }
  const address = server.address() as { port: number };
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${address.port}/`,
    host,
    port: address.port,
    close: () => server.stop(),
  };
}

async function handlerOf(shim: NodeShim, prepared: Prepared, options: StartOptions): Promise<IncomingHandler> {
  const wasi = wasiImports(shim, options.grants, { args: [prepared.source] });
  const exports = await instantiate(prepared.source, prepared.transpiled, wasi);
  const handler = findExport(exports, prepared.transpiled, 'wasi:http/incoming-handler') as IncomingHandler | undefined;
  if (handler === undefined) throw new HostError('not-runnable', `${prepared.source} does not export wasi:http/incoming-handler`);
  return handler;
}

/** Answers a request from the host, when the guest cannot. Best effort: the guest may have answered already. */
function answer(shim: NodeShim, responseOut: unknown, status: number, text: string): void {
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
    // The response was already set; nothing more can be said on this request.
  }
}
