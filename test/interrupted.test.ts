/**
 * An interrupted command leaves nothing behind: `weld pull` from a registry
 * that stalls half-way through the layer is stopped with SIGINT, and neither
 * the `.wasm` nor any temporary file is left in the output folder. The
 * registry is a few lines of HTTP in this process serving one artifact.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { wasmArtifact } from '@weld/oci';
import { bin, root } from './support.js';

const scratch = mkdtempSync(join(tmpdir(), 'weld-interrupted-'));
const calc = readFileSync(join(root, 'components', 'prebuilt', 'calc.wasm'));
const image = wasmArtifact(calc, { title: 'calc.wasm', created: new Date('2026-01-01T00:00:00Z') });
let server: Server;
let host = '';
/** Resolves once half of the layer went out (and the server stalls). */
let halfSent: Promise<void>;
const stalled: ServerResponse[] = [];

beforeAll(async () => {
  let resolveHalf: () => void = () => {};
  halfSent = new Promise((resolve) => (resolveHalf = resolve));
  server = createServer((request, response) => {
    const url = request.url ?? '';
    const send = (bytes: Uint8Array, type: string, digest: string) => {
      response.writeHead(200, { 'content-type': type, 'content-length': bytes.length, 'docker-content-digest': digest });
      if (request.method === 'HEAD') return void response.end();
      if (bytes === calc) {
        // Half the layer, then nothing: the pull waits until it is interrupted.
        response.write(bytes.subarray(0, bytes.length >> 1), () => resolveHalf());
        stalled.push(response);
        return;
      }
      response.end(bytes);
    };
    if (url === '/v2/') return void response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    if (url.startsWith('/v2/calc/manifests/')) return send(image.blobs.get(image.root.digest)!, image.root.mediaType, image.root.digest);
    const blob = /^\/v2\/calc\/blobs\/(sha256:[0-9a-f]{64})$/.exec(url)?.[1];
    const bytes = blob === undefined ? undefined : image.blobs.get(blob as `sha256:${string}`);
    if (bytes === undefined) return void response.writeHead(404).end();
    return send(bytes, 'application/octet-stream', blob!);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  for (const response of stalled) response.destroy();
  server.close();
  rmSync(scratch, { recursive: true, force: true });
});

it('a pull stopped with SIGINT half-way leaves neither the .wasm nor a temporary file', async () => {
  const child = spawn(process.execPath, [bin, 'pull', `${host}/calc:1`, '-o', join(scratch, 'calc.wasm')], {
    cwd: root,
    env: { ...process.env, WELD_DEBUG: '', DOCKER_CONFIG: join(scratch, 'no-docker-config') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  await halfSent;
  // The first half is on disk under a temporary name by now.
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(readdirSync(scratch).filter((name) => name.startsWith('.'))).not.toEqual([]);
  child.kill('SIGINT');
  expect(await exited, stderr).toBe(130);
  expect(readdirSync(scratch)).toEqual([]);
});
