/**
 * The registry as a PackageResolver of the WIT loader: a package locked in
 * wkg.lock is read from the content cache by its digest, with no registry
 * at all (the config points at an address nothing listens on, and the
 * resolver is offline), and the cache refuses what does not match.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeWitWasm } from '@weld/build';
import { sha256 } from '@weld/oci';
import { PackageRegistry, parseConfig, RegistryError, RegistryPackageResolver, type LockFile } from '@weld/registry';
import { ContentCache } from '@weld/registry/node';
import { printWit } from '@weld/wit';
import { loadWit } from '@weld/wit/node';
import { wasmToolsPath } from '../../../test/support/wasm-tools.js';

let scratch: string;
let bytes: Uint8Array;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'weld-registry-resolver-'));
  mkdirSync(join(scratch, 'clocks'));
  writeFileSync(join(scratch, 'clocks', 'c.wit'), 'package demo:clocks@0.3.0;\n\ninterface wall {\n  now: func() -> u64;\n}\n');
  execFileSync(wasmToolsPath(), ['component', 'wit', '--wasm', join(scratch, 'clocks'), '-o', join(scratch, 'clocks.wasm')]);
  bytes = readFileSync(join(scratch, 'clocks.wasm'));
  mkdirSync(join(scratch, 'app'));
  writeFileSync(join(scratch, 'app', 'app.wit'), 'package demo:app;\n\nworld app {\n  import demo:clocks/wall@0.3.0;\n}\n');
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function offlineRegistry(lock: LockFile, cache: ContentCache): Promise<PackageRegistry> {
  // Port 9 (discard) on loopback: nothing answers, and nothing is asked.
  const config = await parseConfig('[namespace_registries]\ndemo = "127.0.0.1:9"\n', 'config.toml');
  return new PackageRegistry({ config, cache, decodeWasm: decodeWitWasm, lock, offline: true });
}

const lockFor = (digest: string): LockFile => ({
  packages: [{ name: 'demo:clocks', registry: '127.0.0.1:9', versions: [{ requirement: '=0.3.0', version: '0.3.0', digest }] }],
});

describe('RegistryPackageResolver', () => {
  it('answers a locked package by name from the cache, without the network', async () => {
    const cache = new ContentCache(join(scratch, 'cache-a'));
    await cache.put(sha256(bytes), bytes);
    const resolver = new RegistryPackageResolver(await offlineRegistry(lockFor(sha256(bytes)), cache));
    const loaded = await loadWit(join(scratch, 'app'), { decodeWasm: decodeWitWasm, resolvers: [resolver] });
    expect(printWit(loaded.resolve, loaded.packages)).toContain('package demo:clocks@0.3.0 {');
    expect(resolver.resolutions.map((r) => [r.package, r.locked.version, r.cached])).toEqual([['demo:clocks', '0.3.0', true]]);
  });

  it('offline, a package the cache lacks is an error that says so, not a missing package', async () => {
    const cache = new ContentCache(join(scratch, 'cache-b'));
    const resolver = new RegistryPackageResolver(await offlineRegistry(lockFor(sha256(bytes)), cache));
    const loading = loadWit(join(scratch, 'app'), { decodeWasm: decodeWitWasm, resolvers: [resolver] });
    await expect(loading).rejects.toThrow(RegistryError);
    await expect(loading).rejects.toThrow(`demo:clocks@0.3.0: not in the cache (locked 0.3.0, ${sha256(bytes)}), and weld is offline`);
  });

  it('a cache entry whose bytes do not match its digest is not used', async () => {
    const cache = new ContentCache(join(scratch, 'cache-c'));
    const digest = sha256(bytes);
    await cache.put(digest, bytes);
    writeFileSync(join(cache.dir, digest.replace(':', '-')), 'corrupt');
    expect(await cache.get(digest)).toBeUndefined();
  });
});
