/**
 * How every command writes what it produces (`-o FILE`, `-o DIR`): into a
 * temporary sibling first, renamed into place only when complete, so a
 * failed or interrupted command never leaves a partial `.wasm`, layout or
 * types folder behind. The parent folder must exist: creating it silently
 * would hide a typo in the path.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, rmSync, type Stats } from 'node:fs';
import { mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileSystemReason } from './fs-errors.js';
import { UsageError } from './report-error.js';

/** `error` as a user error about writing `path`, when it is a file-system error; else `error` itself. */
function writeFailure(path: string, error: unknown): unknown {
  if (error instanceof UsageError) return error;
  const reason = fileSystemReason(error);
  return reason === undefined ? error : new UsageError(`cannot write '${path}': ${reason}`);
}

const statOrUndefined = (path: string): Promise<Stats | undefined> => stat(path).catch(() => undefined);

/** Fails with a clear message unless the folder that will hold `path` exists. */
async function assertParent(path: string): Promise<void> {
  const parent = dirname(path);
  const info = await statOrUndefined(parent);
  if (info === undefined) throw new UsageError(`cannot write '${path}': the folder '${parent}' does not exist (create it first)`);
  if (!info.isDirectory()) throw new UsageError(`cannot write '${path}': '${parent}' is a file, not a folder`);
}

/** A hidden name next to `path` that nothing else uses. */
const siblingTemp = (path: string): string => join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);

/** Temporary paths of writes in flight, removed if the process is interrupted. */
const inFlight = new Set<string>();

function interrupted(signal: NodeJS.Signals): void {
  for (const path of inFlight) rmSync(path, { recursive: true, force: true });
  // A command that handles interrupts itself (a pull, `interruptible` in
  // io.ts) stops its work, cleans up after it and exits; leave it to that.
  if (process.listenerCount(signal) > 1) return;
  process.stderr.write(`weld: interrupted by ${signal}\n`);
  // The conventional status of a process ended by a signal: 128 + its number.
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

/** Runs `work` with `temp` registered for removal on SIGINT/SIGTERM, and removes it if `work` fails. */
async function withTemp<T>(temp: string, work: () => Promise<T>): Promise<T> {
  if (inFlight.size === 0) {
    process.on('SIGINT', interrupted);
    process.on('SIGTERM', interrupted);
  }
  inFlight.add(temp);
  try {
    return await work();
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  } finally {
    inFlight.delete(temp);
    if (inFlight.size === 0) {
      process.off('SIGINT', interrupted);
      process.off('SIGTERM', interrupted);
    }
  }
}

/**
 * Checks that `path` can become an output file: its folder exists and it is
 * not a folder itself. Commands call it before slow work (a pull, a
 * composition), so a wrong `-o` fails at once.
 */
export async function checkOutputFile(path: string): Promise<void> {
  const info = await statOrUndefined(path);
  if (info?.isDirectory() === true) throw new UsageError(`cannot write '${path}': it is a folder; give a file name, such as ${join(path, 'out.wasm')}`);
  if (info === undefined) await assertParent(path);
}

/**
 * Produces the file `path`: `write` fills a file in a private temporary
 * folder next to `path` (so whatever temporary files `write` makes itself go
 * there too, and all of it is removed on failure or interruption), which is
 * then renamed to `path`. A device such as `/dev/stdout` cannot be replaced
 * by a rename, so for one the folder is in the system's temp folder and the
 * file is copied into the device.
 */
export async function produceFile<T>(path: string, write: (temp: string) => Promise<T>): Promise<T> {
  await checkOutputFile(path);
  const device = (await statOrUndefined(path))?.isFile() === false;
  try {
    const scratch = await mkdtemp(device ? join(tmpdir(), 'weld-out-') : join(dirname(path), `.${basename(path)}.`));
    return await withTemp(scratch, async () => {
      const temp = join(scratch, basename(path));
      const result = await write(temp);
      // A stream, not copyFile: libuv's copyfile unlinks the destination when
      // the copy fails, which would delete a device node such as /dev/full.
      if (device) await pipeline(createReadStream(temp), createWriteStream(path));
      else await rename(temp, path);
      await rm(scratch, { recursive: true, force: true });
      return result;
    });
  } catch (error) {
    throw writeFailure(path, error);
  }
}

/** Writes `bytes` to `path` atomically (see {@link produceFile}). */
export async function writeFileAtomic(path: string, bytes: Uint8Array | string): Promise<void> {
  await produceFile(path, (temp) => writeFile(temp, bytes));
}

/**
 * Checks that `path` can become an output folder: a folder already, or a
 * new name in a folder that exists.
 */
export async function checkOutputFolder(path: string, hint = ''): Promise<void> {
  const info = await statOrUndefined(path);
  if (info !== undefined && !info.isDirectory()) throw new UsageError(`cannot write into '${path}': it is a file, not a folder${hint}`);
  if (info === undefined) await assertParent(path);
}

/** Whether the folder `path` has nothing in it. */
export async function isEmptyFolder(path: string): Promise<boolean> {
  return (await readdir(path)).length === 0;
}

/**
 * Produces the folder `path`. A new folder is filled by `fill` under a
 * temporary sibling name and renamed into place when complete; an existing
 * one is filled in place, and `fill` must then write each file atomically.
 */
export async function produceFolder<T>(path: string, fill: (dir: string) => Promise<T>): Promise<T> {
  await checkOutputFolder(path);
  try {
    if (await statOrUndefined(path)) return await fill(path);
    const temp = siblingTemp(path);
    return await withTemp(temp, async () => {
      const result = await fill(temp);
      await rename(temp, path);
      return result;
    });
  } catch (error) {
    throw writeFailure(path, error);
  }
}
