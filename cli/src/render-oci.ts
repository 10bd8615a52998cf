/** `weld inspect REF` for people: manifests, configs, layers, sizes, then the binary's world. */
import type { InspectReport } from '@weld/component';
import { layerTitle, type DescribedImage, type Descriptor, type ImageDescription } from '@weld/oci';
import { formatSize, renderInspect } from './render-inspect.js';

function annotations(indent: string, values: Readonly<Record<string, string>> | undefined): string[] {
  const entries = Object.entries(values ?? {});
  if (entries.length === 0) return [];
  const width = entries.reduce((w, [key]) => Math.max(w, key.length), 0);
  return [`${indent}annotations`, ...entries.map(([key, value]) => `${indent}  ${key.padEnd(width)}  ${value}`)];
}

function configLines(indent: string, image: DescribedImage): string[] {
  const config = image.config as Record<string, unknown> | undefined;
  const lines = [`${indent}config    ${image.manifest.config.mediaType}  ${image.manifest.config.digest}  ${formatSize(image.manifest.config.size)}`];
  if (config === undefined) return lines;
  const facts = ['created', 'author', 'architecture', 'os'].flatMap((key) => (typeof config[key] === 'string' ? [`${key} ${String(config[key])}`] : []));
  if (facts.length > 0) lines.push(`${indent}          ${facts.join(' · ')}`);
  const entrypoint = (config['config'] as { Entrypoint?: string[] } | undefined)?.Entrypoint;
  if (entrypoint !== undefined) lines.push(`${indent}          entrypoint ${entrypoint.join(' ')}`);
  const component = config['component'] as { imports?: string[]; exports?: string[]; target?: string } | undefined;
  if (component !== undefined) {
    if (component.target !== undefined) lines.push(`${indent}          target ${component.target}`);
    lines.push(`${indent}          exports ${(component.exports ?? []).join(', ') || 'none'}`);
    lines.push(`${indent}          imports ${(component.imports ?? []).join(', ') || 'none'}`);
  }
  return lines;
}

function imageLines(indent: string, image: DescribedImage): string[] {
  const lines = [
    ...configLines(indent, image),
    `${indent}layers`,
    ...image.manifest.layers.map((l) => `${indent}  ${l.mediaType}  ${l.digest}  ${formatSize(l.size)}${layerTitle(l) === undefined ? '' : `  ${layerTitle(l)}`}`),
    ...annotations(indent, image.manifest.annotations),
    `${indent}total     ${formatSize(image.totalSize)}`,
  ];
  return lines;
}

/** The description as text, with the binary's inspect report (its world) when there is one. */
export function renderImage(description: ImageDescription, report: InspectReport | undefined): string {
  const lines = [description.name, `  digest    ${description.root.digest}`, `  type      ${description.root.mediaType}  ${formatSize(description.root.size)}`];
  if (description.index !== undefined) {
    for (const image of description.images) {
      const platform = image.platform === undefined ? 'no platform' : `${image.platform.os}/${image.platform.architecture}`;
      lines.push(`  manifest  ${image.descriptor.digest}  ${formatSize(image.descriptor.size)}  (${platform})`);
      for (const line of imageLines('    ', image)) lines.push(line);
    }
  } else {
    for (const image of description.images) for (const line of imageLines('  ', image)) lines.push(line);
  }
  let text = `${lines.join('\n')}\n`;
  if (report !== undefined && description.binary !== undefined) {
    text += `\n${renderInspect(`${layerTitle(description.binary.layer) ?? 'binary'} (layer ${description.binary.layer.digest.slice(0, 19)}…)`, report)}`;
  }
  return text;
}

/** `weld inspect REF --referrers`: the subject, then each referrer by artifact type, like `oras discover`. */
export function renderReferrers(name: string, subject: Descriptor, referrers: readonly Descriptor[]): string {
  const lines = [name.includes('@') ? name : `${name}@${subject.digest}`];
  if (referrers.length === 0) lines.push('  no referrers');
  referrers.forEach((r, i) => {
    const last = i === referrers.length - 1;
    lines.push(`${last ? '└──' : '├──'} ${r.artifactType ?? r.mediaType}  ${r.digest}  ${formatSize(r.size)}`);
    for (const line of annotations('    ', r.annotations)) lines.push(`${last ? ' ' : '│'}${line.slice(1)}`);
  });
  return `${lines.join('\n')}\n`;
}
