/**
 * `weld wit semver-check OLD NEW`: whether NEW may be released as a
 * semver-compatible version of OLD (two WIT paths or WIT package binaries),
 * with every difference; exit 1 when it may not.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { semverCheck, type PackageVersion, type SemverCheckResult, type SemverDifference } from '@weld/wit';
import { loadWit } from '@weld/wit/node';
import { inspectBytes, reportWit } from '../binary-wit.js';
import type { CliIo } from '../io.js';
import { assertReadable, assertWitFolder, isWasmFile } from '../paths.js';
import { ExitStatus, InputError } from '../report-error.js';

/** The options `weld wit semver-check` accepts. */
export interface SemverCheckOptions {
  readonly json?: boolean;
}

/** Registers `semver-check OLD NEW` under `weld wit`. */
export function registerWitSemverCheck(wit: Command, io: CliIo): void {
  wit
    .command('semver-check')
    .description('check that a new version of a WIT package is semver-compatible with the previous one (what `wasm-tools component semver-check` checks, for the whole package)')
    .argument('<old>', 'the previous version: a .wit file, a folder of .wit files, or a WIT package binary')
    .argument('<new>', 'the new version, in any of the same forms')
    .option('--json', 'print the verdict and the differences as JSON')
    .action(async (previous: string, next: string, _options: unknown, command: Command) => {
      // `weld wit` has a --json of its own, which commander hands to it wherever the flag is written.
      const result = await runSemverCheck(previous, next);
      io.out(command.optsWithGlobals<SemverCheckOptions>().json === true ? `${JSON.stringify(result, null, 2)}\n` : renderSemverCheck(result));
      if (!result.compatible) throw new ExitStatus(1);
    });
}

/** The package a path holds: a WIT package binary's, or the main package of WIT text. */
async function loadVersion(path: string): Promise<PackageVersion> {
  await assertReadable(path);
  if (await isWasmFile(path)) {
    const wit = reportWit(path, inspectBytes(path, await readFile(path)));
    if (wit.kind !== 'package') throw new InputError(`${path}: a component, not a WIT package`, 'give the WIT package (a folder, a .wit file or `wasm-tools component wit --wasm` output)');
    return { resolve: wit.resolve, package: wit.package };
  }
  await assertWitFolder(path);
  const loaded = await loadWit(path);
  return { resolve: loaded.resolve, package: loaded.main };
}

/** Checks `next` against `previous`. */
export async function runSemverCheck(previous: string, next: string): Promise<SemverCheckResult> {
  return semverCheck(await loadVersion(previous), await loadVersion(next));
}

const lines = (differences: readonly SemverDifference[]): string => differences.map((d) => `  ${d.message}\n`).join('');

/** The verdict in words: the breaking differences first, then the rest. */
export function renderSemverCheck(result: SemverCheckResult): string {
  const breaking = result.differences.filter((d) => d.breaking);
  const rest = result.differences.filter((d) => !d.breaking);
  const others = rest.length === 0 ? '' : `other changes:\n${lines(rest)}`;
  if (!result.compatibilityRequired) {
    const listed = breaking.length === 0 ? '' : `breaking changes (allowed):\n${lines(breaking)}`;
    return `${result.next} need not be compatible with ${result.previous} (a new major version, or minor for 0.x)\n${listed}${others}`;
  }
  if (result.compatible) return `${result.next} is semver-compatible with ${result.previous}\n${others}`;
  return `${result.next} is not semver-compatible with ${result.previous}:\n${lines(breaking)}${others}`;
}
