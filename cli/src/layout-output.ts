/** `-o DIR` of `weld package` and `weld pull`: a new OCI image layout, or one to add to. */
import { existsSync } from 'node:fs';
import { isLayout } from '@weld/oci/node';
import { checkOutputFolder, isEmptyFolder, produceFolder } from './output.js';
import { UsageError } from './report-error.js';

/**
 * Fails unless `path` can take a layout: a new folder, an empty one, or a
 * layout already (added to). Any other folder would get blobs strewn into it.
 */
export async function checkLayoutOutput(path: string, hint = ''): Promise<void> {
  await checkOutputFolder(path, hint);
  if (!existsSync(path) || (await isEmptyFolder(path)) || (await isLayout(path))) return;
  throw new UsageError(`cannot write a layout into '${path}': a folder that is neither empty nor an OCI image layout (it has no oci-layout file)`);
}

/** Writes a layout at `path` with `fill`: a new one whole, or into an existing one (see `produceFolder`). */
export async function layoutOutput<T>(path: string, fill: (dir: string) => Promise<T>): Promise<T> {
  await checkLayoutOutput(path);
  return produceFolder(path, fill);
}
