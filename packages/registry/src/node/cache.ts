/**
 * The content cache: package bytes on disk under their digest
 * (`$XDG_CACHE_HOME/weld/packages`, else `~/.cache/weld/packages`), so a
 * locked package is read without the network. An entry is written to a
 * temporary sibling and renamed, and checked again when read: a corrupt one
 * is a miss, never content.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { sha256 } from '@weld/oci';
import type { PackageCache } from '../registry.js';

/** The cache folder that applies in `env`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env['XDG_CACHE_HOME'] !== undefined && env['XDG_CACHE_HOME'] !== '' ? env['XDG_CACHE_HOME'] : join(homedir(), '.cache');
  return join(base, 'weld', 'packages');
}

/** Package bytes by digest, in a folder. */
export class ContentCache implements PackageCache {
  readonly dir: string;

  constructor(dir: string = defaultCacheDir()) {
    this.dir = dir;
  }

  /** The folder, for messages. */
  get name(): string {
    return this.dir;
  }

  #path(digest: string): string {
    return join(this.dir, digest.replace(':', '-'));
  }

  /** The bytes stored under `digest`, when they are there and still have that digest. */
  async get(digest: string): Promise<Uint8Array | undefined> {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(this.#path(digest));
    } catch {
      return undefined;
    }
    return sha256(bytes) === digest ? bytes : undefined;
  }

  /** Stores `bytes`, whose digest the caller has checked to be `digest`. */
  async put(digest: string, bytes: Uint8Array): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const path = this.#path(digest);
    const temp = `${path}.${randomBytes(6).toString('hex')}.partial`;
    try {
      await writeFile(temp, bytes);
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }
}
