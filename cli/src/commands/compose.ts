import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { Command } from 'commander';
import {
  composeFromConfig, encodeComposition, enforcePolicy, labelOf, parseComposeConfig, plug, plugExplicit, withProvenance,
  type Composition, type ComposeInput,
} from '@weld/compose';
import { isLayout } from '@weld/oci/node';
import { interruptible, type CliIo } from '../io.js';
import { componentBytes, isRemoteComponent } from '../package-target.js';
import { UsageError } from '../report-error.js';
import { formatSize } from '../render-inspect.js';
import { assertNotWit, assertReadable } from '../paths.js';
import { checkOutputFile, writeFileAtomic } from '../output.js';

/** The options `weld compose` accepts, as commander hands them over. */
export interface ComposeOptions {
  readonly plug?: readonly string[];
  readonly into?: string;
  readonly config?: string;
  readonly output: string;
  readonly deny?: readonly string[];
  readonly allow?: readonly string[];
  readonly verbose?: boolean;
  readonly json?: boolean;
}

const repeatable = (value: string, previous: readonly string[] | undefined): string[] => [...(previous ?? []), value];

/** Registers `weld compose`: plug components into a socket, or build a composition from a configuration file. */
export function registerCompose(program: Command, io: CliIo): void {
  program
    .command('compose')
    .description('link components into one: plug exports into a socket\'s imports, or follow a weld.compose.yaml')
    .argument('[input]', 'the socket component (.wasm), or a configuration file (.yaml)')
    .option('--plug <file[#export]>', 'a component whose exports fill the socket\'s imports: a file, an OCI layout or reference, or a package name ns:pkg[@version] (repeatable)', repeatable)
    .option('--into <socket#import>', 'wire the one --plug FILE#EXPORT into this import of the socket only')
    .option('-c, --config <file>', 'a weld.compose.yaml describing components, instances and exports')
    .requiredOption('-o, --output <file>', 'where to write the composed component')
    .option('--deny <pattern>', 'fail if an import left for the host matches this glob, e.g. \'wasi:sockets/*\' (repeatable)', repeatable)
    .option('--allow <pattern>', 'allow imports matching this glob; on its own, allow nothing else (repeatable)', repeatable)
    .option('--verbose', 'also list the wiring and the plug exports nothing uses (on stderr)')
    .option('--json', 'print a summary as JSON: output, size, remaining imports and their users, bindings, warnings')
    .action(async (input: string | undefined, _options: unknown, command: Command) => {
      const options = command.opts<ComposeOptions>();
      await checkOutputFile(options.output);
      const { composition, policy } = await compositionFor(input, options, io);
      enforcePolicy(composition, {
        allow: [...policy.allow, ...(options.allow ?? [])],
        deny: [...policy.deny, ...(options.deny ?? [])],
      });
      const bytes = withProvenance(encodeComposition(composition), composition);
      await writeFileAtomic(options.output, bytes);
      for (const warning of composition.warnings) io.err(`warning: ${warning.message}\n`);
      if (options.verbose === true) io.err(verboseText(composition));
      if (options.json === true) io.out(`${JSON.stringify(summary(options.output, bytes.length, composition), null, 2)}\n`);
    });
}

interface Planned {
  readonly composition: Composition;
  readonly policy: { readonly allow: readonly string[]; readonly deny: readonly string[] };
}

const isConfigPath = (path: string): boolean => /\.ya?ml$/iu.test(path);

/** Builds the composition the command line asks for, with the policy a configuration file adds. */
async function compositionFor(input: string | undefined, options: ComposeOptions, io: CliIo): Promise<Planned> {
  const plugs = options.plug ?? [];
  const configPath = options.config ?? (input !== undefined && isConfigPath(input) ? input : undefined);
  if (configPath !== undefined) {
    if (options.config !== undefined && input !== undefined) {
      throw new UsageError(`give the socket ${input} or --config ${options.config}, not both`);
    }
    if (plugs.length > 0 || options.into !== undefined) throw new UsageError('--plug and --into do not go with a configuration file');
    await assertReadable(configPath);
    const config = await parseComposeConfig(await readFile(configPath, 'utf8'), configPath);
    const base = dirname(configPath);
    const composition = await composeFromConfig(config, async (path) => {
      const file = isAbsolute(path) ? path : join(base, path);
      await assertReadable(file);
      return readFile(file);
    });
    return { composition, policy: { allow: config.policy.allow, deny: config.policy.deny } };
  }
  if (input === undefined) throw new UsageError('give a socket component and --plug components, or a configuration file');
  if (plugs.length === 0) throw new UsageError(`nothing to plug into ${input}: give at least one --plug FILE`);
  const socket = await readInput(input);
  // `--into` names the socket as written, by file name, or by label.
  const noPolicy = { allow: [], deny: [] };
  if (options.into !== undefined) {
    if (plugs.length !== 1) throw new UsageError('--into wires exactly one --plug FILE#EXPORT');
    return { composition: await plugInto(socket, plugs[0]!, options.into, io), policy: noPolicy };
  }
  const withExport = plugs.find((p) => splitHash(p).part !== undefined);
  if (withExport !== undefined) throw new UsageError(`--plug ${withExport} names an export: wire it with --into SOCKET#IMPORT`);
  const inputs = displayNames([socket, ...(await Promise.all(plugs.map((p) => readPlug(p, io))))]);
  return { composition: plug(inputs[0]!, inputs.slice(1)), policy: noPolicy };
}

/**
 * Inputs named by their file names (`calc.wasm`), which is what the result
 * records and messages show; by their paths as given when two file names clash.
 */
function displayNames(inputs: readonly ComposeInput[]): ComposeInput[] {
  const names = inputs.map((i) => basename(i.name));
  if (new Set(names).size !== names.length) return [...inputs];
  return inputs.map((input, i) => ({ name: names[i]!, bytes: input.bytes }));
}

async function readInput(path: string): Promise<ComposeInput> {
  assertNotWit(path, 'component');
  await assertReadable(path);
  if (await isLayout(path)) throw new UsageError(`${path}: an OCI image layout, not a component`, `to get its component: weld pull ${path} -o component.wasm`);
  if ((await stat(path)).isDirectory()) throw new UsageError(`${path}: is a directory; give a .wasm file`);
  return { name: path, bytes: await readFile(path) };
}

/** A `--plug`: a file, or a layout, an OCI reference or a package name (`ns:pkg@1.2.3`) read as `weld run` reads it. */
async function readPlug(text: string, io: CliIo): Promise<ComposeInput> {
  if (!(await isRemoteComponent(text))) return readInput(text);
  return { name: text, bytes: await interruptible(io, (signal) => componentBytes(text, io, signal)) };
}

/** `file.wasm#ns:pkg/iface` → the file and the part after the last `#` (interface names have no `#`). */
function splitHash(text: string): { readonly file: string; readonly part: string | undefined } {
  const hash = text.lastIndexOf('#');
  return hash < 0 ? { file: text, part: undefined } : { file: text.slice(0, hash), part: text.slice(hash + 1) };
}

/** `--plug A.wasm#export --into SOCKET#import`: the arguments checked and the plug read, then {@link plugExplicit}. */
async function plugInto(socket: ComposeInput, plugArg: string, into: string, io: CliIo): Promise<Composition> {
  const target = splitHash(into);
  if (target.part === undefined || target.part === '') throw new UsageError(`--into ${into}: expected SOCKET#IMPORT`);
  if (![socket.name, labelOf(socket.name), labelOf(socket.name) + '.wasm'].includes(target.file)) {
    throw new UsageError(`--into ${into}: ${target.file} is not the socket ${socket.name}`);
  }
  const source = splitHash(plugArg);
  const [socketInput, plugInput] = displayNames([socket, await readPlug(source.file, io)]);
  return plugExplicit(socketInput!, plugInput!, target.part, source.part);
}

/** For `--verbose`: the wiring between instances and the plug exports nothing uses. */
function verboseText(composition: Composition): string {
  const lines: string[] = [];
  for (const b of composition.bindings) {
    if (!b.from.startsWith('import ')) lines.push(`plugged: ${b.instance} ${b.import} ← ${b.from}`);
  }
  for (const [plugName, names] of composition.unusedExports) lines.push(`unused exports of ${plugName}: ${names.join(', ')}`);
  lines.push(`imports left for the host: ${composition.graph.imports.length}`);
  return `${lines.join('\n')}\n`;
}

function summary(output: string, size: number, composition: Composition): unknown {
  return {
    output,
    size,
    sizeText: formatSize(size),
    instances: composition.graph.instances.map((i) => ({ label: i.label, component: composition.graph.defs[i.def]!.name })),
    imports: composition.graph.imports.map((i) => ({ name: i.name, users: composition.importUsers.get(i.name) ?? [] })),
    exports: composition.graph.exports.map((e) => e.name),
    bindings: composition.bindings,
    warnings: composition.warnings.map((w) => w.message),
    unusedExports: Object.fromEntries(composition.unusedExports),
  };
}
