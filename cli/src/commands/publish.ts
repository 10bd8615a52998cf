/**
 * `weld publish FILE`: a component, a WIT package binary, or a WIT folder
 * (encoded on the fly as `weld wit build` encodes it) published by name, as
 * `wkg publish` publishes it: the name and version from the binary (or
 * `--name`), the registry from wkg's config, the artifact wkg's OCI
 * publisher writes (so `wkg get` reads back the same bytes), annotations
 * from the project file's `[metadata]`. An existing version is kept unless
 * `--overwrite`.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { decodeWitWasm } from '@weld/build';
import { dockerCredentials } from '@weld/oci/node';
import { PackageRegistry, parsePublishedName, publishedImage, type PublishedName } from '@weld/registry';
import { ContentCache, defaultCacheDir, findProjectFile, loadConfig, readProjectMetadata } from '@weld/registry/node';
import { packageNameString, type PackageName, type PackageVersion } from '@weld/wit';
import { inspectBytes, reportWit } from '../binary-wit.js';
import { interruptible, type CliIo } from '../io.js';
import { assertReadable, isWasmFile } from '../paths.js';
import { InputError } from '../report-error.js';
import { addFeatureOptions, type FeatureOptions } from '../wit-options.js';
import { buildWitPackage } from './wit.js';

/** The options `weld publish` accepts, as commander hands them over. */
export interface PublishOptions extends FeatureOptions {
  readonly name?: string;
  readonly config?: string;
  readonly project?: string;
  readonly overwrite?: boolean;
  readonly skipSemverCheck?: boolean;
}

/** Registers `weld publish FILE`. */
export function registerPublish(program: Command, io: CliIo): void {
  const command = program
    .command('publish')
    .description('publish a component or a WIT package by name to the registry wkg\'s config names, as `wkg publish` does')
    .argument('<file>', 'a component, a WIT package binary, or a WIT folder or .wit file (encoded as `weld wit build` encodes it)')
    .option('--name <ns:pkg@version>', 'the package name and version (default: the binary\'s own; a component needs it)')
    .option('--config <file>', "wkg's config file (default: $WKG_CONFIG_FILE, else ~/.config/wasm-pkg/config.toml)")
    .option('--project <file>', 'the project file whose [metadata] becomes the annotations (default: the nearest wkg.toml)')
    .option('--overwrite', 'replace the version if the registry has it already')
    .option('--skip-semver-check', 'publish a WIT package even if it breaks the previous compatible release');
  addFeatureOptions(command).action(async (file: string, _options: unknown, command: Command) => {
    const options = command.opts<PublishOptions>();
    io.out(await interruptible(io, (signal) => runPublish(file, options, io.env ?? process.env, signal)));
  });
}

/** Publishes `file` and returns the line to print. */
export async function runPublish(file: string, options: PublishOptions, env: Readonly<Record<string, string | undefined>>, signal?: AbortSignal): Promise<string> {
  const environment = env as NodeJS.ProcessEnv;
  // The name is checked before anything is built or sent.
  const override = options.name === undefined ? undefined : parsePublishedName(options.name, '--name');
  await assertReadable(file);
  const { bytes, own, wit } = (await isWasmFile(file)) ? await readBinary(file) : await buildFolder(file, options);
  const name = override ?? versioned(file, own);
  const project = options.project ?? findProjectFile(process.cwd());
  const image = publishedImage(bytes, name, project === undefined ? {} : await readProjectMetadata(project));
  const registry = new PackageRegistry({
    config: await loadConfig(options.config, environment),
    // Publishing reads no package, so the cache is only the one fetching would use.
    cache: new ContentCache(defaultCacheDir(environment)),
    decodeWasm: decodeWitWasm,
    credentials: dockerCredentials(environment),
    ...(signal && { signal }),
  });
  const result = await registry.publish(name, image, {
    overwrite: options.overwrite === true,
    skipSemverCheck: options.skipSemverCheck === true,
    // Checked only under its own name: with another --name the binary's versions say nothing about the published one.
    ...(wit !== undefined && sameName(own, name) && { wit }),
  });
  return `published ${packageNameString(name)} as ${result.reference}\n`;
}

/** What is published: its bytes, the package it names itself, and, for a WIT package, the package for the semver check. */
interface Publishable {
  readonly bytes: Uint8Array;
  readonly own: PackageName;
  readonly wit?: PackageVersion;
}

const sameName = (own: PackageName, name: PublishedName): boolean =>
  own.namespace === name.namespace && own.name === name.name && own.version === name.version;

/** A component's or a WIT package's bytes and the package it names itself (a component: `root:component`, without a version). */
async function readBinary(file: string): Promise<Publishable> {
  const bytes = new Uint8Array(await readFile(file));
  const report = inspectBytes(file, bytes);
  if (report.kind !== 'component') throw new InputError(`${file}: a core module; weld publish takes a component or a WIT package`);
  const wit = reportWit(file, report);
  const pkg = wit.kind === 'package' ? wit.package : wit.resolve.worlds[wit.world]!.package!;
  return { bytes, own: wit.resolve.packages[pkg]!.name, ...(wit.kind === 'package' && { wit: { resolve: wit.resolve, package: pkg } }) };
}

async function buildFolder(dir: string, options: FeatureOptions): Promise<Publishable> {
  const built = await buildWitPackage(dir, options);
  return { bytes: built.bytes, own: built.resolve.packages[built.package]!.name, wit: { resolve: built.resolve, package: built.package } };
}

/** The binary's own name when it has a version (wasm-pkg-client's rule); else `--name` is needed. */
function versioned(file: string, own: PackageName): PublishedName {
  if (own.version !== undefined) return { namespace: own.namespace, name: own.name, version: own.version };
  const component = own.namespace === 'root' && own.name === 'component';
  throw new InputError(
    `${file}: no version in the package ${packageNameString(own)}, so weld cannot tell which version to publish`,
    component
      ? 'a component names no package of its own: give --name NAMESPACE:NAME@VERSION'
      : `add one to the WIT \`package\` statement (package ${own.namespace}:${own.name}@1.0.0;), or give --name ${own.namespace}:${own.name}@VERSION`,
  );
}
