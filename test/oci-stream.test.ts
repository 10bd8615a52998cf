/**
 * Streamed transfers at the edges that size decides: a blob past the chunk
 * threshold goes up in PATCHes against the real Distribution registry and
 * comes back byte-identical, and a large blob that fails its digest while it
 * is written to disk leaves nothing behind. (The thresholds are lowered
 * through the client's options, so no test needs a big file.)
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, parseReference, pushImage, registrySource, RegistryClient, sha256, wasmArtifact, type Fetch } from '@weld/oci';
import { fileBlob, pullWasm, wasmFileArtifact } from '@weld/oci/node';
import { root } from './support.js';
import { startFaultRegistry, type FaultRegistry } from './support/fault-registry.js';
import { weldRunner } from './support/oci-cli.js';
import { startDistribution, type TestRegistry } from './support/registry.js';

const scratch = mkdtempSync(join(tmpdir(), 'weld-oci-stream-'));
const calc = readFileSync(join(root, 'test', 'fixtures', 'out', 'rust-calc.wasm'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** LEB128 of `n`. */
function leb(n: number): number[] {
  const out: number[] = [];
  do {
    const low = n & 0x7f;
    n >>>= 7;
    out.push(n === 0 ? low : low | 0x80);
  } while (n !== 0);
  return out;
}

/** `component` with a custom section of `size` random bytes appended: still a valid component, as big as wanted. */
function withPayload(component: Uint8Array, size: number): Buffer {
  const name = Buffer.from('payload');
  const header = Buffer.from([...leb(name.length), ...name]);
  return Buffer.concat([component, Buffer.from([0, ...leb(header.length + size)]), header, randomBytes(size)]);
}

describe('a blob past the chunk threshold (Distribution)', () => {
  let reg: TestRegistry;
  beforeAll(async () => {
    reg = await startDistribution();
  });
  afterAll(() => reg.dispose());

  it('goes up as POST, PATCHes with Content-Range, PUT ?digest, and pulls back byte-identical', async () => {
    const chunkSize = 768 * 1024;
    const bytes = withPayload(calc, 3 * 1024 * 1024 + 12_345);
    const file = join(scratch, 'chunked.wasm');
    writeFileSync(file, bytes);
    const requests: { method: string; url: URL; range: string | null; streamed: boolean }[] = [];
    const recording: Fetch = (url, init) => {
      requests.push({ method: init.method ?? 'GET', url: new URL(url), range: new Headers(init.headers).get('content-range'), streamed: init.body instanceof ReadableStream });
      return globalThis.fetch(url, init);
    };
    const client = new RegistryClient({ registry: reg.host, credentials: anonymous, plainHttp: true, chunkSize, chunkThreshold: 1024 * 1024, fetch: recording });
    const image = await wasmFileArtifact(file, { title: 'chunked.wasm', created: new Date('2026-01-01T00:00:00Z') });
    const ref = parseReference(`${reg.host}/weld/chunked-stream:1`);
    const pushed = await pushImage(client, ref, image);
    expect(pushed.digest).toBe(image.root.digest);

    const uploads = requests.filter((r) => r.url.pathname.includes('/blobs/uploads/'));
    const patches = uploads.filter((r) => r.method === 'PATCH');
    expect(patches.map((r) => r.range)).toEqual(
      Array.from({ length: Math.ceil(bytes.length / chunkSize) }, (_, i) => `${i * chunkSize}-${Math.min((i + 1) * chunkSize, bytes.length) - 1}`),
    );
    expect(patches.every((r) => r.streamed)).toBe(true);
    const layerPut = uploads.find((r) => r.method === 'PUT' && r.url.searchParams.get('digest') === sha256(bytes));
    expect(layerPut?.streamed).toBe(false);
    // One upload session (Distribution keeps its path), opened by a POST, patched in order, closed by the PUT.
    expect(new Set([...patches, layerPut!].map((r) => r.url.pathname)).size).toBe(1);
    expect(requests.indexOf(layerPut!)).toBeGreaterThan(requests.indexOf(patches.at(-1)!));
    expect(requests.slice(0, requests.indexOf(patches[0]!)).some((r) => r.method === 'POST' && r.url.pathname.endsWith('/blobs/uploads/'))).toBe(true);

    const out = join(scratch, 'chunked-pulled.wasm');
    await pullWasm(registrySource(client, ref), out);
    expect(readFileSync(out).equals(bytes)).toBe(true);
  });

  it('uploads an empty file streamed from disk (a source of no bytes, sent as an empty body)', async () => {
    const file = join(scratch, 'empty.sig');
    writeFileSync(file, '');
    const client = new RegistryClient({ registry: reg.host, credentials: anonymous });
    const blob = await fileBlob(file);
    expect(blob.digest).toBe(sha256(new Uint8Array(0)));
    await client.pushBlob('weld/empty', { mediaType: 'text/plain', digest: blob.digest, size: 0 }, blob.source);
    expect(await client.blobExists('weld/empty', blob.digest)).toBe(true);
  });
});

describe('a large blob that fails its digest on pull', () => {
  const big = withPayload(calc, 8 * 1024 * 1024);
  const artifact = wasmArtifact(big, { title: 'big.wasm', created: new Date('2026-01-01T00:00:00Z') });
  const weld = weldRunner(scratch);
  let faulty: FaultRegistry;
  beforeAll(async () => {
    faulty = await startFaultRegistry(artifact);
    faulty.setFaults([{ kind: 'corrupt', target: 'layer' }]);
  });
  afterAll(() => faulty.close());

  it('leaves nothing at the output path, and nothing next to it', async () => {
    const dir = mkdtempSync(join(scratch, 'mismatch-'));
    const out = join(dir, 'big.wasm');
    const run = await weld(['pull', `${faulty.host}/faults/big:1`, '-o', out]);
    expect(run.stderr).toMatch(/^error: [^\n]+: digest mismatch: expected sha256:[0-9a-f]{64}, got sha256:[0-9a-f]{64}\n$/);
    expect(run.status).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('leaves a file already at the output path as it was', async () => {
    const dir = mkdtempSync(join(scratch, 'mismatch-existing-'));
    const out = join(dir, 'big.wasm');
    writeFileSync(out, calc);
    const run = await weld(['pull', `${faulty.host}/faults/big:1`, '-o', out]);
    expect(run.stderr).toContain('digest mismatch');
    expect(run.status).toBe(1);
    expect(readFileSync(out).equals(calc)).toBe(true);
    expect(readdirSync(dir)).toEqual(['big.wasm']);
  });
});
