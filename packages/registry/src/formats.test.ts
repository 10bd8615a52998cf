import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chooseRegistry, chooseVersion, lockedVersion, mergeLock, metadataUrl, parseConfig, parseLock, parseMetadata, printLock, RegistryError,
  requirementText, versionTags, type LockFile,
} from '@weld/registry';

describe('wkg config.toml', () => {
  const text = `default_registry = "acme.registry.com"

[namespace_registries]
wasi = "wasi.dev"
another = { registry = "another", metadata = { preferredProtocol = "oci", "oci" = { registry = "ghcr.io", namespacePrefix = "webassembly/" } } }

[package_registry_overrides]
"example:foo" = "example.com"

[registry."acme.registry.com".oci]
auth = { username = "open", password = "sesame" }
protocol = "http"

[registry."wasi.dev".oci]
auth = "cGluZzpwb25n"
`;

  it('reads the keys of wkg\'s documented example and picks registries in wkg\'s order', async () => {
    const config = await parseConfig(text, 'config.toml');
    expect(chooseRegistry(config, 'example', 'foo')).toEqual({ registry: 'example.com', because: 'package_registry_overrides."example:foo"' });
    expect(chooseRegistry(config, 'wasi', 'http')).toEqual({ registry: 'wasi.dev', because: 'namespace_registries.wasi' });
    expect(chooseRegistry(config, 'example', 'bar')).toEqual({ registry: 'acme.registry.com', because: 'default_registry' });
    expect(chooseRegistry(config, 'another', 'x')).toEqual({
      registry: 'another',
      because: 'namespace_registries.another',
      metadata: { preferredProtocol: 'oci', oci: { registry: 'ghcr.io', namespacePrefix: 'webassembly/' }, otherProtocols: [] },
    });
    expect(config.registries.get('acme.registry.com')).toEqual({ backend: 'oci', oci: { auth: { username: 'open', password: 'sesame' }, protocol: 'http' }, otherBackends: [] });
    // A base64 `username:password` string, as wkg accepts it.
    expect(config.registries.get('wasi.dev')?.oci?.auth).toEqual({ username: 'ping', password: 'pong' });
  });

  it('uses the built-in namespaces only when they are given', async () => {
    const config = await parseConfig('', 'config.toml');
    expect(chooseRegistry(config, 'wasi', 'http')).toBeUndefined();
    const withFallbacks = { ...config, fallbackNamespaceRegistries: new Map([['wasi', 'wasi.dev']]) };
    expect(chooseRegistry(withFallbacks, 'wasi', 'http')?.registry).toBe('wasi.dev');
  });

  it.each([
    ['registries = {}', 'config.toml: registries: not a key of the wkg config'],
    ['default_registry = 3', 'config.toml: default_registry: expected a registry name'],
    ['[registry."x".oci]\nprotocol = "ftp"', 'config.toml: registry."x".oci.protocol: Unknown OCI protocol "ftp"'],
    ['[namespace_registries]\nwasi = { registry = "x" }', 'config.toml: namespace_registries."wasi": expected a registry name, or'],
    ['default_registry = ', 'config.toml:1:'],
  ])('refuses %j', async (input, message) => {
    await expect(parseConfig(input, 'config.toml')).rejects.toThrow(RegistryError);
    await expect(parseConfig(input, 'config.toml')).rejects.toThrow(message);
  });
});

describe('registry.json', () => {
  it('reads the current form and the deprecated one alike', () => {
    const current = parseMetadata({ preferredProtocol: 'oci', oci: { registry: 'ghcr.io', namespacePrefix: 'webassembly/' } }, 'x');
    const deprecated = parseMetadata({ ociRegistry: 'ghcr.io', ociNamespacePrefix: 'webassembly/' }, 'x');
    expect(current.oci).toEqual({ registry: 'ghcr.io', namespacePrefix: 'webassembly/' });
    expect(deprecated.oci).toEqual(current.oci);
    expect(parseMetadata({ other: { key: 'value' } }, 'x')).toEqual({ otherProtocols: ['other'] });
    expect(() => parseMetadata({ oci: { registry: 7 } }, 'x')).toThrow('x: oci.registry: expected a string');
  });

  it('is asked over plain HTTP only of localhost and 127.0.0.1, as wkg asks', () => {
    expect(metadataUrl('localhost:8080')).toBe('http://localhost:8080/.well-known/wasm-pkg/registry.json');
    expect(metadataUrl('127.0.0.1')).toBe('http://127.0.0.1/.well-known/wasm-pkg/registry.json');
    expect(metadataUrl('wasi.dev')).toBe('https://wasi.dev/.well-known/wasm-pkg/registry.json');
  });
});

describe('versions', () => {
  it('ignores tags that are not versions and picks the exact one or the newest release', () => {
    const versions = versionTags(['latest', '0.2.0', 'v0.3.0', '0.2.10', '0.3.0-rc.1', 'sha256-abc', '0.2.9']);
    expect(versions.map((v) => v.text)).toEqual(['0.2.0', '0.2.10', '0.3.0-rc.1', '0.2.9']);
    expect(chooseVersion(versions, { kind: 'any' })?.text).toBe('0.2.10');
    expect(chooseVersion(versions, { kind: 'exact', version: '0.3.0-rc.1' })?.text).toBe('0.3.0-rc.1');
    expect(chooseVersion(versions, { kind: 'exact', version: '0.3.0' })).toBeUndefined();
    expect(requirementText({ kind: 'exact', version: '0.2.0' })).toBe('=0.2.0');
    expect(requirementText({ kind: 'any' })).toBe('*');
  });

  it('the newest release is never older than any release listed', () => {
    const version = fc.tuple(fc.nat(20), fc.nat(20), fc.nat(20), fc.constantFrom('', '-rc.1', '-alpha')).map(([a, b, c, pre]) => `${a}.${b}.${c}${pre}`);
    fc.assert(
      fc.property(fc.array(fc.oneof(version, fc.constantFrom('latest', 'v1.0.0', 'main'))), (tags) => {
        const versions = versionTags(tags);
        const best = chooseVersion(versions, { kind: 'any' });
        const releases = versions.filter((v) => v.pre === '');
        expect(best === undefined).toBe(releases.length === 0);
        if (best === undefined) return;
        expect(best.pre).toBe('');
        for (const v of releases) expect(compare(v.text, best.text)).toBeLessThanOrEqual(0);
      }),
    );
  });
});

/** Numeric order of release versions. */
function compare(a: string, b: string): number {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!;
}

describe('wkg.lock', () => {
  const digest = (n: number) => `sha256:${n.toString(16).padStart(64, '0')}`;
  // wkg's documented example, with the header wkg writes.
  const wkgText = `# This file is automatically generated.
# It is not intended for manual editing.
version = 1

[[packages]]
name = "wasi:cli"
registry = "wasi.dev"

[[packages.versions]]
requirement = "=0.2.0"
version = "0.2.0"
digest = "${digest(1)}"

[[packages]]
name = "wasi:io"
registry = "wasi.dev"

[[packages.versions]]
requirement = "=0.2.0"
version = "0.2.0"
digest = "${digest(2)}"
`;

  it('reads and writes the file wkg writes, byte for byte', async () => {
    const lock = await parseLock(wkgText, 'wkg.lock');
    expect(lockedVersion(lock, 'wasi:io', 'wasi.dev', '=0.2.0')).toEqual({ requirement: '=0.2.0', version: '0.2.0', digest: digest(2) });
    expect(lockedVersion(lock, 'wasi:io', 'other', '=0.2.0')).toBeUndefined();
    expect(printLock(lock)).toBe(wkgText);
  });

  it('writes an empty lock as wkg does', async () => {
    const empty = '# This file is automatically generated.\n# It is not intended for manual editing.\nversion = 1\npackages = []\n';
    expect(printLock({ packages: [] })).toBe(empty);
    expect(await parseLock(empty, 'wkg.lock')).toEqual({ packages: [] });
  });

  it('merges a resolution into the locked package, sorted by name', async () => {
    const lock = await parseLock(wkgText, 'wkg.lock');
    const merged = mergeLock(lock, [
      { name: 'wasi:io', registry: 'wasi.dev', locked: { requirement: '=0.2.0', version: '0.2.0', digest: digest(3) } },
      { name: 'wasi:clocks', registry: 'wasi.dev', locked: { requirement: '*', version: '0.2.1', digest: digest(4) } },
    ]);
    expect(merged.packages.map((p) => p.name)).toEqual(['wasi:cli', 'wasi:clocks', 'wasi:io']);
    expect(lockedVersion(merged, 'wasi:io', 'wasi.dev', '=0.2.0')?.digest).toBe(digest(3));
  });

  it.each([
    ['version = 2', 'wkg.lock: unsupported lock file version: 2'],
    ['version = 1\n[[packages]]\nregistry = "x"', 'wkg.lock: packages[0]: expected a table with a name'],
    ['version = 1\n[[packages]]\nname = "a:b"\n[[packages.versions]]\nrequirement = "*"\nversion = "1.0.0"\ndigest = "md5:00"', 'is not a sha256 digest'],
  ])('refuses %j', async (input, message) => {
    await expect(parseLock(input, 'wkg.lock')).rejects.toThrow(message);
  });

  it('round-trips any lock through its text', async () => {
    const label = fc.stringMatching(/^[a-z][a-z0-9]{0,6}(-[a-z][a-z0-9]{0,4})?$/);
    const text = fc.string({ maxLength: 12 });
    const locked = fc.record({ requirement: text, version: text, digest: fc.nat().map(digest) });
    const pkg = fc.record({ name: fc.tuple(label, label).map(([a, b]) => `${a}:${b}`), registry: fc.option(text, { nil: undefined }), versions: fc.array(locked, { maxLength: 3 }) });
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(pkg, { selector: (p) => `${p.name}\0${p.registry ?? '\u0001'}`, maxLength: 4 }), async (packages) => {
        const lock: LockFile = { packages: packages.map((p) => ({ name: p.name, ...(p.registry !== undefined && { registry: p.registry }), versions: p.versions })) };
        const printed = printLock(lock);
        const parsed = await parseLock(printed, 'wkg.lock');
        expect(printLock(parsed)).toBe(printed);
        expect(parsed.packages.length).toBe(lock.packages.length);
      }),
    );
  });
});
