import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { OciError, parseChallenges, parseReference, looksLikeReference, formatReference, isLoopback } from '@weld/oci';

describe('parseReference', () => {
  it.each([
    ['localhost:5000/weld/calc:1.0', { registry: 'localhost:5000', repository: 'weld/calc', tag: '1.0' }],
    ['ghcr.io/org/app', { registry: 'ghcr.io', repository: 'org/app', tag: 'latest' }],
    ['nginx', { registry: 'registry-1.docker.io', repository: 'library/nginx', tag: 'latest' }],
    ['docker.io/user/app:v2', { registry: 'registry-1.docker.io', repository: 'user/app', tag: 'v2' }],
    [`127.0.0.1:5000/a@sha256:${'a'.repeat(64)}`, { registry: '127.0.0.1:5000', repository: 'a', digest: `sha256:${'a'.repeat(64)}` }],
  ])('%s', (text, expected) => {
    expect(parseReference(text)).toEqual(expected);
  });

  it.each(['localhost:5000/UPPER:1', 'host.io/a@sha256:short', 'host.io/a:bad tag', 'host.io/'])('rejects %s', (text) => {
    expect(() => parseReference(text)).toThrow(OciError);
  });

  it('round-trips through formatReference', () => {
    const component = fc.stringMatching(/^[a-z0-9]+(?:[._-][a-z0-9]+)?$/);
    fc.assert(
      fc.property(fc.array(component, { minLength: 1, maxLength: 3 }), fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,20}$/), (parts, tag) => {
        const ref = parseReference(`registry.example:5000/${parts.join('/')}:${tag}`);
        expect(parseReference(formatReference(ref))).toEqual(ref);
      }),
    );
  });

  it('tells references from paths', () => {
    expect(looksLikeReference('localhost:5000/weld/calc:1')).toBe(true);
    expect(looksLikeReference('ghcr.io/org/app')).toBe(true);
    expect(looksLikeReference('out/app.wasm')).toBe(false);
    expect(looksLikeReference('./ghcr.io/x')).toBe(false);
    expect(isLoopback('127.0.0.1:5000')).toBe(true);
    expect(isLoopback('[::1]:5000')).toBe(true);
    expect(isLoopback('registry.example:5000')).toBe(false);
  });
});

describe('parseChallenges', () => {
  it('reads a bearer challenge with quoted parameters', () => {
    expect(parseChallenges('Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull,push"')).toEqual([
      { scheme: 'bearer', params: { realm: 'https://auth.example/token', service: 'registry.example', scope: 'repository:a/b:pull,push' } },
    ]);
  });

  it('reads several challenges and bare values', () => {
    expect(parseChallenges('Basic realm="weld test", Bearer realm=https://t/x, error="invalid_token"')).toEqual([
      { scheme: 'basic', params: { realm: 'weld test' } },
      { scheme: 'bearer', params: { realm: 'https://t/x', error: 'invalid_token' } },
    ]);
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string(), (text) => void parseChallenges(text)));
  });
});
