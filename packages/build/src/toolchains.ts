/**
 * Finding the toolchains a component needs, and what identifies them for the
 * cache. Probing a compiler (`rustc --print sysroot`, `go env GOVERSION`)
 * costs a process, so probes are remembered in `.weld/cache/toolchains.json`
 * by the binary's path, size and modification time: a build with nothing
 * changed starts no toolchain process at all.
 *
 * A missing or unusable toolchain is a `missing-toolchain` BuildError that
 * names the one command that installs it.
 */
import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256Hex } from '@weld/component';
import { unreachable } from '@weld/wit';
import { BuildError } from './errors.js';
import { runTool } from './exec.js';
import type { RustTarget } from './project.js';
import { jcoDir } from './wit-source.js';

/** Debian's packages for Rust to wasm32: rustc 1.63 with the wasm32 std, and lld for wasm-ld. */
export const rustInstall = 'apt-get install -y rustc libstd-rust-dev-wasm32 lld';

/** The oldest Go with `//go:wasmexport`. */
const goMinor = 24;

/** The command that installs Go (the release tarball into /usr/local/go, then on PATH). */
export function goInstall(): string {
  const arch = process.arch === 'arm64' ? 'arm64' : 'amd64';
  return `curl -fsSL https://go.dev/dl/go1.${goMinor}.5.linux-${arch}.tar.gz | tar -C /usr/local -xz && export PATH="$PATH:/usr/local/go/bin"`;
}

/** The command that installs the npm packages weld builds JavaScript with. */
export const jsInstall = 'npm install --save-dev @bytecodealliance/componentize-js @bytecodealliance/jco esbuild';

/** rustc, with a std for the target. */
export interface RustToolchain {
  readonly kind: 'rustc';
  readonly path: string;
  readonly sysroot: string;
  /** `rustc -vV`, for the cache key. */
  readonly version: string;
}

/** The Go command. */
export interface GoToolchain {
  readonly kind: 'go';
  readonly path: string;
  /** `go1.24.5`. */
  readonly version: string;
}

/** esbuild and componentize-js (npm packages). */
export interface JsToolchain {
  readonly kind: 'componentize-js';
  readonly componentizeJs: string;
  readonly esbuild: string;
}

/** jco: wit-component (embed, new) and the preview1 adapter. */
export interface JcoToolchain {
  readonly kind: 'jco';
  readonly version: string;
  /** sha256 of the preview1 reactor adapter. */
  readonly adapter: string;
}

/** A toolchain, found. */
export type Toolchain = RustToolchain | GoToolchain | JsToolchain | JcoToolchain;

/** What identifies a toolchain in a cache key: its version, not where it is installed. */
export function toolchainIdentity(toolchain: Toolchain): string {
  switch (toolchain.kind) {
    case 'rustc':
      return toolchain.version;
    case 'go':
      return `go ${toolchain.version}`;
    case 'componentize-js':
      return `componentize-js ${toolchain.componentizeJs}, esbuild ${toolchain.esbuild}`;
    case 'jco':
      return `jco ${toolchain.version}, adapter ${toolchain.adapter.slice(0, 16)}`;
    default:
      return unreachable(toolchain);
  }
}

/** Where to look for tools: a PATH, and the cache of probes. */
export interface ToolchainContext {
  /** The environment whose PATH is searched (WELD_RUSTC and WELD_GO name a binary outright). */
  readonly env: NodeJS.ProcessEnv;
  /** `.weld/cache`, or undefined for no probe cache. */
  readonly cacheDir: string | undefined;
}

/** Finds tools and remembers what it found, for one build. */
export class Toolchains {
  readonly #context: ToolchainContext;
  readonly #found = new Map<string, Promise<Toolchain>>();
  #probes: Record<string, ProbeEntry> | undefined;
  #probesDirty = false;

  constructor(context: ToolchainContext) {
    this.#context = context;
  }

  /** rustc with a std for `target` and a wasm linker. */
  rust(target: RustTarget): Promise<RustToolchain> {
    return this.#once(`rust:${target}`, () => this.#findRust(target)) as Promise<RustToolchain>;
  }

  /** Go ≥ 1.24. */
  go(): Promise<GoToolchain> {
    return this.#once('go', () => this.#findGo()) as Promise<GoToolchain>;
  }

  /** esbuild and componentize-js. */
  js(): Promise<JsToolchain> {
    return this.#once('js', async (): Promise<JsToolchain> => ({
      kind: 'componentize-js',
      componentizeJs: npmVersion('@bytecodealliance/componentize-js', 'src/componentize.js'),
      esbuild: npmVersion('esbuild', 'lib/main.js'),
    })) as Promise<JsToolchain>;
  }

  /** jco and its preview1 adapter. */
  jco(): Promise<JcoToolchain> {
    return this.#once('jco', async (): Promise<JcoToolchain> => {
      const version = npmVersion('@bytecodealliance/jco', 'dist/api.js');
      const adapter = sha256Hex(readFileSync(preview1AdapterPath()));
      return { kind: 'jco', version, adapter };
    }) as Promise<JcoToolchain>;
  }

  /** Writes the probe cache if a probe ran. */
  save(): void {
    const file = this.#probeFile();
    if (!this.#probesDirty || file === undefined || this.#probes === undefined) return;
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(this.#probes, null, 2)}\n`);
    renameSync(tmp, file);
    this.#probesDirty = false;
  }

  #once(key: string, find: () => Promise<Toolchain>): Promise<Toolchain> {
    let found = this.#found.get(key);
    if (found === undefined) {
      found = find();
      this.#found.set(key, found);
    }
    return found;
  }

  async #findRust(target: RustTarget): Promise<RustToolchain> {
    const explicit = this.#context.env['WELD_RUSTC'];
    const candidates = explicit ? [explicit] : onPath('rustc', this.#context.env);
    if (candidates.length === 0) throw BuildError.missingToolchain({ tool: 'rustc', reason: 'not found on PATH', install: rustInstall });
    const rejected: string[] = [];
    for (const path of candidates) {
      const probe = await this.#probe(path, async () => {
        const sysroot = (await runTool('rustc', path, ['--print', 'sysroot'])).stdout.trim();
        const version = (await runTool('rustc', path, ['-vV'])).stdout.trim();
        return { sysroot, version };
      }, (entry) => stamp(join(entry['sysroot'] ?? '', 'lib', 'rustlib')));
      const sysroot = probe['sysroot'] ?? '';
      const version = probe['version'] ?? '';
      if (existsSync(join(sysroot, 'lib', 'rustlib', target, 'lib'))) {
        if (onPath('rust-lld', this.#context.env).length === 0 && onPath('wasm-ld', this.#context.env).length === 0) {
          throw BuildError.missingToolchain({ tool: 'lld (wasm-ld)', reason: `not found on PATH, and ${path} links wasm with it`, install: rustInstall });
        }
        return { kind: 'rustc', path, sysroot, version };
      }
      rejected.push(`${path} (${version.split('\n', 1)[0] ?? 'rustc'}) has no std for ${target}`);
    }
    throw BuildError.missingToolchain({ tool: `rustc for ${target}`, reason: rejected.join('; '), install: rustInstall });
  }

  async #findGo(): Promise<GoToolchain> {
    const explicit = this.#context.env['WELD_GO'];
    const path = explicit || onPath('go', this.#context.env)[0];
    if (path === undefined) {
      const usual = '/usr/local/go/bin/go';
      const reason = existsSync(usual) ? `not found on PATH (${usual} exists: add /usr/local/go/bin to PATH)` : 'not found on PATH';
      throw BuildError.missingToolchain({ tool: 'go', reason, install: goInstall() });
    }
    const probe = await this.#probe(path, async () => {
      const env = { ...this.#context.env, GOTOOLCHAIN: 'local' };
      return { version: (await runTool('go', path, ['env', 'GOVERSION'], { env })).stdout.trim() };
    });
    const version = probe['version'] ?? '';
    const m = /^go1\.(\d+)/.exec(version);
    if (m === null || Number(m[1]) < goMinor) {
      throw BuildError.missingToolchain({ tool: `go ≥ 1.${goMinor}`, reason: `${path} is ${version || 'of unknown version'}, without //go:wasmexport`, install: goInstall() });
    }
    return { kind: 'go', path, version };
  }

  /**
   * What `run` finds out about the binary at `path`, remembered by the
   * binary's size and time; `extra` adds a stamp taken from the result (the
   * sysroot of a rustup proxy changes while the proxy stays the same).
   */
  async #probe(
    path: string,
    run: () => Promise<Record<string, string>>,
    extra: (entry: Record<string, string>) => string = () => '',
  ): Promise<Record<string, string>> {
    const probes = this.#loadProbes();
    const key = `${path} ${stamp(path)}`;
    const cached = probes[key];
    if (cached !== undefined && cached.extra === extra(cached.values)) return cached.values;
    const values = await run();
    probes[key] = { values, extra: extra(values) };
    this.#probesDirty = true;
    return values;
  }

  #probeFile(): string | undefined {
    return this.#context.cacheDir === undefined ? undefined : join(this.#context.cacheDir, 'toolchains.json');
  }

  #loadProbes(): Record<string, ProbeEntry> {
    if (this.#probes !== undefined) return this.#probes;
    const file = this.#probeFile();
    try {
      this.#probes = file === undefined ? {} : (JSON.parse(readFileSync(file, 'utf8')) as Record<string, ProbeEntry>);
    } catch {
      this.#probes = {};
    }
    return this.#probes;
  }
}

interface ProbeEntry {
  readonly values: Record<string, string>;
  readonly extra: string;
}

/** Size and modification time of a file, or '' if it is not there. */
function stamp(path: string): string {
  try {
    const s = statSync(path);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return '';
  }
}

/** Every executable file named `name` on `env.PATH`, first first, without duplicates. */
export function onPath(name: string, env: NodeJS.ProcessEnv): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      if (!statSync(candidate).isFile()) continue;
      const real = realpathSync(candidate);
      if (seen.has(real)) continue;
      seen.add(real);
      found.push(candidate);
    } catch {
      // not there
    }
  }
  return found;
}

/**
 * The version of an installed npm package, found from `entry` (a file the
 * package exports) because not every package exports its package.json.
 */
function npmVersion(name: string, entry: string): string {
  let file: string;
  try {
    file = fileURLToPath(import.meta.resolve(name));
  } catch {
    throw BuildError.missingToolchain({ tool: `the npm package ${name}`, reason: 'not installed', install: jsInstall });
  }
  const depth = entry.split('/').length;
  let dir = file;
  for (let i = 0; i < depth; i++) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

/** jco's preview1 adapter for reactors (modules with exports, not a `_start`). */
export function preview1AdapterPath(): string {
  return join(jcoDir(), 'lib', 'wasi_snapshot_preview1.reactor.wasm');
}
