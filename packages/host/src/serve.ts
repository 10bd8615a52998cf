/**
 * `serve`: a component exporting `wasi:http/incoming-handler` behind an HTTP
 * server. The server is preview2-shim's `HTTPServer` (Node's `http` in the
 * shim's I/O worker, bridged to `wasi:http/types` resources); one instance
 * handles every request. A guest that traps answers that request 500 and is
 * replaced by a fresh instance; requests that arrive meanwhile wait for it.
 * A guest that answers with an error value (`response-outparam.set(err)`)
 * gets a 502 sent for it. Neither ends the server.
 */
import { loadShim, type NodeShim } from './shim.js';
import { HostError } from './errors.js';
import { answer, describeErrorCode, guardedHttpTypes } from './http-response.js';
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

/** How many requests may wait for a fresh instance; more are answered 503. */
const maxWaiting = 1024;

/**
 * Starts serving `target` (FILE, LAYOUT or REF). Throws a HostError when it
 * is refused up front, is not an HTTP handler, or the port cannot be bound.
 */
export async function serveComponent(target: string, options: ServeOptions): Promise<RunningServer> {
  const prepared = await prepare(target, 'serve', options);
  const shim = await loadShim();
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));
  const httpTypes = guardedHttpTypes(shim, (code) =>
    log(`weld serve: ${prepared.source} answered a request with an error (${describeErrorCode(code)}); sent 502`),
  );
  const fresh = (): Promise<IncomingHandler> => handlerOf(shim, prepared, options, httpTypes);
  let current: IncomingHandler | undefined = await fresh();
  let restarting: Promise<void> | undefined;
  const waiting: [request: unknown, responseOut: unknown][] = [];

  /** Hands one request to the current instance; on a trap, answers 500 and starts replacing it. */
  const dispatch = (handler: IncomingHandler, request: unknown, responseOut: unknown): void => {
    try {
      handler.handle(request, responseOut);
    } catch (error) {
      log(`weld serve: ${prepared.source} trapped handling a request: ${message(error)}`);
      answer(shim, responseOut, 500, 'the component failed to handle this request\n');
      if (current === handler) {
        current = undefined;
        restart();
      }
    }
  };

  /** Instantiates a replacement, then hands it the requests that waited; if that fails, they get 503. */
  const restart = (): void => {
    restarting ??= fresh().then(
      (handler) => {
        restarting = undefined;
        current = handler;
        // A request that traps the new instance too leaves the rest waiting for the next one.
        while (current === handler && waiting.length > 0) {
          const [request, responseOut] = waiting.shift()!;
          dispatch(handler, request, responseOut);
        }
      },
      (error: unknown) => {
        restarting = undefined;
        log(`weld serve: cannot restart ${prepared.source}: ${message(error)}`);
        for (const [, responseOut] of waiting.splice(0)) answer(shim, responseOut, 503, 'the component could not be restarted\n');
      },
    );
  };

  const guarded: IncomingHandler = {
    handle(request, responseOut) {
      if (current !== undefined) return dispatch(current, request, responseOut);
      if (waiting.length >= maxWaiting) return answer(shim, responseOut, 503, 'the component is restarting\n');
      waiting.push([request, responseOut]);
      restart();
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
    throw new HostError('listen', `cannot listen on ${host}:${options.port}: ${message(error)}`, [], { cause: error });
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

async function handlerOf(shim: NodeShim, prepared: Prepared, options: StartOptions, httpTypes: object): Promise<IncomingHandler> {
  const wasi = { ...wasiImports(shim, options.grants, { args: [prepared.source] }), 'wasi:http/types': httpTypes };
  const exports = await instantiate(prepared.source, prepared.transpiled, wasi);
  const handler = findExport(exports, prepared.transpiled, 'wasi:http/incoming-handler') as IncomingHandler | undefined;
  if (handler === undefined) throw new HostError('not-runnable', `${prepared.source} does not export wasi:http/incoming-handler`);
  return handler;
}
