/**
 * What a request can be authorized with, and where that comes from:
 * nothing, or credentials the caller holds. Docker's `config.json` and its
 * credential helpers are in `@weld/oci/node`.
 */

/** What a request can be authorized with. */
export type Credentials =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'basic'; readonly username: string; readonly password: string }
  /** An OAuth2 refresh token (`identitytoken`, or a helper's `<token>` user). */
  | { readonly kind: 'identity-token'; readonly token: string };

/** Finds the credentials for a registry host (`host[:port]`). */
export type CredentialSource = (registry: string) => Promise<Credentials>;

/** Always anonymous. */
export const anonymous: CredentialSource = async () => ({ kind: 'anonymous' });

/** The same credentials for every registry. */
export const staticCredentials =
  (credentials: Credentials): CredentialSource =>
  async () =>
    credentials;
