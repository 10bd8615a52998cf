import { existsSync } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { fileSystemReason } from './fs-errors.js';
import { InputError, UsageError } from './report-error.js';

/** A missing path is a typo on the command line, not a WIT error. */
export async function assertReadable(path: string): Promise<void> {
  try {
    await stat(path);
  } catch (error) {
    const reason = fileSystemReason(error) ?? (error instanceof Error ? error.message : String(error));
    throw new UsageError(`cannot read '${path}': ${reason}`);
  }
}

/** Fails when `path` is a `.wit` file given where a WebAssembly `wanted` (binary, component) goes, pointing at `weld wit`. */
export function assertNotWit(path: string, wanted: string): void {
  if (/\.wit$/iu.test(path) && existsSync(path)) throw new InputError(`${path}: a WIT file, not a WebAssembly ${wanted}`, `to read it: weld wit ${path}`);
}

/** Whether `path` is a file that starts with the WebAssembly magic number. */
export async function isWasmFile(path: string): Promise<boolean> {
  if (!(await stat(path)).isFile()) return false;
  const handle = await open(path);
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    return bytesRead === 4 && buffer.equals(Buffer.from([0, 0x61, 0x73, 0x6d]));
  } finally {
    await handle.close();
  }
}

/** Fails when the folder `path` holds no `.wit` file: the WIT error would not name the folder. */
export async function assertWitFolder(path: string): Promise<void> {
  if (!(await stat(path)).isDirectory()) return;
  if (!(await readdir(path)).some((name) => name.endsWith('.wit'))) throw new UsageError(`${path}: no .wit files in this folder`);
}
