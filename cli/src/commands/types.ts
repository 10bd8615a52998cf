import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve as resolvePath } from 'node:path';
import type { Command } from 'commander';
import type { GeneratedFile, TypesInput } from '@weld/bindgen';
import { didYouMean } from '@weld/build';
import { loadWit } from '@weld/wit/node';
import { interruptible, type CliIo } from '../io.js';
import { componentBytes, isRemoteComponent } from '../package-target.js';
import { InputError, reportError, UsageError } from '../report-error.js';
import { assertReadable, assertWitFolder, isWasmFile } from '../paths.js';
import { inspectBytes, reportWit } from '../binary-wit.js';
import { checkOutputFolder, produceFolder, writeFileAtomic } from '../output.js';
import { addFeatureOptions, checkFeatures, loadOptions, type FeatureOptions } from '../wit-options.js';

/** The options `weld types` accepts. */
export interface TypesCommandOptions extends FeatureOptions {
  readonly world?: string;
  readonly guest?: boolean;
  readonly host?: boolean;
  readonly out?: string;
  readonly watch?: boolean;
}

/** Registers `weld types PATH`: TypeScript declarations for a guest or a host of a world. */
export function registerTypes(program: Command, io: CliIo): void {
  const command = program
    .command('types')
    .description('generate TypeScript declarations from WIT: for a componentize-js guest (--guest) or a jco host (--host)')
    .argument('<path>', 'a .wit file, a folder of .wit files with deps/, or a component: a .wasm file, an OCI layout or reference, or a package name ns:pkg[@version]')
    .option('--world <name>', 'the world: a name in the package, or ns:pkg/world@version')
    .option('--guest', 'declarations for the component itself, written in TypeScript for componentize-js')
    .option('--host', 'declarations for a host of the component transpiled by `jco transpile --instantiation`')
    .requiredOption('-o, --out <dir>', 'the folder to write the .d.ts files to')
    .option('--watch', 'generate again whenever a .wit file under PATH changes');
  addFeatureOptions(command).action(async (path: string, _options: unknown, command: Command) => {
      const options = command.opts<TypesCommandOptions>();
      if (options.watch === true && (await isRemoteComponent(path))) throw new UsageError(`--watch needs a .wit file, a WIT folder or a .wasm file, not ${path}`);
      const written = await runTypes(path, options, io);
      io.out(summary(written, options));
      if (options.watch === true) await watchTypes(path, options, io);
    });
}

function summary(files: readonly GeneratedFile[], options: TypesCommandOptions): string {
  return `${files.map((f) => `${join(options.out ?? '.', f.path)}\n`).join('')}`;
}

/** Generates the declarations of `path` and writes them to `options.out`; returns what it wrote. */
export async function runTypes(path: string, options: TypesCommandOptions, io?: CliIo): Promise<GeneratedFile[]> {
  if ((options.guest === true) === (options.host === true)) throw new UsageError('choose one of --guest and --host');
  const remote = io !== undefined && (await isRemoteComponent(path));
  if (!remote) await assertReadable(path);
  const out = options.out ?? '.';
  await checkOutputFolder(out);
  const input = remote ? wasmInput(path, await interruptible(io, (signal) => componentBytes(path, io, signal))) : await readInput(path, options);
  // Loaded on demand: the generator brings ts-morph, which the other commands do not need.
  const { BindgenError, generateTypes } = await import('@weld/bindgen');
  let files: GeneratedFile[];
  try {
    files = generateTypes(input, { mode: options.guest === true ? 'guest' : 'host', ...(options.world === undefined ? {} : { world: options.world }) });
  } catch (error) {
    if (error instanceof BindgenError) {
      const typo = error.detail.kind === 'world-not-found' ? didYouMean(error.detail.requested, shortWorldNames(error.detail.known)) : undefined;
      throw new InputError(`${path}: ${error.message}`, typo === undefined ? undefined : `did you mean ${typo}?`);
    }
    throw error;
  }
  await produceFolder(out, async (dir) => {
    for (const file of files) {
      const target = join(dir, file.path);
      // Folders inside the output are the generator's own layout, so they are made here.
      await mkdir(dirname(target), { recursive: true });
      // Unchanged files are left alone, so watchers downstream (tsc -w) see only real changes.
      const previous = await readFile(target, 'utf8').catch(() => undefined);
      if (previous !== file.text) await writeFileAtomic(target, file.text);
    }
  });
  return files;
}

/** `ns:pkg/world@1.0.0` as `world`, the way `--world` is usually written, next to the full names. */
function shortWorldNames(known: readonly string[]): string[] {
  return [...known, ...known.map((name) => name.replace(/^.*\//u, '').replace(/@.*$/u, ''))];
}

/** A WIT file or folder, or a component binary (its own world; a WIT package binary, its package). */
/** A binary read as `weld inspect --wit` reads it, so a core module with an embedded world works too. */
function wasmInput(path: string, bytes: Uint8Array): TypesInput {
  const decoded = reportWit(path, inspectBytes(path, bytes));
  return decoded.kind === 'component'
    ? { resolve: decoded.resolve, package: decoded.package, world: decoded.world }
    : { resolve: decoded.resolve, package: decoded.package };
}

async function readInput(path: string, options: TypesCommandOptions): Promise<TypesInput> {
  if (await isWasmFile(path)) return wasmInput(path, await readFile(path));
  await assertWitFolder(path);
  const loaded = await loadWit(path, loadOptions(options));
  checkFeatures(options, loaded.resolve, path);
  return { resolve: loaded.resolve, package: loaded.main };
}


/**
 * Regenerates on every change of a `.wit` file (or a `.wat`/`.wasm` package) under `path` (or of `path`
 * itself), until the process is stopped. chokidar rather than `fs.watch`:
 * recursive `fs.watch` is missing on Linux before Node 20.13 and reports
 * editors' save-by-rename inconsistently; chokidar evens both out.
 */
async function watchTypes(path: string, options: TypesCommandOptions, io: CliIo): Promise<void> {
  const { watch } = await import('chokidar');
  const root = resolvePath(path);
  const watcher = watch(root, {
    ignoreInitial: true,
    ignored: (file, stats) => stats?.isFile() === true && file !== root && !/\.(wit|wat|wasm)$/.test(file),
  });
  let timer: NodeJS.Timeout | undefined;
  const regenerate = (): void => {
    clearTimeout(timer);
    // Editors write in bursts (truncate, write, rename): wait for the burst to end.
    timer = setTimeout(() => {
      runTypes(path, options).then(
        (files) => io.out(`regenerated ${files.length} file(s) in ${options.out ?? '.'}\n`),
        (error: unknown) => void reportError(error, io),
      );
    }, 50);
  };
  watcher.on('all', regenerate);
  await new Promise<void>((resolve) => watcher.on('ready', () => resolve()));
  io.err(`watching ${path} for changes (Ctrl-C to stop)\n`);
}
