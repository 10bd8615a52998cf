/**
 * What a build depends on, as a hash. The source key covers everything that
 * belongs to the project (the recipe, the spec, the bundled WIT and every
 * file of the source folder) and is the same on every machine; the build key
 * adds the toolchains' versions. The cache is addressed by the build key; a
 * prebuilt component records the source key it was built from.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Sha256, sha256Hex } from '@weld/component';
import { unreachable } from '@weld/wit';
import type { ComponentSpec } from './project.js';

/**
 * Bumped when a recipe changes in a way the keys would not see, so every
 * component of that language rebuilds.
 */
export const recipeVersions: Readonly<Record<ComponentSpec['language'], number>> = {
  rust: 1,
  go: 1,
  typescript: 1,
  javascript: 1,
};

/** Folders of a source tree that are not sources: build output and dependencies. */
const skipped = new Set(['target', 'node_modules', 'dist', 'out']);

/** The files of a source folder, sorted, without hidden entries and build output. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skipped.has(entry.name)) for (const file of sourceFiles(path)) out.push(file);
    } else if (entry.isFile()) {
      out.push(path);
    }
  }
  return out.sort();
}

/** The spec's settings that change the output, with paths relative to the source folder. */
function specSettings(spec: ComponentSpec): Record<string, unknown> {
  const rel = (path: string) => relative(spec.source, path).split(sep).join('/');
  const common = { name: spec.name, language: spec.language, world: spec.world };
  switch (spec.language) {
    case 'rust':
      return { ...common, entry: rel(spec.entry), target: spec.target, optLevel: spec.optLevel };
    case 'go':
      return common;
    case 'typescript':
    case 'javascript':
      return { ...common, entry: rel(spec.entry), disableFeatures: [...spec.disableFeatures].sort() };
    default:
      return unreachable(spec);
  }
}

/** The hash of a component's sources, WIT and settings: machine independent. */
export function sourceKey(spec: ComponentSpec, witSource: string): string {
  const hash = new Sha256();
  hash.update(JSON.stringify({ recipe: recipeVersions[spec.language], spec: specSettings(spec) }));
  hash.update(`\0wit\0${witSource}`);
  for (const file of sourceFiles(spec.source)) {
    hash.update(`\0file ${relative(spec.source, file).split(sep).join('/')}\0`).update(readFileSync(file));
  }
  return hash.hex();
}

/** The cache key: the source key and the toolchains' identities. */
export function buildKey(source: string, toolchains: readonly string[]): string {
  return sha256Hex(`${source}\0${toolchains.join('\0')}`).slice(0, 32);
}
