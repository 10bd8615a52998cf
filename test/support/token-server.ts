/**
 * A token server of the distribution token spec on loopback, for the bearer
 * tests: `GET /token?service=…&scope=repository:NAME:pull,push` with Basic
 * credentials answers a JWT (ES256) that Distribution verifies against the
 * certificate in its `rootcertbundle`. The JWT header's `kid` is libtrust's
 * key id (what Distribution 2.8 looks keys up by). Right credentials get
 * every action they ask for; none or wrong ones get a 401.
 */
import { spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { BasicUser } from './registry.js';

/** The `auth: token:` settings a registry needs to trust the server. */
export interface TokenServer {
  /** `http://127.0.0.1:PORT/token`. */
  readonly realm: string;
  readonly service: string;
  readonly issuer: string;
  /** The PEM certificate of the signing key. */
  readonly certificate: string;
  /** Every token request so far: the scopes asked for and the user (undefined: none, or a wrong password). */
  readonly requests: { readonly scopes: readonly string[]; readonly user: string | undefined }[];
  close(): Promise<void>;
}

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/** libtrust's key id: the first 240 bits of the SHA-256 of the PKIX public key, base32 in groups of four. */
export function libtrustKeyId(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const bits = createHash('sha256').update(der).digest().subarray(0, 30);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let text = '';
  let buffer = 0;
  let count = 0;
  for (const byte of bits) {
    buffer = (buffer << 8) | byte;
    count += 8;
    while (count >= 5) {
      text += alphabet[(buffer >> (count - 5)) & 31];
      count -= 5;
    }
  }
  return text.match(/.{1,4}/g)!.join(':');
}

/** Starts the server; writes its key and self-signed certificate (made with `openssl req`) into `dir`. */
export async function startTokenServer(dir: string, user: BasicUser): Promise<TokenServer> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const keyFile = join(dir, 'token.key');
  const certificate = join(dir, 'token.crt');
  writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  const made = spawnSync('openssl', ['req', '-x509', '-new', '-key', keyFile, '-subj', '/CN=weld-test-token', '-days', '1', '-out', certificate], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`openssl req failed: ${made.stderr}`);
  const kid = libtrustKeyId(publicKey);
  const service = 'weld-test-registry';
  const issuer = 'weld-test-issuer';
  const requests: { scopes: string[]; user: string | undefined }[] = [];

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const scopes = url.searchParams.getAll('scope').flatMap((s) => s.split(' ')).filter((s) => s !== '');
    const basic = /^Basic (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const [name, password] = basic === undefined ? [] : Buffer.from(basic, 'base64').toString('utf8').split(/:(.*)/s);
    const authorized = name === user.username && password === user.password;
    requests.push({ scopes, user: authorized ? name : undefined });
    if (url.pathname !== '/token' || url.searchParams.get('service') !== service || !authorized) {
      response.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Basic realm="weld-test-token"' });
      response.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }));
      return;
    }
    const access = scopes.map((scope) => {
      const first = scope.indexOf(':');
      const last = scope.lastIndexOf(':');
      return { type: scope.slice(0, first), name: scope.slice(first + 1, last), actions: scope.slice(last + 1).split(',') };
    });
    const now = Math.floor(Date.now() / 1000);
    const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'ES256', kid }));
    const claims = base64url(JSON.stringify({ iss: issuer, sub: name, aud: service, exp: now + 300, nbf: now - 10, iat: now, jti: randomUUID(), access }));
    const signature = sign('sha256', Buffer.from(`${header}.${claims}`), { key: privateKey, dsaEncoding: 'ieee-p1363' });
    const token = `${header}.${claims}.${base64url(signature)}`;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ token, access_token: token, expires_in: 300, issued_at: new Date(now * 1000).toISOString() }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('token server: no address');
  return {
    realm: `http://127.0.0.1:${address.port}/token`,
    service,
    issuer,
    certificate,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
