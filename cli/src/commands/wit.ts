import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ComponentTypeError, WitEncodeError, componentTypes, decodeComponent, encodeWitPackage } from '@weld/component';
import { packageNameString, printOrder, printWit, resolveToJson, type Resolve } from '@weld/wit';
import { loadWit } from '@weld/wit/node';
import type { CliIo } from '../io.js';
import { inspectBytes, reportWit } from '../binary-wit.js';
import { checkOutputFile, writeFileAtomic } from '../output.js';
import { assertReadable, assertWitFolder, isWasmFile } from '../paths.js';
import { formatSize } from '../render-inspect.js';
import { addFeatureOptions, checkFeatures, loadOptions, type FeatureOptions } from '../wit-options.js';
import { InputError, UsageError } from '../report-error.js';
import { registerWitFetch } from './wit-fetch.js';
import { registerWitSemverCheck } from './wit-semver-check.js';

/** The options `weld wit` accepts, as commander hands them over. */
export interface WitOptions extends FeatureOptions {
  readonly json?: boolean;
}

/** The options `weld wit build` accepts. */
export interface WitBuildOptions extends FeatureOptions {
  readonly output: string;
}

/** Registers `weld wit PATH` (read a WIT package and print it back, resolved) and `weld wit build`. */
export function registerWit(program: Command, io: CliIo): void {
  const command = program
    .command('wit')
    .description('parse and resolve a WIT package, then print it as WIT text or JSON')
    // Without this, commander would write `[command]` into the usage line for the `build` subcommand.
    .usage('[options] <path>')
    .argument('<path>', 'a .wit file, a folder of .wit files with an optional deps/ folder, or a WIT package encoded as wasm')
    .option('--json', 'print the whole resolve as JSON, like `wasm-tools component wit --json`');
  addFeatureOptions(command).action(async (path: string, _options: unknown, command: Command) => {
      io.out(await runWit(path, command.opts<WitOptions>()));
    });
  const build = command
    .command('build')
    .description('encode a WIT package as a wasm binary, like `wasm-tools component wit --wasm` (for `wkg publish`)')
    .argument('[dir]', 'a folder of .wit files with an optional deps/ folder, or a .wit file', 'wit')
    .requiredOption('-o, --output <file>', 'the .wasm file to write');
  addFeatureOptions(build).action(async (dir: string, _options: unknown, command: Command) => {
      io.out(await runWitBuild(dir, command.opts<WitBuildOptions>()));
    });
  registerWitFetch(command, io);
  registerWitSemverCheck(command, io);
}

/** Loads `path` and returns exactly the text `wasm-tools component wit` would print. */
export async function runWit(path: string, options: WitOptions): Promise<string> {
  await assertReadable(path);
  await assertWitFolder(path);
  const { resolve, packages } = (await isWasmFile(path)) ? await readWitPackage(path) : await loadText(path, options);
  // Both outputs are written as is: wasm-tools adds no newline after the JSON
  // either, so the two tools' outputs can be compared byte for byte.
  if (options.json === true) return JSON.stringify(resolveToJson(resolve), null, 2);
  return printWit(resolve, packages);
}

async function loadText(path: string, options: FeatureOptions): Promise<{ resolve: Resolve; packages: readonly number[] }> {
  const loaded = await loadWit(path, loadOptions(options));
  checkFeatures(options, loaded.resolve, path);
  return loaded;
}

/** The package a WIT package binary holds, with every package it uses after it; any other binary is refused. */
async function readWitPackage(path: string): Promise<{ resolve: Resolve; packages: readonly number[] }> {
  const report = inspectBytes(path, await readFile(path));
  const wit = report.kind === 'component' ? reportWit(path, report) : undefined;
  if (wit?.kind !== 'package') {
    throw new UsageError(`${path}: a WebAssembly ${report.kind === 'module' ? 'core module' : 'component'}, not WIT`, `to print its WIT: weld inspect --wit ${path}`);
  }
  return { resolve: wit.resolve, packages: printOrder(wit.resolve, wit.package) };
}

/** Encodes the main package of `dir` as wasm into `options.output`; returns the summary line. */
export async function runWitBuild(dir: string, options: WitBuildOptions): Promise<string> {
  await checkOutputFile(options.output);
  const { bytes, resolve, package: main } = await buildWitPackage(dir, options);
  await writeFileAtomic(options.output, bytes);
  const pkg = resolve.packages[main]!;
  const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
  return `${options.output}: ${packageNameString(pkg.name)}, ${count(pkg.interfaces.size, 'interface')}, ${count(pkg.worlds.size, 'world')}, ${formatSize(bytes.length)}\n`;
}

/** The main package of the WIT folder or file `dir`, encoded as wasm as wasm-tools encodes it (and validated as it validates it). */
export async function buildWitPackage(dir: string, options: FeatureOptions): Promise<{ bytes: Uint8Array; resolve: Resolve; package: number }> {
  await assertReadable(dir);
  await assertWitFolder(dir);
  if (await isWasmFile(dir)) throw new UsageError(`${dir}: already a WebAssembly binary; give the WIT it was built from`);
  const loaded = await loadWit(dir, loadOptions(options));
  checkFeatures(options, loaded.resolve, dir);
  const main = loaded.packages[0]!;
  let bytes: Uint8Array;
  try {
    bytes = encodeWitPackage(loaded.resolve, main);
    // wasm-tools validates what it encodes; so does weld, with the same message.
    componentTypes(decodeComponent(bytes));
  } catch (error) {
    if (error instanceof ComponentTypeError || error instanceof WitEncodeError) {
      throw new InputError(`${dir}: the package cannot be encoded as wasm: ${error.message}`);
    }
    throw error;
  }
  return { bytes, resolve: loaded.resolve, package: main };
}
