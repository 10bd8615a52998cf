import type { Command } from 'commander';
import { registrySource, type ImageSource } from '@weld/oci';
import { layoutSource, pullToLayout, pullWasm } from '@weld/oci/node';
import { interruptible, type CliIo } from '../io.js';
import { UsageError } from '../report-error.js';
import { allRegistryFlags, classify, progress, registryClient, transferLimits, type RegistryFlags } from '../oci-options.js';
import { formatSize } from '../render-inspect.js';
import { resolveTarget, type ResolvedTarget } from '../package-target.js';
import { checkOutputFile, produceFile } from '../output.js';
import { checkLayoutOutput, layoutOutput } from '../layout-output.js';

/** The options `weld pull` accepts. */
export interface PullCommandOptions extends RegistryFlags {
  readonly output: string;
}

/** Registers `weld pull REF -o FILE.wasm|DIR`. */
export function registerPull(program: Command, io: CliIo): void {
  allRegistryFlags(
    program
      .command('pull')
      .description('pull a component from a registry (or a layout): the .wasm, or the whole image into a layout')
      .argument('<ref>', 'host[:port]/repository[:tag|@digest], an image layout, or a package name ns:pkg[@version]')
      .requiredOption('-o, --output <file.wasm|dir>', 'a .wasm file gets the binary; any other path becomes an image layout'),
  ).action(async (ref: string, _options: unknown, command: Command) => {
    const options = command.opts<PullCommandOptions>();
    io.out(await interruptible(io, (signal) => runPull(ref, options, io, signal)));
  });
}

/** Where `resolved` reads from: a registry (within the flags' transfer limits, stopped by `signal`) or a local layout. */
export async function imageSource(resolved: ResolvedTarget, options: RegistryFlags, io: CliIo, signal: AbortSignal = new AbortController().signal): Promise<ImageSource> {
  const target = await classify(resolved.text);
  if (target.kind === 'file') throw new UsageError(`${resolved.text}: a file, not a reference or an image layout`);
  if (target.kind === 'layout') return layoutSource(target.path, target.ref);
  return registrySource(await registryClient(target.ref, options, io, transferLimits(options, io, signal), { access: resolved.access }), target.ref);
}

/**
 * Pulls `refText` and returns the text to print. When it fails or `signal`
 * fires, nothing is left at the output: no .wasm, no partial blob, no layout
 * folder that it created.
 */
export async function runPull(refText: string, options: PullCommandOptions, io: CliIo, signal?: AbortSignal): Promise<string> {
  const wasm = options.output.endsWith('.wasm');
  await (wasm ? checkOutputFile(options.output) : checkLayoutOutput(options.output, '; to pull only the binary, name a .wasm file'));
  const resolved = await resolveTarget(refText, io, signal);
  const source = await imageSource(resolved, options, io, signal);
  const bars = progress(options.json, 'pull', io);
  try {
    if (wasm) {
      const pulled = await produceFile(options.output, (temp) => pullWasm(source, temp, bars.onTransfer));
      bars.stop();
      const result = { reference: source.name, digest: pulled.manifestDescriptor.digest, layer: pulled.layer.digest, mediaType: pulled.layer.mediaType, file: options.output, size: pulled.size };
      if (options.json === true) return `${JSON.stringify(result, null, 2)}\n`;
      return `pulled ${source.name} (${pulled.manifestDescriptor.digest})\n  ${options.output}: ${formatSize(pulled.size)} from ${pulled.layer.mediaType} ${pulled.layer.digest}\n`;
    }
    const tag = tagOf(resolved.text);
    const result = await layoutOutput(options.output, (dir) => pullToLayout(source, dir, tag, bars.onTransfer));
    bars.stop();
    if (options.json === true) return `${JSON.stringify({ reference: source.name, layout: options.output, tag, ...result }, null, 2)}\n`;
    return `pulled ${source.name} (${result.digest}) into the layout ${options.output}${tag === undefined ? '' : ` as ${tag}`}\n  blobs: ${result.downloaded} downloaded (${formatSize(result.bytes)}), ${result.cached} already there\n`;
  } finally {
    bars.stop();
  }
}

/** The tag a pulled image gets in the layout: the reference's, none for a digest. */
function tagOf(text: string): string | undefined {
  if (text.includes('@')) return undefined;
  const colon = text.lastIndexOf(':');
  return colon > text.lastIndexOf('/') ? text.slice(colon + 1) : 'latest';
}
