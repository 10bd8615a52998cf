/**
 * Authorization for one registry: anonymous, Basic, or the bearer token flow
 * that a `WWW-Authenticate: Bearer realm=…,service=…,scope=…` challenge asks
 * for (the distribution token spec, with OAuth2 refresh tokens for identity
 * tokens). Tokens are cached per scope set until they expire, and a token
 * asked for `repository:r:pull,push` also serves `repository:r:pull`;
 * requests that meet the same challenge at once share one token request.
 * Credentials go only to realms realm.ts allows. No secret is ever put into
 * an error message.
 */
import { base64Utf8, utf8 } from '../bytes.js';
import { OciError } from '../errors.js';
import { header, readBody, type HttpRequest, type HttpResponse } from '../http.js';
import { parseChallenges, type Challenge } from './challenge.js';
import type { CredentialSource, Credentials } from './credentials.js';
import { checkRealm, type RealmPolicy } from './realm.js';

/** Sends a request with retries (the client's transport). */
export type Sender = (request: HttpRequest) => Promise<HttpResponse>;

interface CachedToken {
  readonly token: string;
  readonly expiresAt: number;
  /** The scopes it was asked for. */
  readonly scopes: readonly string[];
}

/** Holds what one registry needs to authorize requests. */
export class Authenticator {
  readonly #registry: string;
  readonly #source: CredentialSource;
  readonly #send: Sender;
  readonly #realms: RealmPolicy;
  #credentials: Promise<Credentials> | undefined;
  #challenge: Challenge | undefined;
  readonly #tokens = new Map<string, CachedToken>();
  readonly #pending = new Map<string, Promise<CachedToken>>();

  /** `realms` says which token realms may be asked (see realm.ts). */
  constructor(registry: string, source: CredentialSource, send: Sender, realms: RealmPolicy) {
    this.#registry = registry;
    this.#source = source;
    this.#send = send;
    this.#realms = realms;
  }

  /** The credentials in use (looked up once). */
  credentials(): Promise<Credentials> {
    this.#credentials ??= this.#source(this.#registry);
    return this.#credentials;
  }

  /** The Authorization header for a request needing `scopes`, when one is already known. */
  async authorization(scopes: readonly string[]): Promise<string | undefined> {
    const challenge = this.#challenge;
    if (challenge === undefined) return undefined;
    if (challenge.scheme === 'basic') {
      const credentials = await this.credentials();
      return credentials.kind === 'basic' ? basicHeader(credentials) : undefined;
    }
    const now = Date.now();
    const exact = this.#tokens.get(scopeKey(scopes));
    const cached = exact !== undefined && exact.expiresAt > now ? exact : [...this.#tokens.values()].find((t) => t.expiresAt > now && covers(t.scopes, scopes));
    return cached === undefined ? undefined : `Bearer ${cached.token}`;
  }

  /**
   * Learns from a 401 what the registry wants and gets it (a token, or
   * Basic credentials). True when the request is worth sending again.
   */
  async answer(response: HttpResponse, scopes: readonly string[], sent: string | undefined): Promise<boolean> {
    const text = header(response, 'www-authenticate');
    const challenges = text === undefined ? [] : parseChallenges(text);
    const challenge = challenges.find((c) => c.scheme === 'bearer') ?? challenges.find((c) => c.scheme === 'basic');
    if (challenge === undefined) return false;
    this.#challenge = challenge;
    if (challenge.scheme === 'bearer') {
      // Requests in flight may have fetched a fresh token meanwhile; fetch one only if not.
      const cached = await this.authorization(scopes);
      if (cached === undefined || cached === sent) {
        const key = scopeKey(scopes);
        let pending = this.#pending.get(key);
        if (pending === undefined) {
          const wanted = new Set(scopes);
          for (const scope of (challenge.params['scope'] ?? '').split(' ')) if (scope !== '') wanted.add(scope);
          pending = this.#fetchToken(challenge, [...wanted]).finally(() => this.#pending.delete(key));
          this.#pending.set(key, pending);
        }
        this.#tokens.set(key, await pending);
      }
    }
    const next = await this.authorization(scopes);
    return next !== undefined && next !== sent;
  }

  /** What to tell the user after a final 401/403, without any secret. */
  async refusal(status: number, what: string): Promise<OciError> {
    const credentials = await this.credentials();
    const who = credentials.kind === 'basic' ? `user ${JSON.stringify(credentials.username)}` : credentials.kind === 'identity-token' ? 'the identity token' : undefined;
    if (status === 403) return new OciError('auth', `${what}: denied (403 Forbidden)${who === undefined ? '' : ` for ${who}`}`, 403);
    const hint = who === undefined
      ? `; no credentials for ${this.#registry} (use \`docker login ${this.#registry}\` or --username with --password-stdin)`
      : ` for ${who}: wrong username or password`;
    return new OciError('auth', `${what}: unauthorized (401)${hint}`, 401);
  }

  async #fetchToken(challenge: Challenge, scopes: readonly string[]): Promise<CachedToken> {
    const realm = challenge.params['realm'];
    if (realm === undefined) throw new OciError('auth', `${this.#registry}: a bearer challenge without a realm`);
    const credentials = await this.credentials();
    const url = checkRealm(this.#registry, realm, credentials.kind !== 'anonymous', this.#realms);
    const service = challenge.params['service'];
    let response: HttpResponse;
    if (credentials.kind === 'identity-token') {
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: credentials.token, client_id: 'weld', ...(service !== undefined && { service }) });
      if (scopes.length > 0) form.set('scope', scopes.join(' '));
      response = await this.#send({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new TextEncoder().encode(form.toString()),
      });
    } else {
      if (service !== undefined) url.searchParams.set('service', service);
      for (const scope of scopes) url.searchParams.append('scope', scope);
      if (credentials.kind === 'basic') url.searchParams.set('account', credentials.username);
      response = await this.#send({ method: 'GET', url, headers: credentials.kind === 'basic' ? { authorization: basicHeader(credentials) } : {} });
    }
    const body = await readBody(response);
    if (response.status === 401 || response.status === 403) throw await this.refusal(response.status, `${this.#registry}: token service ${url.host}`);
    if (response.status !== 200) throw new OciError('auth', `${this.#registry}: the token service ${url.host} answered ${response.status}`, response.status);
    let json: { token?: unknown; access_token?: unknown; expires_in?: unknown };
    try {
      json = JSON.parse(utf8(body)) as typeof json;
    } catch {
      throw new OciError('auth', `${this.#registry}: the token service ${url.host} did not answer JSON`);
    }
    const token = typeof json.token === 'string' ? json.token : typeof json.access_token === 'string' ? json.access_token : undefined;
    if (token === undefined) throw new OciError('auth', `${this.#registry}: the token service ${url.host} sent no token`);
    // The spec's default lifetime is 60 s; renew a little early.
    const seconds = typeof json.expires_in === 'number' && json.expires_in > 0 ? json.expires_in : 60;
    return { token, expiresAt: Date.now() + Math.max(1, seconds - 10) * 1000, scopes };
  }
}

const scopeKey = (scopes: readonly string[]): string => [...scopes].sort().join(' ');

/** `type:name:actions` split at its first and last colon. */
function splitScope(scope: string): { resource: string; actions: readonly string[] } {
  const last = scope.lastIndexOf(':');
  return last < 0 ? { resource: scope, actions: [] } : { resource: scope.slice(0, last), actions: scope.slice(last + 1).split(',') };
}

/** Whether a token asked for `granted` was asked for every action of `needed` too. */
function covers(granted: readonly string[], needed: readonly string[]): boolean {
  const held = granted.map(splitScope);
  return needed.map(splitScope).every((n) => held.some((h) => h.resource === n.resource && n.actions.every((a) => h.actions.includes(a))));
}

function basicHeader(credentials: { readonly username: string; readonly password: string }): string {
  return `Basic ${base64Utf8(`${credentials.username}:${credentials.password}`)}`;
}
