/**
 * Building a project: every component on its own, at most `jobs` at once.
 * For each: gather its WIT into one source, hash sources + WIT + settings
 * (the source key), find its toolchains and add their versions (the build
 * key); a cache hit copies the cached component to the output, a miss runs
 * the language's recipe and stores the result. A component whose toolchain
 * is missing falls back to its committed prebuilt build, unless asked not to.
 * Progress is reported as {@link BuildEvent}s; rendering is the caller's.
 */
import { availableParallelism } from 'node:os';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sha256Hex } from '@weld/component';
import { unreachable } from '@weld/wit';
import { BuildCache } from './cache.js';
import { BuildError, type MissingToolchain } from './errors.js';
import { buildKey, sourceKey } from './inputs.js';
import { buildGo } from './languages/go.js';
import { buildJs } from './languages/javascript.js';
import { buildRust } from './languages/rust.js';
import type { StepContext } from './languages/step-context.js';
import type { ComponentSpec, Language, Project } from './project.js';
import { toolchainIdentity, Toolchains, type Toolchain } from './toolchains.js';
import { bundleWit } from './wit-source.js';

/** How long one step of a build took. */
export interface StepTiming {
  readonly step: string;
  readonly seconds: number;
}

interface ResultBase {
  readonly name: string;
  readonly language: Language;
}

/** Built from source just now. */
export interface BuiltResult extends ResultBase {
  readonly kind: 'built';
  readonly output: string;
  readonly size: number;
  readonly key: string;
  readonly seconds: number;
  readonly steps: readonly StepTiming[];
  /** The prebuilt file written (`--update-prebuilt`). */
  readonly prebuiltUpdated?: string;
}

/** Unchanged since an earlier build: copied from the cache, no toolchain ran. */
export interface CachedResult extends ResultBase {
  readonly kind: 'cached';
  readonly output: string;
  readonly size: number;
  readonly key: string;
  readonly prebuiltUpdated?: string;
}

/** Its toolchain is missing: the committed prebuilt build was used. */
export interface PrebuiltResult extends ResultBase {
  readonly kind: 'prebuilt';
  readonly output: string;
  readonly size: number;
  /** The prebuilt file. */
  readonly prebuilt: string;
  readonly missing: MissingToolchain;
  /** Whether the prebuilt build was made from the sources as they are now. */
  readonly current: boolean;
}

/** Not built. */
export interface FailedResult extends ResultBase {
  readonly kind: 'failed';
  readonly error: BuildError;
}

/** What became of one component. */
export type ComponentResult = BuiltResult | CachedResult | PrebuiltResult | FailedResult;

/** Progress of a build, in the order things happen (components interleave). */
export type BuildEvent =
  | { readonly kind: 'start'; readonly component: string; readonly language: Language }
  | { readonly kind: 'step'; readonly component: string; readonly step: string }
  | { readonly kind: 'done'; readonly result: ComponentResult };

/** What a build did. */
export interface BuildReport {
  /** In the order of the project file. */
  readonly components: readonly ComponentResult[];
  readonly seconds: number;
  /** How many components could build at once. */
  readonly jobs: number;
}

/** How to build. */
export interface BuildOptions {
  /** Only these components (by name); default all. */
  readonly only?: readonly string[];
  /** Rebuild even when cached. */
  readonly force?: boolean;
  /** At most this many components at once; default the number of cores. */
  readonly jobs?: number;
  /** Never fall back to a prebuilt build: a missing toolchain fails the component. */
  readonly fromSource?: boolean;
  /** Copy each component built from source (or cached) to its `prebuilt` path. */
  readonly updatePrebuilt?: boolean;
  /** The environment tools are found in and run with; default `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
  /** `.weld/cache` of the project; default `ROOT/.weld/cache`. */
  readonly cacheDir?: string;
  /** Called as the build progresses. */
  readonly onEvent?: (event: BuildEvent) => void;
}

/** Builds the components of `project` into its output folder. */
export async function buildProject(project: Project, options: BuildOptions = {}): Promise<BuildReport> {
  const started = performance.now();
  let specs = project.components;
  if (options.only !== undefined && options.only.length > 0) {
    const unknown = options.only.filter((name) => !specs.some((c) => c.name === name));
    if (unknown.length > 0) {
      throw new BuildError('project', `${project.file}: no component named ${unknown.map((n) => `\`${n}\``).join(', ')}`, [
        `the components are: ${specs.map((c) => c.name).join(', ')}`,
      ]);
    }
    specs = specs.filter((c) => options.only?.includes(c.name));
  }
  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), specs.length));
  const builder = new Builder(options.cacheDir ?? join(project.root, '.weld', 'cache'), options);
  try {
    const components = await mapBounded(specs, jobs, (spec) => builder.build(spec, join(project.outDir, `${spec.name}.wasm`)));
    return { components, seconds: (performance.now() - started) / 1000, jobs };
  } finally {
    builder.close();
  }
}

/**
 * Builds components one at a time; share one between several calls (or
 * concurrent ones) so toolchains are probed once. `close()` saves the probes.
 */
export class Builder {
  readonly #cacheDir: string;
  readonly #cache: BuildCache;
  readonly #toolchains: Toolchains;
  readonly #options: BuildOptions;
  readonly #env: NodeJS.ProcessEnv;

  constructor(cacheDir: string, options: BuildOptions = {}) {
    this.#cacheDir = cacheDir;
    this.#cache = new BuildCache(join(cacheDir, 'build'));
    this.#env = options.env ?? process.env;
    this.#toolchains = new Toolchains({ env: this.#env, cacheDir });
    this.#options = options;
  }

  /** Builds (or finds in the cache) one component and writes it to `output`. */
  async build(spec: ComponentSpec, output: string): Promise<ComponentResult> {
    const emit = this.#options.onEvent ?? (() => {});
    emit({ kind: 'start', component: spec.name, language: spec.language });
    let result: ComponentResult;
    try {
      result = await this.#build(spec, output, (step) => emit({ kind: 'step', component: spec.name, step }));
    } catch (error) {
      if (!(error instanceof BuildError)) throw error;
      result = { kind: 'failed', name: spec.name, language: spec.language, error };
    }
    emit({ kind: 'done', result });
    return result;
  }

  /** Saves what was learnt about toolchains. */
  close(): void {
    this.#toolchains.save();
  }

  async #build(spec: ComponentSpec, output: string, step: (name: string) => void): Promise<ComponentResult> {
    const base = { name: spec.name, language: spec.language };
    const witSource = await bundleWit(spec.wit);
    const source = sourceKey(spec, witSource);
    let toolchains: Toolchain[];
    try {
      toolchains = await this.#toolchainsFor(spec);
    } catch (error) {
      if (error instanceof BuildError && error.kind === 'missing-toolchain' && error.missing !== undefined) {
        const prebuilt = spec.prebuilt;
        if (this.#options.fromSource !== true && prebuilt !== undefined && existsSync(prebuilt)) {
          const size = place(prebuilt, output);
          const current = readPrebuiltRecord(prebuilt)?.sourceKey === source;
          return { ...base, kind: 'prebuilt', output, size, prebuilt, missing: error.missing, current };
        }
      }
      throw error;
    }
    const identities = toolchains.map(toolchainIdentity);
    const key = buildKey(source, identities);
    const cached = this.#options.force === true ? undefined : this.#cache.lookup(key);
    if (cached !== undefined) {
      const size = place(cached, output);
      return { ...base, kind: 'cached', output, size, key, ...this.#updatePrebuilt(spec, cached, source, identities) };
    }

    const started = performance.now();
    const steps: StepTiming[] = [];
    let current: { step: string; at: number } | undefined;
    const mark = (name: string | undefined) => {
      const now = performance.now();
      if (current !== undefined) steps.push({ step: current.step, seconds: (now - current.at) / 1000 });
      current = name === undefined ? undefined : { step: name, at: now };
      if (name !== undefined) step(name);
    };
    const work = join(this.#cacheDir, 'tmp', `${process.pid}-${spec.name}`);
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    let bytes: Uint8Array;
    try {
      const context: StepContext = { work, witSource, env: this.#env, step: mark };
      bytes = await this.#compile(spec, toolchains, context);
      mark(undefined);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    const seconds = (performance.now() - started) / 1000;
    const stored = this.#cache.store(key, bytes, {
      name: spec.name,
      language: spec.language,
      sourceKey: source,
      toolchains: identities,
      seconds: Math.round(seconds * 1000) / 1000,
    });
    const size = place(stored, output);
    return { ...base, kind: 'built', output, size, key, seconds, steps, ...this.#updatePrebuilt(spec, stored, source, identities) };
  }

  async #toolchainsFor(spec: ComponentSpec): Promise<Toolchain[]> {
    switch (spec.language) {
      case 'rust':
        return [await this.#toolchains.rust(spec.target), await this.#toolchains.jco()];
      case 'go':
        return [await this.#toolchains.go(), await this.#toolchains.jco()];
      case 'typescript':
      case 'javascript':
        return [await this.#toolchains.js()];
      default:
        return unreachable(spec);
    }
  }

  async #compile(spec: ComponentSpec, toolchains: readonly Toolchain[], context: StepContext): Promise<Uint8Array> {
    const [toolchain] = toolchains;
    switch (spec.language) {
      case 'rust':
        if (toolchain?.kind !== 'rustc') throw new Error('rustc expected');
        return buildRust(spec, toolchain, context);
      case 'go':
        if (toolchain?.kind !== 'go') throw new Error('go expected');
        return buildGo(spec, toolchain, context);
      case 'typescript':
      case 'javascript':
        return buildJs(spec, context);
      default:
        return unreachable(spec);
    }
  }

  #updatePrebuilt(spec: ComponentSpec, built: string, source: string, toolchains: readonly string[]): { prebuiltUpdated?: string } {
    if (this.#options.updatePrebuilt !== true || spec.prebuilt === undefined) return {};
    place(built, spec.prebuilt);
    const record: PrebuiltRecord = { component: spec.name, language: spec.language, sourceKey: source, toolchains: [...toolchains] };
    const text = `${JSON.stringify(record, null, 2)}\n`;
    const file = prebuiltRecordPath(spec.prebuilt);
    if (!existsSync(file) || readFileSync(file, 'utf8') !== text) writeFileSync(file, text);
    return { prebuiltUpdated: spec.prebuilt };
  }
}

/**
 * What a prebuilt component was built from, in `NAME.wasm.json` beside it:
 * its source key (sources, WIT, settings) and the toolchains' versions.
 */
export interface PrebuiltRecord {
  readonly component: string;
  readonly language: Language;
  readonly sourceKey: string;
  readonly toolchains: readonly string[];
}

/** The record file of a prebuilt component. */
export function prebuiltRecordPath(prebuilt: string): string {
  return `${prebuilt}.json`;
}

/** The record of a prebuilt component, if it has a readable one. */
export function readPrebuiltRecord(prebuilt: string): PrebuiltRecord | undefined {
  try {
    return JSON.parse(readFileSync(prebuiltRecordPath(prebuilt), 'utf8')) as PrebuiltRecord;
  } catch {
    return undefined;
  }
}

/** Copies `from` to `to` unless `to` already holds the same bytes; returns the size. */
function place(from: string, to: string): number {
  const bytes = readFileSync(from);
  if (existsSync(to) && statSync(to).size === bytes.length && sha256Hex(readFileSync(to)) === sha256Hex(bytes)) return bytes.length;
  mkdirSync(dirname(to), { recursive: true });
  const tmp = `${to}.${process.pid}.tmp`;
  copyFileSync(from, tmp);
  renameSync(tmp, to);
  return bytes.length;
}

/** `items` mapped by `fn`, at most `limit` at a time, results in order. */
async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
