import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';

type Digest = typeof import('./digest.js');

/** The module as loaded with `process.getBuiltinModule` there (Node) or not (a browser). */
async function load(native: boolean): Promise<Digest> {
  vi.resetModules();
  if (!native) vi.stubGlobal('process', { ...process, getBuiltinModule: undefined });
  try {
    return await import('./digest.js');
  } finally {
    vi.unstubAllGlobals();
  }
}

afterEach(() => vi.unstubAllGlobals());

const big = Uint8Array.from({ length: 1 << 20 }, (_, i) => (i * 31) & 0xff);
const expected = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

describe.each([
  ['node:crypto', true],
  ['@noble/hashes', false],
])('sha256 through %s', (_name, native) => {
  it('gives the standard digests, one-shot and in pieces alike', async () => {
    const { Sha256, sha256Hex } = await load(native);
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('päckage')).toBe(expected('päckage'));
    expect(sha256Hex(big)).toBe(expected(big));
    const pieces = new Sha256();
    for (let at = 0; at < big.length; at += 65_537) pieces.update(big.subarray(at, at + 65_537));
    expect(pieces.update('tail').hex()).toBe(expected(Buffer.concat([big, Buffer.from('tail')])));
  });
});
