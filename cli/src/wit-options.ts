/** The `--features`/`--all-features` options of the commands that read WIT. */
import type { Command } from 'commander';
import { decodeWitWasm, didYouMean } from '@weld/build';
import type { LoadOptions, Resolve } from '@weld/wit';
import { UsageError } from './report-error.js';

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

/** Fails on a `--features` name no `@unstable` gate of `path` names: a typo would otherwise change nothing, silently. */
export function checkFeatures(options: FeatureOptions, resolve: Resolve, path: string): void {
  const known = [...resolve.featuresSeen].sort();
  for (const name of parseFeatures(options.features ?? [])) {
    if (resolve.featuresSeen.has(name)) continue;
    const typo = didYouMean(name, known);
    const hint = typo !== undefined ? `did you mean ${typo}?` : known.length > 0 ? `its features: ${known.join(', ')}` : `${path} has no @unstable items`;
    throw new UsageError(`--features ${name}: no @unstable item uses the feature '${name}' in ${path}`, hint);
  }
}
