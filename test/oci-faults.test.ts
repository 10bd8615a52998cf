/**
 * Faults against a real registry (Debian's docker-registry on loopback):
 *   - the registry is killed in the middle of a push: the push fails cleanly
 *     and no tag points at the incomplete artifact; pushed again, it
 *     completes, skipping what had arrived; restarted while the push is
 *     still retrying, the same push completes;
 *   - a blob corrupted in the registry's storage: pull fails with a digest
 *     error and leaves no file (neither the .wasm nor a layout blob).
 * And against a registry that misbehaves on purpose (support/fault-registry.ts),
 * through `weld pull`, `weld push` and `weld run REF`: dropped and stalled
 * transfers (resumed, or failing after the retries with a message naming
 * the request), trickles and deadlines, redirects to file:, broken configs
 * and layers, an endless manifest, 5xx, no registry at all, and interrupts
 * (SIGINT, SIGTERM) that leave nothing behind. Every failure exits 1 with one
 * line; none is an internal error.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anonymous, mediaTypes, OciError, parseReference, pushImage, RegistryClient, registrySource, sha256, wasmArtifact, type OciImage, type TransferEvent,
} from '@weld/oci';
import { pullWasm } from '@weld/oci/node';
import { bin, root, type Run } from './support.js';
import { hostComponent } from './support/components.js';
import { dockerImageWith, startFaultRegistry, withConfig, type Fault, type FaultRegistry } from './support/fault-registry.js';
import { json, ok, weldRunner, weldStarter } from './support/oci-cli.js';
import { freePort, startDistribution, type TestRegistry } from './support/registry.js';

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

describe('a registry that misbehaves on purpose', () => {
  const calc = readFileSync(join(root, 'test', 'fixtures', 'out', 'rust-calc.wasm'));
  const artifact = wasmArtifact(calc, { title: 'calc.wasm', created: new Date('2026-01-01T00:00:00Z') });
  const layer = sha256(calc);
  const weldAsync = weldRunner(scratch);
  const startWeld = weldStarter(scratch);
  let faulty: FaultRegistry;
  beforeAll(async () => {
    faulty = await startFaultRegistry(artifact);
  });
  afterAll(() => faulty.close());
  const serve = (image: OciImage, faults: readonly Fault[] = []) => {
    faulty.setImage(image);
    faulty.setFaults(faults);
  };
  /** An output path of its own, in a folder of its own (to see what is left behind). */
  const output = (name: string): string => join(mkdtempSync(join(scratch, `${name}-`)), name);
  const pull = (repo: string, out: string, ...flags: string[]) => weldAsync(['pull', `${faulty.host}/faults/${repo}:1`, '-o', out, ...flags]);
  const layerGets = (repo: string) => faulty.log.filter((line) => line === `GET /v2/faults/${repo}/blobs/${layer}`).length;
  /** What is next to `out` besides it. */
  const leftovers = (out: string) => readdirSync(dirname(out)).filter((name) => name !== basename(out));
  /** Exit 1, one line naming what failed, nothing left next to `out`. */
  const failedCleanly = (run: Run, out: string, message: RegExp) => {
    expect(run.stderr).toMatch(/^error: [^\n]+\n$/);
    expect(run.stderr).toMatch(message);
    expect(run.status).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dirname(out))).toEqual([]);
  };
  const layerUrl = (repo: string) => `GET http://${faulty.host}/v2/faults/${repo}/blobs/${layer}`;

  describe('dropped connections', () => {
    it('resumes a blob whose connection drops in the middle (a Range request for the rest)', async () => {
      serve(artifact, [{ kind: 'drop', target: 'layer', times: 1 }]);
      const out = output('calc.wasm');
      ok(await pull('drop-once', out));
      expect(readFileSync(out).equals(calc)).toBe(true);
      expect(layerGets('drop-once')).toBe(2);
      expect(leftovers(out)).toEqual([]);
    });

    it('resumes from a registry that ignores Range, skipping what arrived', async () => {
      serve(artifact, [{ kind: 'drop', target: 'layer', times: 1 }, { kind: 'ignore-range', target: 'layer' }]);
      const out = output('calc.wasm');
      ok(await pull('no-range', out));
      expect(readFileSync(out).equals(calc)).toBe(true);
    });

    it('fails after the retries, naming the blob, when every try drops', async () => {
      serve(artifact, [{ kind: 'drop', target: 'layer' }]);
      const out = output('calc.wasm');
      const run = await pull('drop', out, '--retries', '1');
      failedCleanly(run, out, new RegExp(`^error: ${escape(layerUrl('drop'))}: the connection dropped after \\d+ bytes of the answer \\(after 2 tries\\)\\n$`));
    });

    it('retries a manifest request whose connection is reset before any answer', async () => {
      serve(artifact, [{ kind: 'reset', target: 'manifest', times: 2 }]);
      const out = output('calc.wasm');
      ok(await pull('reset-once', out));
      serve(artifact, [{ kind: 'reset', target: 'manifest' }]);
      const again = output('calc.wasm');
      const failed = await pull('reset', again, '--retries', '1');
      failedCleanly(failed, again, /^error: GET http:\/\/[^ ]+\/v2\/faults\/reset\/manifests\/1: the connection dropped \(after 2 tries\)\n$/);
    });

    it('says so when the server does not speak HTTP, without retrying', async () => {
      serve(artifact, [{ kind: 'not-http', target: 'manifest' }]);
      const out = output('calc.wasm');
      failedCleanly(await pull('not-http', out), out, /: the server did not answer HTTP \(HPE_[A-Z_]+\)\n$/);
      expect(faulty.log.filter((l) => l.startsWith('GET /v2/faults/not-http/manifests/')).length).toBe(1);
    });
  });

  describe('stalls, trickles and deadlines', () => {
    it('retries a stalled blob and completes', async () => {
      serve(artifact, [{ kind: 'stall', target: 'layer', times: 1 }]);
      const out = output('calc.wasm');
      ok(await pull('stall-once', out, '--min-rate', '1k/1s'));
      expect(readFileSync(out).equals(calc)).toBe(true);
      expect(layerGets('stall-once')).toBe(2);
    });

    it('names the stall when it persists', async () => {
      serve(artifact, [{ kind: 'stall', target: 'layer' }]);
      const out = output('calc.wasm');
      const run = await pull('stall', out, '--min-rate', '1k/1s', '--retries', '1');
      failedCleanly(run, out, new RegExp(`^error: ${escape(layerUrl('stall'))}: the transfer stalled: 0 bytes in 1 s, below the minimum rate of 1024 bytes/s \\(after 2 tries\\)\\n$`));
    });

    it('gives up on a trickle below the minimum rate (WELD_REGISTRY_MIN_RATE)', async () => {
      serve(artifact, [{ kind: 'trickle', target: 'layer', intervalMs: 100 }]);
      const out = output('calc.wasm');
      const run = await weldAsync(['pull', `${faulty.host}/faults/trickle:1`, '-o', out, '--retries', '0'], { env: { WELD_REGISTRY_MIN_RATE: '100/1s' } });
      failedCleanly(run, out, /: the transfer stalled: \d+ bytes in 1 s, below the minimum rate of 100 bytes\/s\n$/);
    });

    it('gives up at the --timeout even when the trickle is fast enough, and WELD_REGISTRY_TIMEOUT sets it too', async () => {
      serve(artifact, [{ kind: 'trickle', target: 'layer', intervalMs: 20 }]);
      const out = output('calc.wasm');
      const started = Date.now();
      const run = await pull('deadline', out, '--timeout', '1.5s', '--min-rate', '0');
      expect(Date.now() - started).toBeLessThan(10_000);
      failedCleanly(run, out, new RegExp(`^error: ${escape(layerUrl('deadline'))}: gave up after 1.5s \\(--timeout\\): the transfer did not finish in time\\n$`));
      const fromEnv = await weldAsync(['pull', `${faulty.host}/faults/deadline:1`, '-o', out, '--min-rate', '0'], { env: { WELD_REGISTRY_TIMEOUT: '1s' } });
      failedCleanly(fromEnv, out, /: gave up after 1s \(WELD_REGISTRY_TIMEOUT\): the transfer did not finish in time\n$/);
    });

    it('fails when a registry never answers, saying how long it waited', async () => {
      serve(artifact, [{ kind: 'hang', target: 'manifest' }]);
      const out = output('calc.wasm');
      failedCleanly(await pull('hang', out, '--min-rate', '0/1s', '--retries', '0'), out, /\/manifests\/1: no answer within 1 s\n$/);
    });

    it('refuses a bad --timeout or --min-rate in one line', async () => {
      const out = output('calc.wasm');
      expect(await pull('flags', out, '--timeout', 'soon')).toEqual({ status: 1, stdout: '', stderr: 'error: --timeout soon: expected a duration such as 90s, 10m or 1h\n' });
      expect(await pull('flags', out, '--min-rate', 'fast')).toEqual({ status: 1, stdout: '', stderr: 'error: --min-rate fast: expected a rate such as 1k, 512 or 10k/5s\n' });
    });
  });

  describe('answers weld refuses', () => {
    it('does not follow a redirect to file:, and does not retry it', async () => {
      serve(artifact, [{ kind: 'redirect-file', target: 'layer' }]);
      const out = output('calc.wasm');
      failedCleanly(await pull('redirect', out), out, new RegExp(`^error: ${escape(layerUrl('redirect'))}: redirected to a file: URL, which weld does not follow \\(only http: and https:\\)\\n$`));
      expect(layerGets('redirect')).toBe(1);
    });

    it('retries 5xx answers and completes when the registry recovers; reports the status when it does not', async () => {
      serve(artifact, [{ kind: 'status', target: 'layer', times: 2 }]);
      const out = output('calc.wasm');
      ok(await pull('flaky', out));
      expect(layerGets('flaky')).toBe(3);
      serve(artifact, [{ kind: 'status', target: 'layer' }]);
      const failed = await pull('down', output('calc.wasm'), '--retries', '1');
      expect(failed).toMatchObject({ status: 1, stderr: `error: ${faulty.host}/faults/down: blob ${layer}: the registry answered 503 (UNAVAILABLE: injected fault)\n` });
    });

    it('fails on a blob with the wrong digest, without retrying, and leaves nothing', async () => {
      serve(artifact, [{ kind: 'corrupt', target: 'layer' }]);
      const out = output('calc.wasm');
      failedCleanly(await pull('corrupt', out), out, /: digest mismatch: expected sha256:[0-9a-f]{64}, got sha256:[0-9a-f]{64}\n$/);
      expect(layerGets('corrupt')).toBe(1);
    });

    it('stops reading a chunked manifest at the 4 MiB cap', async () => {
      serve(artifact, [{ kind: 'endless', target: 'manifest' }]);
      const sentBefore = faulty.bytesSent();
      const out = output('calc.wasm');
      failedCleanly(await pull('huge', out), out, /^error: [^ ]+\/faults\/huge:1: the answer is larger than weld reads \(4194304 bytes\)\n$/);
      // It read past the cap only by what was in flight.
      expect(faulty.bytesSent() - sentBefore).toBeGreaterThan(4 * 1024 * 1024);
      expect(faulty.bytesSent() - sentBefore).toBeLessThan(32 * 1024 * 1024);
    });

    it('reports a config that is not JSON as such', async () => {
      serve(await dockerImageWith(calc, { config: new TextEncoder().encode('<html>not json</html>') }));
      const out = output('calc.wasm');
      failedCleanly(await pull('config', out), out, /^error: [^ ]+\/faults\/config:1: config sha256:[0-9a-f]{64}: not JSON\n$/);
    });

    it('refuses a config whose descriptor is larger than a config may be, before reading it', async () => {
      const image = await dockerImageWith(calc);
      const manifest = JSON.parse(new TextDecoder().decode(image.blobs.get(image.root.digest)!)) as { config: { size: number } };
      manifest.config.size = 2 * 1024 ** 3;
      const bytes = new TextEncoder().encode(JSON.stringify(manifest));
      const blobs = new Map(image.blobs);
      blobs.delete(image.root.digest);
      blobs.set(sha256(bytes), bytes);
      serve({ root: { ...image.root, digest: sha256(bytes), size: bytes.length }, blobs });
      const out = output('calc.wasm');
      failedCleanly(await pull('big-config', out), out, /config sha256:[0-9a-f]{64}: 2147483648 bytes, larger than weld reads for a config \(4194304\)\n$/);
    });

    it('reports a layer that claims gzip but is not', async () => {
      serve(await dockerImageWith(calc, { layerType: mediaTypes.tarGzipLayer }));
      const out = output('calc.wasm');
      failedCleanly(await pull('gzip', out), out, /: layer sha256:[0-9a-f]{64}: its media type says gzip, but it is not gzip data \([^)]+\)\n$/);
    });
  });

  describe('token realms the transport cannot use', () => {
    it('fails in one line on a realm that is a file: URL', async () => {
      serve(artifact, [{ kind: 'challenge', target: 'manifest', realm: 'file:///etc/passwd' }]);
      const out = output('calc.wasm');
      const run = await pull('realm-file', out);
      expect(run.stderr).not.toContain('internal error');
      failedCleanly(run, out, new RegExp(`^error: ${escape(faulty.host)}: refusing the token realm file:///etc/passwd: it is not an http or https URL\n$`));
    });

    it('fails in one line, without retrying, on an HTTPS realm whose port speaks plain HTTP', async () => {
      serve(artifact, [{ kind: 'challenge', target: 'manifest', realm: `https://${faulty.host}/token` }]);
      const out = output('calc.wasm');
      const run = await pull('realm-tls', out);
      expect(run.stderr).not.toContain('internal error');
      failedCleanly(run, out, new RegExp(`^error: GET https://${escape(faulty.host)}/token: the server does not speak TLS there \\(plain HTTP\\?\\)\n$`));
      expect(run.stderr).not.toContain('tries');
    });
  });

  it('fails at once, naming the token service, when nothing listens at a loopback realm', async () => {
    const port = await freePort();
    serve(artifact, [{ kind: 'challenge', target: 'manifest', realm: `http://127.0.0.1:${port}/token` }]);
    const out = output('calc.wasm');
    failedCleanly(await pull('realm-refused', out), out, new RegExp(`^error: ${escape(faulty.host)}: token realm http://127\\.0\\.0\\.1:${port}/token: no token service answers at 127\\.0\\.0\\.1:${port} \\(connection refused\\)\n$`));
  });

  it('stops reading an endless token answer at its cap', async () => {
    serve(artifact, [{ kind: 'challenge', target: 'manifest', realm: `http://${faulty.host}/token` }, { kind: 'endless', target: 'token' }]);
    const out = output('calc.wasm');
    const run = await pull('token-endless', out, '--retries', '0');
    failedCleanly(run, out, new RegExp(`^error: ${escape(faulty.host)}: token realm http://${escape(faulty.host)}/token: the answer is larger than weld reads \\(1048576 bytes\\)\n$`));
  });

  describe('no registry at all', () => {
    it('fails at once when nothing listens on a loopback port, saying no registry answers there', async () => {
      const port = await freePort();
      const out = output('calc.wasm');
      const started = Date.now();
      const run = await weldAsync(['pull', `127.0.0.1:${port}/nothing:1`, '-o', out]);
      expect(Date.now() - started).toBeLessThan(3_000);
      failedCleanly(run, out, new RegExp(`^error: 127\\.0\\.0\\.1:${port}/nothing:1: no registry answers at 127\\.0\\.0\\.1:${port} \\(connection refused\\)\\n$`));
    });
  });

  describe('leaving nothing behind', () => {
    it('removes a layout folder it created when the pull fails', async () => {
      serve(artifact, [{ kind: 'corrupt', target: 'layer' }]);
      const out = output('layout');
      const run = await pull('layout-corrupt', out);
      failedCleanly(run, out, /digest mismatch/);
    });

    it('removes the folders it made for the .wasm when the pull fails', async () => {
      serve(artifact, [{ kind: 'corrupt', target: 'layer' }]);
      const parent = mkdtempSync(join(scratch, 'nested-'));
      const run = await pull('nested-corrupt', join(parent, 'a', 'b', 'calc.wasm'));
      expect(run.status).toBe(1);
      expect(readdirSync(parent)).toEqual([]);
    });

    it('keeps a layout that was there before, with nothing half-written in it', async () => {
      serve(artifact);
      const out = output('layout');
      ok(await pull('layout-kept', out));
      const before = readFileSync(join(out, 'index.json'), 'utf8');
      serve(artifact, [{ kind: 'drop', target: 'layer' }]);
      rmSync(join(out, 'blobs', 'sha256', layer.slice(7)));
      const run = await weldAsync(['pull', `${faulty.host}/faults/layout-kept:2`, '-o', out, '--retries', '0']);
      expect(run.status, run.stderr).toBe(1);
      expect(readFileSync(join(out, 'index.json'), 'utf8')).toBe(before);
      expect(readdirSync(join(out, 'blobs', 'sha256')).filter((n) => n.includes('partial'))).toEqual([]);
    });

    for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
      it(`stops a pull on ${signal} (exit ${code}), removing the partial blob and the layout folder`, async () => {
        serve(artifact, [{ kind: 'stall', target: 'layer' }]);
        for (const out of [output('calc.wasm'), output('layout')]) {
          const repo = `signal-${code}-${basename(out).replace('.', '-')}`;
          const started = startWeld(['pull', `${faulty.host}/faults/${repo}:1`, '-o', out]);
          // Wait until the half blob is on disk.
          const partial = () => (existsSync(dirname(out)) ? readdirSync(dirname(out), { recursive: true }).map(String).filter((n) => n.endsWith('.partial')) : []);
          for (let i = 0; i < 200 && (layerGets(repo) === 0 || partial().length === 0); i++) await sleep(25);
          expect(partial().length).toBe(1);
          started.child.kill(signal);
          const run = await started.done;
          expect(run).toEqual({ status: code, stdout: '', stderr: `weld: interrupted by ${signal}\n` });
          expect(readdirSync(dirname(out))).toEqual([]);
        }
      });
    }
  });

  describe('weld push', () => {
    it('retries an upload answered 503 and completes', async () => {
      // Served: another image, so that the registry does not have the layer yet.
      serve(await dockerImageWith(new TextEncoder().encode('other')), [{ kind: 'status', target: 'upload', times: 1 }]);
      const file = join(scratch, 'push-calc.wasm');
      writeFileSync(file, calc);
      const pushed = json(await weldAsync(['push', file, `${faulty.host}/faults/push:1`, '--json']));
      expect(pushed['digest']).toMatch(/^sha256:/);
      expect(faulty.log.filter((l) => l.startsWith('PUT /v2/faults/push/blobs/uploads/')).length).toBe(3);
      expect(Buffer.from(faulty.pushed.get(layer) ?? []).equals(calc)).toBe(true);
    });

    it('starts an upload over when the registry stops reading its body', async () => {
      serve(await dockerImageWith(new TextEncoder().encode('other')), [{ kind: 'stall', target: 'upload', times: 1 }]);
      const file = join(scratch, 'push-calc.wasm');
      writeFileSync(file, calc);
      ok(await weldAsync(['push', file, `${faulty.host}/faults/push-stall:1`, '--min-rate', '1k/1s']));
      expect(faulty.log.filter((l) => l.startsWith('PUT /v2/faults/push-stall/blobs/uploads/')).length).toBe(3);
    });

    it('fails at once with no registry on a loopback port', async () => {
      const file = join(scratch, 'push-calc.wasm');
      const port = await freePort();
      const run = await weldAsync(['push', file, `127.0.0.1:${port}/nothing:1`]);
      expect(run).toMatchObject({ status: 1, stderr: expect.stringMatching(new RegExp(`^error: [^\\n]*no registry answers at 127\\.0\\.0\\.1:${port} \\(connection refused\\)\\n$`)) as unknown });
    });
  });

  describe('weld run REF, with the same limits', () => {
    let command: OciImage;
    beforeAll(() => {
      command = wasmArtifact(readFileSync(hostComponent('env')), { title: 'env.wasm', created: new Date('2026-01-01T00:00:00Z') });
    }, 120_000);
    const run = (repo: string, flags: readonly string[] = [], env: NodeJS.ProcessEnv = {}) =>
      weldAsync(['run', `${faulty.host}/faults/${repo}:1`, ...flags, '--env', 'K=v'], { env: { WELD_CACHE_DIR: mkdtempSync(join(scratch, 'cache-')), ...env } });

    it('runs through a dropped and a stalled transfer', async () => {
      serve(command, [{ kind: 'drop', target: 'layer', times: 1 }, { kind: 'stall', target: 'config', times: 1 }]);
      expect(await run('run-resumed', ['--min-rate', '1k/1s'])).toEqual({ status: 0, stdout: 'K=v\n', stderr: '' });
    });

    it('fails on a stall with the message pull gives, and at the deadline of WELD_REGISTRY_TIMEOUT', async () => {
      serve(command, [{ kind: 'stall', target: 'layer' }]);
      const stalled = await run('run-stalled', ['--min-rate', '1k/1s'], { WELD_REGISTRY_MIN_RATE: '' });
      expect(stalled.status).toBe(1);
      expect(stalled.stderr).toMatch(/^error: GET [^ ]+\/blobs\/sha256:[0-9a-f]{64}: the transfer stalled: \d+ bytes in 1 s, below the minimum rate of 1024 bytes\/s \(after 5 tries\)\n$/);
      const late = await run('run-late', [], { WELD_REGISTRY_TIMEOUT: '1s' });
      expect(late.status).toBe(1);
      expect(late.stderr).toMatch(/: gave up after 1s \(WELD_REGISTRY_TIMEOUT\): the transfer did not finish in time\n$/);
    });

    it('stops on SIGINT while pulling (exit 130) and leaves no partial blob in the cache', async () => {
      serve(command, [{ kind: 'stall', target: 'layer' }]);
      const cache = mkdtempSync(join(scratch, 'cache-'));
      const started = startWeld(['run', `${faulty.host}/faults/run-sigint:1`], { env: { WELD_CACHE_DIR: cache } });
      for (let i = 0; i < 400 && !faulty.log.some((l) => l.startsWith('GET /v2/faults/run-sigint/blobs/')); i++) await sleep(25);
      await sleep(100);
      started.child.kill('SIGINT');
      expect(await started.done).toEqual({ status: 130, stdout: '', stderr: 'weld: interrupted by SIGINT\n' });
      const files = readdirSync(cache, { recursive: true }).map(String);
      expect(files.filter((f) => f.includes('partial'))).toEqual([]);
    });

    it('reports a config that is not JSON', async () => {
      serve(withConfig(command, new TextEncoder().encode('{"component": ')));
      const r = await run('run-config');
      expect(r).toMatchObject({ status: 1, stdout: '' });
      expect(r.stderr).toMatch(/^error: [^ ]+\/faults\/run-config:1: config sha256:[0-9a-f]{64}: not JSON\n$/);
    });

    it('fails at once with no registry on a loopback port', async () => {
      const port = await freePort();
      const r = await weldAsync(['run', `127.0.0.1:${port}/nothing:1`], { env: { WELD_CACHE_DIR: mkdtempSync(join(scratch, 'cache-')) } });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`no registry answers at 127.0.0.1:${port} (connection refused)`);
    });
  });
});

/** `text` as a literal in a RegExp. */
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
