/** The `--features`/`--all-features` options of the commands that read WIT. */
import type { Command } from 'commander';
import { decodeWitWasm } from '@weld/build';
import type { LoadOptions } from '@weld/wit';

/** The feature options as commander hands them over. */
export interface FeatureOptions {
  readonly features?: readonly string[];
  readonly allFeatures?: boolean;
}

/** Adds `--features` (repeatable) and `--all-features` to a command. */
export function addFeatureOptions(command: Command): Command {
  return command
    .option(
      '--features <list>',
      'enable @unstable features (comma- or space-separated, repeatable)',
      (value: string, previous: readonly string[] | undefined) => [...(previous ?? []), value],
    )
    .option('--all-features', 'enable every @unstable feature');
}

/**
 * The feature names in `--features` values: split on whitespace and commas,
 * empty names dropped, the way wasm-tools reads them.
 */
export function parseFeatures(values: readonly string[]): string[] {
  return values.flatMap((value) => value.split(/[\s,]+/u)).filter((name) => name !== '');
}

/** The `loadWit` options the feature flags ask for; packages encoded as wasm are read too. */
export function loadOptions(options: FeatureOptions): LoadOptions {
  return { features: parseFeatures(options.features ?? []), allFeatures: options.allFeatures === true, decodeWasm: decodeWitWasm };
}
