/**
 * Which token realms a registry client may ask for a token. The realm comes
 * from the registry's `WWW-Authenticate: Bearer realm=…` challenge, so a
 * registry (or anyone who can answer for it) chooses where the user's
 * username and password go next. weld asks a realm only:
 *
 * - over HTTPS, or plain HTTP on loopback, or plain HTTP on the registry's
 *   own host when the user chose plain HTTP for it (`--plain-http`);
 *   anything else (`file:`, `ftp:`, plain HTTP elsewhere) is refused;
 * - with credentials only when the realm is on the registry's own host
 *   (same hostname; the port may differ), is a token service the registry is
 *   known to use (Docker Hub's `auth.docker.io`, GitLab's `gitlab.com`), or is trusted explicitly
 *   (`trustedHosts`, `$WELD_TRUSTED_REALMS`); otherwise the request is
 *   refused with an error naming the realm, the registry and the opt-in.
 *   Without credentials a realm on any host may be asked: nothing secret
 *   goes there.
 */
import { OciError } from '../errors.js';
import { isLoopback } from '../reference.js';
import { processEnv, type Environment } from '../runtime.js';

/** What a client allows besides the rules above. */
export interface RealmPolicy {
  /** The user chose plain HTTP for this registry. */
  readonly plainHttp: boolean;
  /** Hostnames credentials may be sent to as a token realm of any registry. */
  readonly trustedHosts: readonly string[];
}

/** Token services that registries are known to hand out tokens from, by registry host. */
const knownRealmHosts: Readonly<Record<string, readonly string[]>> = {
  'registry-1.docker.io': ['auth.docker.io'],
  'registry.gitlab.com': ['gitlab.com'],
};

/** The environment variable that lists trusted realm hostnames, comma-separated. */
export const trustedRealmsVariable = 'WELD_TRUSTED_REALMS';

/** The realm hostnames `$WELD_TRUSTED_REALMS` trusts (none in a page, which has no environment). */
export function trustedRealmHosts(env: Environment = processEnv()): string[] {
  return (env[trustedRealmsVariable] ?? '')
    .split(',')
    .map((host) => host.trim().toLowerCase())
    .filter((host) => host !== '');
}

/** The hostname of `host[:port]`, as a URL spells it (lowercase, IPv6 in brackets). */
const hostnameOf = (registry: string): string => new URL(`https://${registry}`).hostname;

/**
 * `realm` as a URL, once it is allowed for `registry`; `withCredentials`
 * says whether the request would carry the user's credentials. Throws an
 * `auth` OciError (`insecure` for plain HTTP) naming the realm and the
 * registry otherwise.
 */
export function checkRealm(registry: string, realm: string, withCredentials: boolean, policy: RealmPolicy): URL {
  let url: URL;
  try {
    url = new URL(realm);
  } catch {
    throw new OciError('auth', `${registry}: the token realm ${JSON.stringify(realm)} is not a URL`);
  }
  const sameHost = url.hostname === hostnameOf(registry);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new OciError('auth', `${registry}: refusing the token realm ${realm}: it is not an http or https URL`);
  }
  if (url.protocol === 'http:' && !isLoopback(url.host) && !(policy.plainHttp && sameHost)) {
    throw new OciError('insecure', `${registry}: refusing the token realm ${realm}: plain HTTP to a host that is not loopback would expose the credentials and the token`);
  }
  if (withCredentials && !sameHost) {
    const trusted = [...(knownRealmHosts[registry] ?? []), ...policy.trustedHosts];
    if (!trusted.includes(url.hostname)) {
      throw new OciError(
        'auth',
        `${registry}: refusing to send the credentials for ${registry} to the token realm ${realm} on another host; ` +
          `if ${url.hostname} is the registry's token service, trust it with ${trustedRealmsVariable}=${url.hostname}`,
      );
    }
  }
  return url;
}
