import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadWit, printWit, resolveToJson } from '@weld/wit';
import type { CliIo } from '../io.js';
import { UsageError } from '../report-error.js';

/** The options `weld wit` accepts, as commander hands them over. */
export interface WitOptions {
  readonly json?: boolean;
  readonly features?: readonly string[];
  readonly allFeatures?: boolean;
}

/** Registers `weld wit PATH`: read a WIT package and print it back, resolved. */
export function registerWit(program: Command, io: CliIo): void {
  program
    .command('wit')
    .description('parse and resolve a WIT package, then print it as WIT text or JSON')
    .argument('<path>', 'a .wit file, or a folder of .wit files with an optional deps/ folder')
    .option('--json', 'print the whole resolve as JSON, like `wasm-tools component wit --json`')
    .option(
      '--features <list>',
      'enable @unstable features (comma- or space-separated, repeatable)',
      (value: string, previous: readonly string[] | undefined) => [...(previous ?? []), value],
    )
    .option('--all-features', 'enable every @unstable feature')
    .action(async (path: string, _options: unknown, command: Command) => {
      io.out(await runWit(path, command.opts<WitOptions>()));
    });
}

/** Loads `path` and returns exactly the text `wasm-tools component wit` would print. */
export async function runWit(path: string, options: WitOptions): Promise<string> {
  await assertReadable(path);
  const loaded = await loadWit(path, {
    features: parseFeatures(options.features ?? []),
    allFeatures: options.allFeatures === true,
  });
  // Both outputs are written as is: wasm-tools adds no newline after the JSON
  // either, so the two tools' outputs can be compared byte for byte.
  if (options.json === true) return JSON.stringify(resolveToJson(loaded.resolve), null, 2);
  return printWit(loaded.resolve, loaded.packages);
}

/**
 * The feature names in `--features` values: split on whitespace and commas,
 * empty names dropped, the way wasm-tools reads them.
 */
export function parseFeatures(values: readonly string[]): string[] {
  return values.flatMap((value) => value.split(/[\s,]+/u)).filter((name) => name !== '');
}

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
