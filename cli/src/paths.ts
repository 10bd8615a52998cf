import { stat } from 'node:fs/promises';
import { UsageError } from './report-error.js';

/** A missing path is a typo on the command line, not a WIT error. */
export async function assertReadable(path: string): Promise<void> {
  try {
    await stat(path);
  } catch (error) {
    const reason =
      error instanceof Error && 'code' in error && error.code === 'ENOENT'
        ? 'no such file or directory'
        : error instanceof Error
          ? error.message
          : String(error);
    throw new UsageError(`cannot read '${path}': ${reason}`);
  }
}
