/**
 * The build cache: `.weld/cache/build/KEY/` holds `component.wasm` and
 * `build.json` (what was built, how long it took). Entries are written to a
 * temporary folder and renamed into place, so concurrent builds never see
 * half an entry. A component keeps its newest few entries, so switching a
 * source back and forth stays cached.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What `build.json` of a cache entry records. */
export interface CacheRecord {
  readonly name: string;
  readonly language: string;
  readonly sourceKey: string;
  readonly toolchains: readonly string[];
  readonly seconds: number;
}

/** How many entries of one component name are kept. */
const keptPerName = 4;

/** The build cache under `dir` (`.weld/cache/build`). */
export class BuildCache {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  /** The cached component for `key`, if there is one. */
  lookup(key: string): string | undefined {
    const file = join(this.dir, key, 'component.wasm');
    return existsSync(file) && existsSync(join(this.dir, key, 'build.json')) ? file : undefined;
  }

  /** Stores a component under `key`; returns its path. */
  store(key: string, bytes: Uint8Array, record: CacheRecord): string {
    const final = join(this.dir, key);
    const staging = join(this.dir, `.tmp-${key}-${process.pid}`);
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    writeFileSync(join(staging, 'component.wasm'), bytes);
    writeFileSync(join(staging, 'build.json'), `${JSON.stringify(record, null, 2)}\n`);
    rmSync(final, { recursive: true, force: true });
    renameSync(staging, final);
    this.#prune(record.name, key);
    return join(final, 'component.wasm');
  }

  /** Drops all but the newest entries of component `name`. */
  #prune(name: string, keep: string): void {
    const mine: { key: string; time: number }[] = [];
    for (const key of readdirSync(this.dir)) {
      if (key.startsWith('.') || key === keep) continue;
      try {
        const record = JSON.parse(readFileSync(join(this.dir, key, 'build.json'), 'utf8')) as CacheRecord;
        if (record.name === name) mine.push({ key, time: statSync(join(this.dir, key)).mtimeMs });
      } catch {
        // not an entry (or being written): leave it
      }
    }
    mine.sort((a, b) => b.time - a.time);
    for (const { key } of mine.slice(keptPerName - 1)) rmSync(join(this.dir, key), { recursive: true, force: true });
  }
}
