import type { Command } from 'commander';
import { openLayout, OciError, parseReference, pushImage, readImage, selectRoot, type OciImage } from '@weld/oci';
import type { CliIo } from '../io.js';
import { UsageError } from '../report-error.js';
import { classify, packageFlags, parseSize, progress, registryClient, registryFlags, type PackageFlags, type RegistryFlags } from '../oci-options.js';
import { formatSize } from '../render-inspect.js';
import { packageFile } from './package.js';

/** The options `weld push` accepts. */
export interface PushCommandOptions extends PackageFlags, RegistryFlags {
  readonly format: string;
  readonly layer: string;
  readonly chunkSize?: string;
  readonly mountFrom?: string;
}

/** Registers `weld push FILE|LAYOUT REF`. */
export function registerPush(program: Command, io: CliIo): void {
  registryFlags(
    packageFlags(
      program
        .command('push')
        .description('push a component (packaged on the fly) or an image layout to a registry')
        .argument('<source>', 'a .wasm file, or an image layout (directory or .tar, optionally LAYOUT:TAG)')
        .argument('<ref>', 'where to: host[:port]/repository[:tag]')
        .option('--format <format>', 'for a .wasm: wasm (CNCF Wasm artifact) or docker (wasi/wasm image)', 'wasm')
        .option('--layer <kind>', 'with --format docker: rootfs or component', 'rootfs')
        .option('--chunk-size <size>', 'upload in chunks of this size (e.g. 5m); default: one request per blob, which every registry handles')
        .option('--mount-from <repository>', 'mount blobs from this repository of the same registry instead of uploading them'),
    ),
  ).action(async (source: string, ref: string, _options: unknown, command: Command) => {
    io.out(await runPush(source, ref, command.opts<PushCommandOptions>(), io));
  });
}

/** Pushes `source` to `refText` and returns the text to print. */
export async function runPush(source: string, refText: string, options: PushCommandOptions, io: CliIo): Promise<string> {
  const ref = parseReference(refText);
  const chunkSize = options.chunkSize === undefined ? undefined : parseSize(options.chunkSize, '--chunk-size');
  const target = await classify(source);
  let image: OciImage;
  if (target.kind === 'reference') throw new UsageError(`${source}: push takes a .wasm file or a layout; to copy between registries use skopeo or oras`);
  if (target.kind === 'layout') {
    const layout = await openLayout(target.path);
    image = await readImage(layout, selectRoot(layout, target.ref));
  } else {
    image = await packageFile(target.path, options);
  }
  const client = await registryClient(ref, options, io, chunkSize === undefined ? {} : { chunkSize });
  const bars = progress(options.json, 'push');
  let result;
  try {
    result = await pushImage(client, ref, image, {
      ...(options.mountFrom !== undefined && { mountFrom: options.mountFrom }),
      ...(bars.onTransfer && { onTransfer: bars.onTransfer }),
    });
  } catch (error) {
    if (error instanceof OciError && error.kind === 'network') {
      throw new OciError('network', `${error.message}; nothing was tagged. Run the push again: blobs already uploaded are skipped`);
    }
    throw error;
  } finally {
    bars.stop();
  }
  if (options.json === true) return `${JSON.stringify(result, null, 2)}\n`;
  const blobs = [
    result.uploaded > 0 ? `${result.uploaded} uploaded (${formatSize(result.bytesUploaded)})` : undefined,
    result.skipped > 0 ? `${result.skipped} already there` : undefined,
    result.mounted > 0 ? `${result.mounted} mounted` : undefined,
  ].filter((s) => s !== undefined);
  return `pushed ${result.reference}\n  blobs: ${blobs.join(', ') || 'none'}\n`;
}
