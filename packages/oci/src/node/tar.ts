/** Tar archives in memory (tar-stream): rootfs layers and layout archives. */
import { Readable } from 'node:stream';
import { extract, pack } from 'tar-stream';
import { OciError } from '../errors.js';
import { normalizeTarPath } from '../locate.js';

/** A file to put into a tar. */
export interface TarEntry {
  readonly name: string;
  readonly data: Uint8Array;
  /** Unix permissions; 0o644 unless given. */
  readonly mode?: number;
  readonly mtime: Date;
}

/**
 * A tar of `entries` in the given order, with the parent directories each
 * needs, owned by root: the same bytes for the same input.
 */
export async function packTar(entries: readonly TarEntry[]): Promise<Uint8Array> {
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => archive.on('end', resolve).on('error', reject));
  const dirs = new Set<string>();
  const owner = { uid: 0, gid: 0, uname: '', gname: '' };
  for (const entry of entries) {
    const parts = entry.name.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) {
      const dir = `${parts.slice(0, i).join('/')}/`;
      if (dirs.has(dir)) continue;
      dirs.add(dir);
      await addEntry(archive, { name: dir, type: 'directory', mode: 0o755, mtime: entry.mtime, ...owner });
    }
    await addEntry(archive, { name: entry.name, size: entry.data.length, mode: entry.mode ?? 0o644, mtime: entry.mtime, ...owner }, entry.data);
  }
  archive.finalize();
  await done;
  return Buffer.concat(chunks);
}

function addEntry(archive: ReturnType<typeof pack>, header: Parameters<ReturnType<typeof pack>['entry']>[0], data?: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const callback = (error?: Error | null) => (error ? reject(error) : resolve());
    if (data === undefined) archive.entry(header, callback);
    else archive.entry(header, Buffer.from(data.buffer, data.byteOffset, data.length), callback);
  });
}

/** The regular files of a tar, by path without a leading `./` or `/`. */
export async function readTar(source: Uint8Array | AsyncIterable<Uint8Array>, what: string): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  const reader = extract();
  const done = new Promise<void>((resolve, reject) => {
    reader.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (header.type === 'file' || header.type === 'contiguous-file') files.set(normalizeTarPath(header.name), Buffer.concat(chunks));
        next();
      });
      stream.on('error', reject);
    });
    reader.on('finish', resolve);
    reader.on('error', (error: Error) => reject(new OciError('format', `${what}: not a readable tar: ${error.message}`)));
  });
  const input = source instanceof Uint8Array ? Readable.from([Buffer.from(source.buffer, source.byteOffset, source.length)]) : Readable.from(source);
  input.on('error', (error) => reader.destroy(error));
  input.pipe(reader);
  await done;
  return files;
}
