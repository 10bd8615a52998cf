/**
 * A loopback registry that misbehaves on purpose. It speaks enough of the
 * distribution API to serve one real image (`/v2/`, manifests by tag or
 * digest, blobs with Range, monolithic uploads and manifest PUTs), and
 * breaks the requests a {@link Fault} picks in the way it names:
 *
 *   - `drop`: sends half the body (with the full Content-Length), then cuts the connection;
 *   - `stall`: sends half the body, then nothing, keeping the connection open;
 *   - `trickle`: sends one byte every `intervalMs`;
 *   - `hang`: reads the request and never answers;
 *   - `reset`: destroys the connection before answering ("socket hang up");
 *   - `not-http`: answers with bytes that are not HTTP;
 *   - `redirect-file`: redirects to a `file:` URL;
 *   - `status`: answers `status` (503 by default) with a JSON error body;
 *   - `corrupt`: serves the body with bytes flipped (a wrong digest);
 *   - `endless`: a chunked body that never ends (a "manifest" of any size);
 *   - `ignore-range`: answers a Range request with the whole body (200);
 *   - `challenge`: answers 401 with a Bearer challenge whose realm is `realm`.
 * A `stall` or `hang` of an upload stops reading its body as well.
 *
 * Each fault applies to the first `times` matching requests (all when not
 * given), so "5xx then OK" is `{ kind: 'status', times: 2 }`. Images with
 * broken content (a config that is not JSON, a layer that claims gzip) are
 * built by the helpers at the end and served as they are.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { mediaTypes, sha256, type Descriptor, type Digest, type OciImage } from '@weld/oci';
import { packTar } from '@weld/oci/node';

/** What a fault does; see the file comment. */
export type FaultKind = 'drop' | 'stall' | 'trickle' | 'hang' | 'reset' | 'not-http' | 'redirect-file' | 'status' | 'corrupt' | 'endless' | 'ignore-range' | 'challenge';

/** Which requests a fault breaks. */
export type FaultTarget =
  /** GET of the image's largest blob (its layer). */
  | 'layer'
  /** GET of the config blob. */
  | 'config'
  /** GET of a manifest (by tag or digest). */
  | 'manifest'
  /** Any request under /v2/ (the ping included). */
  | 'any'
  /** PUT of an upload (a push's blob body). */
  | 'upload'
  /** GET of `/token`, the token endpoint it also serves (a realm for `challenge`). */
  | 'token';

/** A misbehaviour. */
export interface Fault {
  readonly kind: FaultKind;
  readonly target: FaultTarget;
  /** How many matching requests it breaks; all when not given. */
  readonly times?: number;
  /** For `status`: the status (503). */
  readonly status?: number;
  /** For `trickle`: the pause between bytes (1000 ms). */
  readonly intervalMs?: number;
  /** For `challenge`: the token realm. */
  readonly realm?: string;
}

/** A running fault registry. */
export interface FaultRegistry {
  /** `127.0.0.1:PORT`. */
  readonly host: string;
  /** Replaces the faults (and resets their counters). */
  setFaults(faults: readonly Fault[]): void;
  /** Replaces the image served (under every tag). */
  setImage(image: OciImage): void;
  /** Requests received so far, as `METHOD /path`, and the bytes of bodies sent. */
  readonly log: readonly string[];
  readonly bytesSent: () => number;
  /** Blobs and manifests pushed to it, by digest. */
  readonly pushed: ReadonlyMap<Digest, Uint8Array>;
  close(): Promise<void>;
}

interface Armed {
  readonly fault: Fault;
  used: number;
}

/** Starts a fault registry on a free loopback port serving `image`. */
export async function startFaultRegistry(image: OciImage, faults: readonly Fault[] = []): Promise<FaultRegistry> {
  let served = image;
  let armed: Armed[] = [];
  const log: string[] = [];
  let sent = 0;
  const pushed = new Map<Digest, Uint8Array>();
  /** `repo@digest` of each blob pushed: a repository holds only what was pushed into it (and the served image). */
  const held = new Set<string>();
  const uploads = new Map<string, true>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const setFaults = (next: readonly Fault[]) => {
    armed = next.map((fault) => ({ fault, used: 0 }));
  };
  setFaults(faults);

  const layerDigest = (): Digest => [...served.blobs].reduce((best, entry) => (entry[1].length > best[1].length ? entry : best))[0];
  const configDigest = (): Digest | undefined => {
    for (const bytes of served.blobs.values()) {
      try {
        const json = JSON.parse(new TextDecoder().decode(bytes)) as { config?: Descriptor };
        if (json.config?.digest !== undefined) return json.config.digest;
      } catch {
        // not a manifest
      }
    }
    return undefined;
  };

  /** The fault for this request, counted, if one applies. */
  const faultFor = (req: IncomingMessage, path: string): Fault | undefined => {
    const digest = /\/blobs\/(sha256:[0-9a-f]{64})$/.exec(path)?.[1];
    const matches = (target: FaultTarget): boolean => {
      switch (target) {
        case 'any':
          return true;
        case 'layer':
          return req.method === 'GET' && digest === layerDigest();
        case 'config':
          return req.method === 'GET' && digest !== undefined && digest === configDigest();
        case 'manifest':
          return req.method === 'GET' && path.includes('/manifests/');
        case 'upload':
          return req.method === 'PUT' && path.includes('/blobs/uploads/');
        case 'token':
          return req.method === 'GET' && path === '/token';
        default: {
          const never: never = target;
          return never;
        }
      }
    };
    const hit = armed.find((a) => (a.fault.times === undefined || a.used < a.fault.times) && matches(a.fault.target));
    if (hit === undefined) return undefined;
    hit.used++;
    return hit.fault;
  };

  /** Writes `body` (after `status` and `headers`), broken the way `fault` says. */
  const answer = (req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string>, body: Uint8Array, fault: Fault | undefined): void => {
    let payload = Buffer.from(body);
    let code = status;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (range !== null && status === 200 && fault?.kind !== 'ignore-range') {
      const from = Number(range[1]);
      headers['content-range'] = `bytes ${from}-${payload.length - 1}/${payload.length}`;
      payload = payload.subarray(from);
      code = 206;
    }
    if (fault?.kind === 'corrupt') {
      payload = Buffer.from(payload);
      payload.fill(0x42, payload.length >> 1, (payload.length >> 1) + 16);
    }
    if (fault?.kind === 'endless') {
      res.writeHead(code, { ...headers, 'transfer-encoding': 'chunked' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (!res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
      };
      pump();
      return;
    }
    res.writeHead(code, { ...headers, 'content-length': String(payload.length) });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const half = payload.subarray(0, payload.length >> 1);
    switch (fault?.kind) {
      case 'drop':
        res.write(half, () => setImmediate(() => res.socket?.destroy()));
        sent += half.length;
        return;
      case 'stall':
        res.write(half);
        sent += half.length;
        return;
      case 'trickle': {
        let at = 0;
        const drip = () => {
          if (res.destroyed || at >= payload.length) return void res.end();
          res.write(payload.subarray(at, at + 1));
          at++;
          sent++;
          const timer = setTimeout(drip, fault.intervalMs ?? 1000);
          timers.add(timer);
        };
        drip();
        return;
      }
      default:
        res.end(payload);
        sent += payload.length;
    }
  };

  const handle = (req: IncomingMessage, res: ServerResponse, requestBody: Buffer, fault: Fault | undefined): void => {
    const url = new URL(req.url ?? '/', 'http://registry');
    const path = url.pathname;
    switch (fault?.kind) {
      case 'hang':
        return;
      case 'challenge':
        res.writeHead(401, { 'www-authenticate': `Bearer realm="${fault.realm ?? ''}",service="faults"`, 'content-type': 'application/json' }).end('{}');
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'not-http':
        req.socket.end('SSH-2.0-OpenSSH_9.2\r\n\r\n');
        return;
      case 'redirect-file':
        res.writeHead(307, { location: 'file:///etc/passwd' }).end();
        return;
      case 'status': {
        const body = JSON.stringify({ errors: [{ code: 'UNAVAILABLE', message: 'injected fault' }] });
        res.writeHead(fault.status ?? 503, { 'content-type': 'application/json' }).end(body);
        return;
      }
      default:
        break;
    }
    const json = (status: number, value: unknown) => answer(req, res, status, { 'content-type': 'application/json' }, new TextEncoder().encode(JSON.stringify(value)), fault);
    const notFound = () => json(404, { errors: [{ code: 'NOT_FOUND', message: path }] });
    if (path === '/v2/' || path === '/v2') return json(200, {});
    if (path === '/token') return json(200, { token: 'fault-token', expires_in: 300 });
    const manifest = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(path);
    if (manifest !== null) {
      const reference = manifest[2]!;
      if (req.method === 'PUT') {
        const digest = sha256(requestBody);
        pushed.set(digest, requestBody);
        res.writeHead(201, { 'docker-content-digest': digest, location: path }).end();
        return;
      }
      const digest = reference.startsWith('sha256:') ? (reference as Digest) : served.root.digest;
      const bytes = served.blobs.get(digest);
      if (bytes === undefined) return notFound();
      const mediaType = digest === served.root.digest ? served.root.mediaType : ((JSON.parse(new TextDecoder().decode(bytes)) as { mediaType?: string }).mediaType ?? mediaTypes.imageManifest);
      return answer(req, res, 200, { 'content-type': mediaType, 'docker-content-digest': digest }, bytes, fault);
    }
    const blob = /^\/v2\/(.+)\/blobs\/(sha256:[0-9a-f]{64})$/.exec(path);
    if (blob !== null) {
      const bytes = served.blobs.get(blob[2] as Digest) ?? (held.has(`${blob[1]}@${blob[2]}`) ? pushed.get(blob[2] as Digest) : undefined);
      if (bytes === undefined) return notFound();
      return answer(req, res, 200, { 'content-type': 'application/octet-stream', 'docker-content-digest': blob[2]! }, bytes, fault);
    }
    const upload = /^\/v2\/(.+)\/blobs\/uploads\/([^/]*)$/.exec(path);
    if (upload !== null) {
      if (req.method === 'POST') {
        const id = `u${uploads.size + 1}`;
        uploads.set(id, true);
        res.writeHead(202, { location: `/v2/${upload[1]}/blobs/uploads/${id}`, 'content-length': '0' }).end();
        return;
      }
      if (req.method === 'PUT') {
        const digest = url.searchParams.get('digest') as Digest | null;
        if (digest === null || sha256(requestBody) !== digest) return json(400, { errors: [{ code: 'DIGEST_INVALID', message: 'digest mismatch' }] });
        pushed.set(digest, requestBody);
        held.add(`${upload[1]}@${digest}`);
        res.writeHead(201, { location: `/v2/${upload[1]}/blobs/${digest}`, 'content-length': '0' }).end();
        return;
      }
    }
    json(405, { errors: [{ code: 'UNSUPPORTED', message: `${req.method} ${path}` }] });
  };

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://registry').pathname;
    log.push(`${req.method} ${path}`);
    const fault = faultFor(req, path);
    req.on('error', () => {});
    if ((fault?.kind === 'stall' || fault?.kind === 'hang') && req.method === 'PUT') {
      req.pause();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks), fault));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    host: `127.0.0.1:${port}`,
    setFaults,
    setImage: (next) => void (served = next),
    log,
    bytesSent: () => sent,
    pushed,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Blobs by digest, and the image rooted at one of them. */
class Blobs {
  readonly #blobs = new Map<Digest, Uint8Array>();
  add(mediaType: string, bytes: Uint8Array): Descriptor {
    const digest = sha256(bytes);
    this.#blobs.set(digest, bytes);
    return { mediaType, digest, size: bytes.length };
  }
  addJson(mediaType: string, value: unknown): Descriptor {
    return this.add(mediaType, new TextEncoder().encode(JSON.stringify(value)));
  }
  image(root: Descriptor): OciImage {
    return { root, blobs: new Map(this.#blobs) };
  }
}

/** A Docker-style image (config, one tar layer holding `/app.wasm`) whose config blob is `config` as given, JSON or not. */
export async function dockerImageWith(wasm: Uint8Array, options: { config?: Uint8Array; layerType?: string; layer?: Uint8Array } = {}): Promise<OciImage> {
  const blobs = new Blobs();
  const tar = options.layer ?? (await packTar([{ name: 'app.wasm', data: wasm, mtime: new Date(0) }]));
  const layer = blobs.add(options.layerType ?? mediaTypes.tarLayer, tar);
  const config = blobs.add(
    mediaTypes.imageConfig,
    options.config ?? new TextEncoder().encode(JSON.stringify({ architecture: 'wasm', os: 'wasip1', config: { Entrypoint: ['/app.wasm'] }, rootfs: { type: 'layers', diff_ids: [layer.digest] } })),
  );
  return blobs.image(blobs.addJson(mediaTypes.imageManifest, { schemaVersion: 2, mediaType: mediaTypes.imageManifest, config, layers: [layer] }));
}

/** `image` (a CNCF Wasm artifact) with its config blob replaced by `config`. */
export function withConfig(image: OciImage, config: Uint8Array): OciImage {
  const manifestBytes = image.blobs.get(image.root.digest)!;
  const manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as { config: Descriptor };
  const blobs = new Blobs();
  for (const [digest, bytes] of image.blobs) if (digest !== image.root.digest && digest !== manifest.config.digest) blobs.add('x', bytes);
  const configDesc = blobs.add(manifest.config.mediaType, config);
  return blobs.image(blobs.addJson(image.root.mediaType, { ...manifest, config: configDesc }));
}
