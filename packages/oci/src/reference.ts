/**
 * Image references: `host[:port]/repo/path[:tag][@sha256:…]`, parsed the way
 * Docker does (a first component with a `.` or `:`, or `localhost`, is the
 * registry; otherwise Docker Hub, with `library/` for one-word names).
 */
import { isDigest } from './digest.js';
import { OciError } from './errors.js';
import type { Digest } from './model.js';

/** A parsed reference. At least one of `tag` and `digest` is set (`latest` when neither was written). */
export interface Reference {
  /** `host[:port]`, as it is addressed (`registry-1.docker.io` for Docker Hub). */
  readonly registry: string;
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: Digest;
}

const dockerHub = 'registry-1.docker.io';
const componentPattern = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const tagPattern = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

const looksLikeHost = (part: string): boolean => part.includes('.') || part.includes(':') || part === 'localhost';

/** Parses `text`; throws a `reference` error that says what is wrong. */
export function parseReference(text: string): Reference {
  const fail = (why: string): never => {
    throw new OciError('reference', `${JSON.stringify(text)} is not an image reference: ${why}`);
  };
  let rest = text;
  let digest: Digest | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    const d = rest.slice(at + 1);
    if (!isDigest(d)) fail(`${JSON.stringify(d)} is not a sha256 digest`);
    digest = d as Digest;
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!tagPattern.test(tag)) fail(`${JSON.stringify(tag)} is not a valid tag`);
  }
  const parts = rest.split('/');
  let registry = dockerHub;
  if (parts.length > 1 && looksLikeHost(parts[0]!)) registry = parts.shift()!;
  else if (registry === dockerHub && parts.length === 1) parts.unshift('library');
  if (registry === 'docker.io' || registry === 'index.docker.io') registry = dockerHub;
  for (const part of parts) if (!componentPattern.test(part)) fail(`${JSON.stringify(part)} is not a valid repository name component (lowercase letters, digits, . _ -)`);
  if (parts.length === 0 || parts.join('/') === '') fail('no repository');
  return { registry, repository: parts.join('/'), ...(tag === undefined && digest === undefined ? { tag: 'latest' } : tag !== undefined && { tag }), ...(digest && { digest }) };
}

/**
 * Whether `text` names a registry explicitly (`host[:port]/repo…`): how the
 * CLI tells a reference from a file path that does not exist.
 */
export function looksLikeReference(text: string): boolean {
  const slash = text.indexOf('/');
  if (slash <= 0 || text.startsWith('.') || text.includes('\\')) return false;
  if (!looksLikeHost(text.slice(0, slash))) return false;
  try {
    parseReference(text);
    return true;
  } catch {
    return false;
  }
}

/** The reference as text (`host/repo:tag@digest`). */
export function formatReference(ref: Reference): string {
  return `${ref.registry}/${ref.repository}${ref.tag === undefined ? '' : `:${ref.tag}`}${ref.digest === undefined ? '' : `@${ref.digest}`}`;
}

/** What the manifest endpoint is asked for: the digest when there is one, else the tag. */
export const manifestReference = (ref: Reference): string => ref.digest ?? ref.tag ?? 'latest';

/** Whether `host` (with or without a port) is this machine, where plain HTTP is allowed. */
export function isLoopback(host: string): boolean {
  const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '');
  return name === 'localhost' || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(name) || name.endsWith('.localhost');
}
