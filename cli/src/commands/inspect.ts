import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import type { InspectReport } from '@weld/component';
import { printOrder, printWit, resolveToJson } from '@weld/wit';
import { describeImage, looksLikeReference, manifestReference, parseReference } from '@weld/oci';
import { isLayout } from '@weld/oci/node';
import type { CliIo } from '../io.js';
import { InputError, UsageError } from '../report-error.js';
import { graphFormats, renderGraph, type GraphFormat } from '../render-graph.js';
import { renderInspect } from '../render-inspect.js';
import { renderImage, renderReferrers } from '../render-oci.js';
import { registryClient, transferLimits, type RegistryFlags } from '../oci-options.js';
import { imageSource } from './pull.js';
import { resolveTarget, type ResolvedTarget } from '../package-target.js';
import { assertNotWit, assertReadable } from '../paths.js';
import { inspectBytes, reportWit } from '../binary-wit.js';

/** The options `weld inspect` accepts. */
export interface InspectOptions extends RegistryFlags {
  readonly wit?: boolean;
  readonly json?: boolean;
  readonly graph?: string;
  readonly referrers?: boolean;
  readonly artifactType?: string;
}

/** Registers `weld inspect FILE`: what a component or core module holds. */
export function registerInspect(program: Command, io: CliIo): void {
  program
    .command('inspect')
    .description('show the world, nested modules and components, producers and custom sections of a binary')
    .argument('<file>', 'a component or core module (.wasm); or an image: host[:port]/repo[:tag|@digest], an OCI layout (dir or .tar), or a package name ns:pkg[@version]')
    .option('--wit', 'print the WIT the binary describes, like `wasm-tools component wit`')
    .option('--json', 'print everything as JSON')
    .option('--plain-http', 'for a reference: allow plain HTTP to a registry that is not on loopback')
    .option('--graph <format>', `draw the composition weld compose recorded in the binary (${graphFormats.join(' or ')})`)
    .option('--referrers', 'for a reference: list the artifacts attached to it (signatures, SBOMs, …), like `oras discover`')
    .option('--artifact-type <type>', 'with --referrers: only those of this artifact type')
    .action(async (file: string, _options: unknown, command: Command) => {
      io.out(await runInspect(file, command.opts<InspectOptions>(), io));
    });
}

/** Inspects `file` and returns the text to print. */
export async function runInspect(given: string, options: InspectOptions, io?: CliIo): Promise<string> {
  const target = io === undefined ? { text: given, access: {} } : await resolveTarget(given, io);
  const file = target.text;
  if (options.referrers === true) {
    if (io === undefined || existsSync(file) || !looksLikeReference(file)) throw new UsageError(`${file}: --referrers needs a registry reference (host[:port]/repo[:tag|@digest])`);
    return inspectReferrers(target, options, io);
  }
  if (options.artifactType !== undefined) throw new UsageError('--artifact-type needs --referrers');
  assertNotWit(file, 'binary');
  if (io !== undefined && (await isImage(file))) return inspectImage(target, options, io);
  if (!existsSync(file) && /[:@]/u.test(file)) {
    throw new UsageError(`${file}: no such file, and not a registry reference`, 'a reference starts with the registry: host[:port]/repository[:tag|@digest]');
  }
  const format = options.graph;
  if (format !== undefined && !isGraphFormat(format)) {
    throw new UsageError(`--graph ${format}: expected ${graphFormats.join(' or ')}`);
  }
  await assertReadable(file);
  if ((await stat(file)).isDirectory()) throw new InputError(`${file}: is a directory; inspect a .wasm file`);
  const report = inspectBytes(file, await readFile(file));
  if (options.wit === true) return witText(file, report);
  if (format !== undefined) return graphText(file, report, format);
  if (options.json === true) return `${JSON.stringify(reportJson(report), null, 2)}\n`;
  return renderInspect(file, report);
}

/** An image to inspect: a layout (directory or .tar), `LAYOUT:TAG`, or a reference to something not on disk. */
async function isImage(text: string): Promise<boolean> {
  if (existsSync(text)) return isLayout(text);
  const colon = text.lastIndexOf(':');
  return (colon > 0 && (await isLayout(text.slice(0, colon)))) || looksLikeReference(text);
}

/** `weld inspect REF`: manifests, configs, sizes and the binary's world. */
async function inspectImage(target: ResolvedTarget, options: InspectOptions, io: CliIo): Promise<string> {
  const text = target.text;
  if (options.graph !== undefined) throw new UsageError('--graph needs a .wasm file, not an image');
  const description = await describeImage(await imageSource(target, options, io), true);
  const report = description.binary === undefined
    ? undefined
    : inspectBytes(`${text}: layer ${description.binary.layer.digest}`, description.binary.bytes);
  if (options.wit === true) {
    if (report === undefined) throw new InputError(`${text}: the image has no wasm binary`);
    return witText(text, report);
  }
  if (options.json === true) {
    const { binary, ...rest } = description;
    return `${JSON.stringify({ ...rest, ...(binary && { binary: { layer: binary.layer } }), ...(report && { component: reportJson(report) }) }, null, 2)}\n`;
  }
  return renderImage(description, report);
}

/** `weld inspect REF --referrers`: what refers to REF's manifest, by the referrers API or the tag schema. */
async function inspectReferrers({ text, access }: ResolvedTarget, options: InspectOptions, io: CliIo): Promise<string> {
  const ref = parseReference(text);
  const client = await registryClient(ref, options, io, transferLimits(options, io, new AbortController().signal), { access });
  const subject = (await client.getManifest(ref.repository, manifestReference(ref))).descriptor;
  const referrers = await client.referrers(ref.repository, subject.digest, options.artifactType);
  if (options.json === true) return `${JSON.stringify({ reference: text, digest: subject.digest, referrers }, null, 2)}\n`;
  return renderReferrers(text, subject, referrers);
}

const isGraphFormat = (text: string): text is GraphFormat => (graphFormats as readonly string[]).includes(text);

function graphText(file: string, report: InspectReport, format: GraphFormat): string {
  const provenance = report.kind === 'component' ? report.composition : undefined;
  if (provenance === undefined) throw new InputError(`${file}: has no weld-composition section; only components made by weld compose can be drawn`);
  if (provenance.kind === 'error') throw new InputError(`${file}: its weld-composition section cannot be read: ${provenance.message}`);
  return renderGraph(provenance.record, format);
}

function witText(file: string, report: InspectReport): string {
  const wit = reportWit(file, report);
  return printWit(wit.resolve, printOrder(wit.resolve, wit.package));
}

function reportJson(report: InspectReport): unknown {
  const { wit, ...rest } = report;
  if (wit === undefined || wit.kind === 'error') return { ...rest, ...(wit && { wit }) };
  const { resolve, ...where } = wit;
  return { ...rest, wit: { ...where, resolve: resolveToJson(resolve) } };
}
