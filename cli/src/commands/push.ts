import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import {
  createdOf, defaultFileLayer, fileArtifact, looksLikeReference, manifestReference, OciError, parseReference, pushImage, withSubject, type Descriptor,
  type OciImage, type Reference, type RegistryClient,
} from '@weld/oci';
import { fileBlob, openLayout, readImage, selectRoot } from '@weld/oci/node';
import { interruptible, type CliIo } from '../io.js';
import { UsageError } from '../report-error.js';
import {
  allRegistryFlags, classify, packageFlags, packageOptions, parseSize, progress, withInput, registryClient, transferLimits, type PackageFlags, type RegistryFlags,
} from '../oci-options.js';
import { formatSize } from '../render-inspect.js';
import { packageFile } from './package.js';

/** The options `weld push` accepts. */
export interface PushCommandOptions extends PackageFlags, RegistryFlags {
  readonly format: string;
  readonly layer: string;
  readonly chunkSize?: string;
  readonly mountFrom?: string;
  readonly subject?: string;
  readonly artifactType?: string;
}

/** Registers `weld push FILE|LAYOUT REF`. */
export function registerPush(program: Command, io: CliIo): void {
  allRegistryFlags(
    packageFlags(
      program
        .command('push')
        .description('push a component (packaged on the fly) or an image layout to a registry')
        .argument('<source>', 'a .wasm file, or an image layout (directory or .tar, optionally LAYOUT:TAG); with --artifact-type, any FILE[:MEDIATYPE]')
        .argument('<ref>', 'where to: host[:port]/repository[:tag] (with --subject and no tag: untagged)')
        .option('--format <format>', 'for a .wasm: wasm (CNCF Wasm artifact) or docker (wasi/wasm image)', 'wasm')
        .option('--layer <kind>', 'with --format docker: rootfs or component', 'rootfs')
        .option('--chunk-size <size>', 'upload every blob larger than this in chunks of this size (e.g. 5m); default: one request per blob up to 64 MiB, chunks of 64 MiB above')
        .option('--mount-from <repository>', 'mount blobs from this repository of the same registry instead of uploading them')
        .option('--subject <tag|digest|ref>', 'attach to this manifest of the same repository (like `oras attach`): the pushed artifact refers to it, and `weld inspect REF --referrers` lists it')
        .option('--artifact-type <type>', 'push SOURCE as a plain file of this artifact type (a signature, an SBOM, …) instead of packaging a component'),
    ),
  ).action(async (source: string, ref: string, _options: unknown, command: Command) => {
    const options = command.opts<PushCommandOptions>();
    io.out(await interruptible(io, (signal) => runPush(source, ref, options, io, signal)));
  });
}

/** Pushes `source` to `refText` and returns the text to print. */
export async function runPush(source: string, refText: string, options: PushCommandOptions, io: CliIo, signal: AbortSignal = new AbortController().signal): Promise<string> {
  // Docker would read `repo:tag` as Docker Hub's; weld never guesses a registry to upload to.
  if (!looksLikeReference(refText)) {
    throw new UsageError(`${refText}: a reference needs the registry's host: host[:port]/repository[:tag]`, `for Docker Hub: docker.io/library/${refText}`);
  }
  let ref = parseReference(refText);
  // An attached artifact is pushed by digest unless REF names a tag.
  if (options.subject !== undefined && ref.digest === undefined && !/:[^/]*$/.test(refText)) ref = { registry: ref.registry, repository: ref.repository };
  const chunkSize = options.chunkSize === undefined ? undefined : parseSize(options.chunkSize, '--chunk-size');
  const client = await registryClient(ref, options, io, transferLimits(options, io, signal), chunkSize === undefined ? {} : { chunkSize });
  const subject = options.subject === undefined ? undefined : await resolveSubject(client, ref, options.subject);
  let image: OciImage;
  if (options.artifactType !== undefined) {
    image = await plainArtifact(source, options.artifactType, subject, options);
  } else {
    const target = await classify(source);
    if (target.kind === 'reference') throw new UsageError(`${source}: push takes a .wasm file or a layout; to copy between registries use skopeo or oras`);
    if (target.kind === 'layout') {
      const layout = await openLayout(target.path);
      image = await readImage(layout, selectRoot(layout, target.ref));
    } else {
      image = await packageFile(target.path, options);
    }
    if (subject !== undefined) image = withSubject(image, subject);
  }
  const bars = progress(options.json, 'push', io);
  let result;
  try {
    result = await pushImage(client, ref, image, {
      ...(options.mountFrom !== undefined && { mountFrom: options.mountFrom }),
      ...(bars.onTransfer && { onTransfer: bars.onTransfer }),
    });
  } catch (error) {
    if (error instanceof OciError && error.kind === 'network' && error.transient) {
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
  const attached = subject === undefined ? '' : `\n  subject: ${subject.digest}`;
  return `pushed ${result.reference}\n  blobs: ${blobs.join(', ') || 'none'}${attached}\n`;
}

/** The manifest `--subject` names: a digest or tag in `ref`'s repository, or a reference to it. */
async function resolveSubject(client: RegistryClient, ref: Reference, text: string): Promise<Descriptor> {
  let reference = text;
  if (looksLikeReference(text)) {
    const subject = parseReference(text);
    if (subject.registry !== ref.registry || subject.repository !== ref.repository) {
      throw new UsageError(`--subject ${text}: must be in ${ref.registry}/${ref.repository}, where the artifact goes (referrers are per repository)`);
    }
    reference = manifestReference(subject);
  }
  return (await client.getManifest(ref.repository, reference)).descriptor;
}

/** `FILE[:MEDIATYPE]` as an artifact of `artifactType` (oras's form; the layer type defaults to oras's). */
async function plainArtifact(source: string, artifactType: string, subject: Descriptor | undefined, options: PushCommandOptions): Promise<OciImage> {
  let path = source;
  let mediaType = defaultFileLayer;
  const colon = source.lastIndexOf(':');
  if (!existsSync(source) && colon > 0 && existsSync(source.slice(0, colon))) {
    path = source.slice(0, colon);
    mediaType = source.slice(colon + 1);
  }
  const flags = packageOptions(path, options);
  return fileArtifact([{ name: options.title ?? basename(path), mediaType, bytes: await withInput(path, (file) => fileBlob(file)) }], {
    artifactType,
    ...(subject !== undefined && { subject }),
    created: createdOf(flags),
    ...(flags.annotations !== undefined && { annotations: flags.annotations }),
  });
}
