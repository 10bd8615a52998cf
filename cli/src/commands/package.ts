import type { Command } from 'commander';
import { BinaryError } from '@weld/component';
import { parseManifest, type OciImage } from '@weld/oci';
import { dockerImage, layoutTar, wasmFileArtifact, writeLayout } from '@weld/oci/node';
import type { CliIo } from '../io.js';
import { InputError, UsageError } from '../report-error.js';
import { packageFlags, packageOptions, readInput, withInput, type PackageFlags } from '../oci-options.js';
import { formatSize } from '../render-inspect.js';
import { checkOutputFile, writeFileAtomic } from '../output.js';
import { checkLayoutOutput, layoutOutput } from '../layout-output.js';

/** The options `weld package` accepts. */
export interface PackageCommandOptions extends PackageFlags {
  readonly format: string;
  readonly layer: string;
  readonly output: string;
  readonly tag: string;
  readonly json?: boolean;
}

/** Registers `weld package FILE -o DIR|FILE.tar`: a component as an OCI image layout, no registry needed. */
export function registerPackage(program: Command, io: CliIo): void {
  packageFlags(
    program
      .command('package')
      .description('package a component or module as an OCI artifact in an image layout (a directory, or a .tar)')
      .argument('<file>', 'the component or core module (.wasm)')
      .requiredOption('-o, --output <dir|file.tar>', 'the layout directory (created or added to), or a .tar of one')
      .option('--format <format>', 'wasm: the CNCF Wasm artifact (wkg, wash, wasmCloud); docker: a wasi/wasm image (Docker, runwasi)', 'wasm')
      .option('--layer <kind>', 'with --format docker: rootfs (a tar holding the file) or component (the runwasi wasm layer)', 'rootfs')
      .option('-t, --tag <tag>', 'the name the layout gives the image', 'latest'),
  )
    .option('--json', 'print the digests and sizes as JSON')
    .action(async (file: string, _options: unknown, command: Command) => {
      io.out(await runPackage(file, command.opts<PackageCommandOptions>()));
    });
}

/** Packages `file`, writes the layout and returns the text to print. */
export async function runPackage(file: string, options: PackageCommandOptions): Promise<string> {
  if (options.format !== 'wasm' && options.format !== 'docker') throw new UsageError(`--format ${options.format}: expected wasm or docker`);
  if (options.layer !== 'rootfs' && options.layer !== 'component') throw new UsageError(`--layer ${options.layer}: expected rootfs or component`);
  const tar = options.output.endsWith('.tar');
  await (tar ? checkOutputFile(options.output) : checkLayoutOutput(options.output, '; to write a tar of the layout, name a .tar file'));
  const image = await packageFile(file, options);
  if (tar) await writeFileAtomic(options.output, await layoutTar(image, options.tag));
  else await layoutOutput(options.output, (dir) => writeLayout(dir, image, options.tag));
  const summary = imageSummary(image);
  if (options.json === true) return `${JSON.stringify({ output: options.output, tag: options.tag, format: options.format, ...summary }, null, 2)}\n`;
  const lines = [`packaged ${file} as ${options.format === 'wasm' ? 'a CNCF Wasm artifact' : `a wasi/wasm image (${options.layer} layer)`} in ${options.output} (tag ${options.tag})`];
  lines.push(`  ${summary.mediaType.padEnd(44)} ${summary.digest}  ${formatSize(summary.size)}`);
  for (const blob of summary.blobs) lines.push(`  ${blob.mediaType.padEnd(44)} ${blob.digest}  ${formatSize(blob.size)}`);
  return `${lines.join('\n')}\n`;
}

/** Builds the artifact `options.format` names from `file`. */
export async function packageFile(file: string, options: PackageFlags & { readonly format?: string; readonly layer?: string }): Promise<OciImage> {
  try {
    const packageOpts = packageOptions(file, options);
    // The CNCF artifact's layer is the file itself, streamed from disk; the Docker forms wrap it, in memory.
    if (options.format !== 'docker') return await withInput(file, (path) => wasmFileArtifact(path, packageOpts));
    return await dockerImage(await readInput(file), packageOpts, options.layer === 'component' ? 'component' : 'rootfs');
  } catch (error) {
    if (error instanceof BinaryError) throw new InputError(`${file}: ${error.message}`);
    throw error;
  }
}

/** The root and every other blob of `image`, for printing. */
export function imageSummary(image: OciImage): { digest: string; mediaType: string; size: number; blobs: { mediaType: string; digest: string; size: number }[] } {
  const blobs: { mediaType: string; digest: string; size: number }[] = [];
  const walk = (digest: string, mediaType: string): void => {
    const bytes = image.blobs.get(digest as `sha256:${string}`);
    if (bytes === undefined) return;
    const parsed = parseManifest(bytes, mediaType, digest);
    const children = parsed.kind === 'index' ? parsed.index.manifests : [parsed.manifest.config, ...parsed.manifest.layers];
    for (const child of children) {
      blobs.push({ mediaType: child.mediaType, digest: child.digest, size: child.size });
      if (parsed.kind === 'index') walk(child.digest, child.mediaType);
    }
  };
  walk(image.root.digest, image.root.mediaType);
  return { digest: image.root.digest, mediaType: image.root.mediaType, size: image.root.size, blobs };
}
