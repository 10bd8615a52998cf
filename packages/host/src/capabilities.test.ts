import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capabilityOf, denyAll, grantsFromFlags, HostError, refusals } from '@weld/host';

describe('capabilityOf', () => {
  it('gives stdio, io, random, the monotonic clock and http types to everyone', () => {
    for (const name of ['wasi:cli/stdout@0.2.12', 'wasi:io/streams@0.2.0', 'wasi:random/random@0.2.3', 'wasi:clocks/monotonic-clock@0.2.12', 'wasi:http/types@0.2.12']) {
      expect(capabilityOf(name)).toEqual({ kind: 'ambient' });
    }
  });

  it('scopes the filesystem, the environment and the wall clock to what is granted', () => {
    expect(capabilityOf('wasi:filesystem/preopens@0.2.12')).toEqual({ kind: 'scoped', grant: 'dir' });
    expect(capabilityOf('wasi:cli/environment@0.2.12')).toEqual({ kind: 'scoped', grant: 'env' });
    expect(capabilityOf('wasi:clocks/wall-clock@0.2.12')).toEqual({ kind: 'scoped', grant: 'clock' });
  });

  it('puts sockets and outgoing http behind --allow-net', () => {
    expect(capabilityOf('wasi:sockets/tcp@0.2.12')).toEqual({ kind: 'net' });
    expect(capabilityOf('wasi:http/outgoing-handler@0.2.12')).toEqual({ kind: 'net' });
  });

  it('knows what it cannot provide', () => {
    expect(capabilityOf('weld:demo/calc@0.1.0')).toEqual({ kind: 'foreign' });
    expect(capabilityOf('wasi:keyvalue/store@0.2.0-draft').kind).toBe('unsupported');
    expect(capabilityOf('wasi:cli/stdout@0.3.0')).toMatchObject({ kind: 'unsupported', why: expect.stringContaining('0.3.0') });
  });
});

describe('refusals', () => {
  const imports = ['wasi:cli/stdout@0.2.12', 'wasi:sockets/tcp@0.2.12', 'wasi:filesystem/preopens@0.2.12', 'weld:ts-app/kv@0.1.0'];

  it('names each import the grants do not allow, with the flag', () => {
    expect(refusals(imports, denyAll)).toEqual([
      { import: 'wasi:sockets/tcp@0.2.12', reason: 'network access; grant it with --allow-net', flag: '--allow-net' },
      { import: 'weld:ts-app/kv@0.1.0', reason: 'not a WASI interface, so no host provides it; plug it with `weld compose` first' },
    ]);
    expect(refusals(imports, { ...denyAll, net: true }).map((r) => r.import)).toEqual(['weld:ts-app/kv@0.1.0']);
  });
});

describe('grantsFromFlags', () => {
  const dir = mkdtempSync(join(tmpdir(), 'weld-grants-'));

  it('denies everything without flags', () => {
    expect(grantsFromFlags({}, { PATH: '/bin' })).toEqual(denyAll);
  });

  it('maps --dir HOST and HOST::GUEST', () => {
    expect(grantsFromFlags({ dir: [dir, `${dir}::/data`] }).dirs).toEqual([
      { host: dir, guest: dir },
      { host: dir, guest: '/data' },
    ]);
  });

  it('rejects a --dir that is missing, a file, or granted twice', () => {
    expect(() => grantsFromFlags({ dir: [join(dir, 'nope')] })).toThrow(HostError);
    expect(() => grantsFromFlags({ dir: [`${dir}::/a`, `${dir}::/a`] })).toThrow(/granted twice/);
    expect(() => grantsFromFlags({ dir: ['::/a'] })).toThrow(/expected HOST or HOST::GUEST/);
  });

  it('builds the environment from --inherit-env and --env, in that order', () => {
    const host = { USER: 'ada', HOME: '/home/ada' };
    expect(grantsFromFlags({ env: ['A=1', 'USER', 'MISSING', 'E='] }, host).env).toEqual({ A: '1', USER: 'ada', E: '' });
    expect(grantsFromFlags({ inheritEnv: true, env: ['USER=bob'] }, host).env).toEqual({ USER: 'bob', HOME: '/home/ada' });
    expect(() => grantsFromFlags({ env: ['=x'] }, host)).toThrow(/expected K=V or K/);
  });
});
