import { describe, expect, it } from 'vitest';
import { OciError } from './errors.js';
import { checkRealm, trustedRealmHosts } from './auth/realm.js';

const open = { plainHttp: false, trustedHosts: [] };

describe('checkRealm', () => {
  it("allows HTTPS on the registry's host, any port, with credentials", () => {
    expect(checkRealm('ghcr.io', 'https://ghcr.io/token', true, open).href).toBe('https://ghcr.io/token');
    expect(checkRealm('reg.example:5000', 'https://reg.example:5001/auth', true, open).host).toBe('reg.example:5001');
  });

  it('allows the token services Docker Hub and GitLab are known to use', () => {
    expect(checkRealm('registry-1.docker.io', 'https://auth.docker.io/token', true, open).host).toBe('auth.docker.io');
    expect(checkRealm('registry.gitlab.com', 'https://gitlab.com/jwt/auth', true, open).host).toBe('gitlab.com');
  });

  it('allows plain HTTP on loopback, or on the registry host when plain HTTP was chosen for it', () => {
    expect(checkRealm('localhost:5000', 'http://localhost:5001/token', true, open).protocol).toBe('http:');
    expect(checkRealm('reg.lan:5000', 'http://reg.lan/token', true, { ...open, plainHttp: true }).protocol).toBe('http:');
    expect(() => checkRealm('reg.lan:5000', 'http://reg.lan/token', true, open)).toThrow(OciError);
    expect(() => checkRealm('reg.lan:5000', 'http://other.lan/token', false, { ...open, plainHttp: true })).toThrow(/plain HTTP/);
  });

  it('refuses other schemes and credentials for untrusted hosts', () => {
    expect(() => checkRealm('ghcr.io', 'file:///etc/passwd', false, open)).toThrow(/not an http or https URL/);
    expect(() => checkRealm('ghcr.io', 'https://evil.example/token', true, open)).toThrow(/another host/);
    expect(checkRealm('ghcr.io', 'https://evil.example/token', false, open).host).toBe('evil.example');
    expect(checkRealm('ghcr.io', 'https://auth.example/token', true, { ...open, trustedHosts: ['auth.example'] }).host).toBe('auth.example');
  });

  it('reads trusted hosts from WELD_TRUSTED_REALMS', () => {
    expect(trustedRealmHosts({ WELD_TRUSTED_REALMS: ' Auth.Example ,,b.example' })).toEqual(['auth.example', 'b.example']);
    expect(trustedRealmHosts({})).toEqual([]);
  });
});
