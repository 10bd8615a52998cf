/**
 * What the core needs to know about where it runs, read without Node's
 * types or modules: the process environment (Node has one, a page does
 * not) and whether `fetch` can stream a request body over HTTP/1.1 (Node's
 * can; a browser streams one only over HTTP/2, and some not at all).
 */

/** Environment variables, as `process.env` holds them. */
export type Environment = Readonly<Record<string, string | undefined>>;

interface NodeLike {
  readonly process?: { readonly env?: Environment; readonly versions?: { readonly node?: string } };
}

/** The process environment on Node; empty in a page. */
export const processEnv = (): Environment => (globalThis as NodeLike).process?.env ?? {};

/** Whether this is Node (or a runtime that answers as Node does), whose `fetch` streams request bodies. */
export const streamsRequestBodies = (): boolean => typeof (globalThis as NodeLike).process?.versions?.node === 'string';
