/**
 * Faults against a real registry (Debian's docker-registry on loopback):
 *   - the registry is killed in the middle of a push: the push fails cleanly
 *     and no tag points at the incomplete artifact; pushed again, it
 *     completes, skipping what had arrived; restarted while the push is
 *     still retrying, the same push completes;
 *   - a blob corrupted in the registry's storage: pull fails with a digest
 *     error and leaves no file (neither the .wasm nor a layout blob).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, OciError, parseReference, pullWasm, pushImage, RegistryClient, registrySource, sha256, wasmArtifact, type TransferEvent } from '@weld/oci';
import { bin, root } from './support.js';
import { startDistribution, type TestRegistry } from './support/registry.js';

const big = join(root, 'test', 'fixtures', 'out', 'ts-app.wasm');
const scratch = mkdtempSync(join(tmpdir(), 'weld-oci-faults-'));
let reg: TestRegistry;
beforeAll(async () => {
  reg = await startDistribution();
});
afterAll(async () => {
  await reg.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

const bytes = readFileSync(big);
const image = wasmArtifact(bytes, { title: 'ts-app.wasm', created: new Date('2026-01-01T00:00:00Z') });

/** Stops the registry once `after` bytes of the layer went out; resolves when it is down. */
function killMidway(after: number): { onTransfer: (event: TransferEvent) => void; stopped: Promise<void> } {
  let sent = 0;
  let resolveStopped: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));
  let fired = false;
  return {
    stopped,
    onTransfer: (event) => {
      if (event.kind !== 'bytes' || fired) return;
      sent += event.bytes;
      if (sent < after) return;
      fired = true;
      void reg.stop().then(resolveStopped);
    },
  };
}

async function tagExists(client: RegistryClient, repository: string, tag: string): Promise<boolean> {
  try {
    await client.getManifest(repository, tag);
    return true;
  } catch (error) {
    if (error instanceof OciError && error.kind === 'not-found') return false;
    throw error;
  }
}

describe('registry stopped in the middle of a push', () => {
  it('fails cleanly with no tag, then a second push completes without re-sending what arrived', async () => {
    const ref = parseReference(`${reg.host}/faults/stopped:1`);
    const client = new RegistryClient({ registry: reg.host, credentials: anonymous, retry: { retries: 2, baseDelayMs: 50 } });
    const kill = killMidway(3 * 1024 * 1024);
    const failed = await pushImage(client, ref, image, { onTransfer: kill.onTransfer, concurrency: 1 }).then(
      () => undefined,
      (error: unknown) => error,
    );
    await kill.stopped;
    expect(failed).toBeInstanceOf(OciError);
    expect((failed as OciError).kind).toBe('network');
    await reg.start();
    const fresh = new RegistryClient({ registry: reg.host, credentials: anonymous });
    expect(await tagExists(fresh, 'faults/stopped', '1')).toBe(false);
    const again = await pushImage(fresh, ref, image);
    expect(again.uploaded + again.skipped).toBe(2);
    expect(again.skipped).toBeGreaterThanOrEqual(1);
    expect(await tagExists(fresh, 'faults/stopped', '1')).toBe(true);
    const file = join(scratch, 'stopped.wasm');
    await pullWasm(registrySource(fresh, ref), file);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('resumes within the same push when the registry comes back while it retries', async () => {
    const ref = parseReference(`${reg.host}/faults/resumed:1`);
    const client = new RegistryClient({ registry: reg.host, credentials: anonymous, retry: { retries: 8, baseDelayMs: 100 } });
    const restarts: string[] = [];
    const kill = killMidway(3 * 1024 * 1024);
    void kill.stopped.then(() => setTimeout(() => void reg.start(), 300));
    const result = await pushImage(client, ref, image, {
      concurrency: 1,
      onTransfer: (event) => {
        if (event.kind === 'restart') restarts.push(event.digest);
        kill.onTransfer(event);
      },
    });
    expect(restarts.length).toBeGreaterThanOrEqual(1);
    expect(result.digest).toBe(image.root.digest);
    const file = join(scratch, 'resumed.wasm');
    await pullWasm(registrySource(client, ref), file);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });
});

describe('a corrupted blob', () => {
  it('makes pull fail with a digest error and leaves no file', async () => {
    const ref = `${reg.host}/faults/corrupt:1`;
    const push = spawnSync(process.execPath, [bin, 'push', big, ref], { encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1767225600' } });
    expect(push.status, push.stderr).toBe(0);
    // Flip bytes in the middle of the layer's data file, keeping its size.
    const hex = sha256(bytes).slice(7);
    const data = join(reg.storage!, 'docker', 'registry', 'v2', 'blobs', 'sha256', hex.slice(0, 2), hex, 'data');
    const stored = readFileSync(data);
    stored.fill(0x42, 1_000_000, 1_000_064);
    writeFileSync(data, stored);
    const file = join(scratch, 'corrupt.wasm');
    const pulled = spawnSync(process.execPath, [bin, 'pull', ref, '-o', file], { encoding: 'utf8' });
    expect(pulled.status).toBe(1);
    expect(pulled.stderr).toMatch(/^error: .*digest mismatch: expected sha256:[0-9a-f]{64}, got sha256:[0-9a-f]{64}\n$/);
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(scratch).filter((name) => name.includes('corrupt'))).toEqual([]);
    const layout = join(scratch, 'corrupt-layout');
    const intoLayout = spawnSync(process.execPath, [bin, 'pull', ref, '-o', layout], { encoding: 'utf8' });
    expect(intoLayout.status).toBe(1);
    expect(intoLayout.stderr).toContain('digest mismatch');
    expect(existsSync(join(layout, 'blobs', 'sha256', hex))).toBe(false);
    expect(existsSync(join(layout, 'index.json'))).toBe(false);
    const leftovers = existsSync(join(layout, 'blobs', 'sha256')) ? readdirSync(join(layout, 'blobs', 'sha256')).filter((n) => n.includes('partial')) : [];
    expect(leftovers).toEqual([]);
  });
});
