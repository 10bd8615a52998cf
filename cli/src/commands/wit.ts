import type { Command } from 'commander';
import { printWit, resolveToJson } from '@weld/wit';
import { loadWit } from '@weld/wit/node';
import type { CliIo } from '../io.js';
import { assertReadable, assertWitFolder, isWasmFile } from '../paths.js';
import { addFeatureOptions, checkFeatures, loadOptions, type FeatureOptions } from '../wit-options.js';
import { UsageError } from '../report-error.js';
import { registerWitSemverCheck } from './wit-semver-check.js';

/** The options `weld wit` accepts, as commander hands them over. */
export interface WitOptions extends FeatureOptions {
  readonly json?: boolean;
}

/** Registers `weld wit PATH`: read a WIT package and print it back, resolved. */
export function registerWit(program: Command, io: CliIo): void {
  const command = program
    .command('wit')
    .description('parse and resolve a WIT package, then print it as WIT text or JSON')
    .argument('<path>', 'a .wit file, or a folder of .wit files with an optional deps/ folder')
    .option('--json', 'print the whole resolve as JSON, like `wasm-tools component wit --json`');
  addFeatureOptions(command).action(async (path: string, _options: unknown, command: Command) => {
      io.out(await runWit(path, command.opts<WitOptions>()));
    });
  // Subcommands are listed under Commands; the usage line stays that of reading a package.
  registerWitSemverCheck(command.usage('[options] <path>'), io);
}

/** Loads `path` and returns exactly the text `wasm-tools component wit` would print. */
export async function runWit(path: string, options: WitOptions): Promise<string> {
  await assertReadable(path);
  await assertWitFolder(path);
  if (await isWasmFile(path)) throw new UsageError(`${path}: a WebAssembly component, not WIT`, `to print its WIT: weld inspect --wit ${path}`);
  const loaded = await loadWit(path, loadOptions(options));
  checkFeatures(options, loaded.resolve, path);
  // Both outputs are written as is: wasm-tools adds no newline after the JSON
  // either, so the two tools' outputs can be compared byte for byte.
  if (options.json === true) return JSON.stringify(resolveToJson(loaded.resolve), null, 2);
  return printWit(loaded.resolve, loaded.packages);
}

