/**
 * Test inputs for `@weld/compose`: components made from WIT with wasm-tools
 * (`component embed --dummy` + `component new`), cached by content under
 * the system temp directory, and the checks run on composed output.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ComposeInput } from '@weld/compose';

/** The wasm-tools binary: `$WASM_TOOLS`, `~/.cargo/bin/wasm-tools`, or `wasm-tools` on PATH. */
export function wasmToolsBin(): string {
  if (process.env['WASM_TOOLS']) return process.env['WASM_TOOLS'];
  const cargo = join(homedir(), '.cargo', 'bin', 'wasm-tools');
  return existsSync(cargo) ? cargo : 'wasm-tools';
}

function run(args: readonly string[], input?: Uint8Array): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(wasmToolsBin(), args, { input, maxBuffer: 1 << 28 });
  if (r.error) throw new Error(`cannot run wasm-tools: ${r.error.message}`);
  return { status: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

function ok(args: readonly string[]): void {
  const r = run(args);
  if (r.status !== 0) throw new Error(`wasm-tools ${args.join(' ')} failed:\n${r.stderr}`);
}

/** The repository root. */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const cacheRoot = join(tmpdir(), 'weld-compose-tests');

/** WIT given inline: the main file's text and dependency package directories (copied to `deps/`). */
export interface InlineWit {
  readonly text: string;
  readonly deps?: readonly string[];
}

/**
 * A component for world `world` of the WIT at `wit` (a directory, or a file's
 * text given inline), named `name` (e.g. `app.wasm`).
 */
export function componentFromWit(name: string, wit: string | InlineWit, world: string): ComposeInput {
  const key = createHash('sha256')
    .update(typeof wit === 'string' ? `dir:${wit}` : `text:${wit.text}\0${(wit.deps ?? []).join('\0')}`)
    .update(`\0${world}`)
    .digest('hex')
    .slice(0, 24);
  const dir = join(cacheRoot, key);
  const out = join(dir, 'component.wasm');
  if (!existsSync(out)) {
    mkdirSync(dir, { recursive: true });
    let witPath = wit as string;
    if (typeof wit !== 'string') {
      witPath = join(dir, 'wit');
      mkdirSync(witPath, { recursive: true });
      writeFileSync(join(witPath, 'world.wit'), wit.text);
      for (const dep of wit.deps ?? []) cpSync(dep, join(witPath, 'deps', basename(dep)), { recursive: true });
    }
    const core = join(dir, 'core.wasm');
    ok(['component', 'embed', '--dummy', witPath, '--world', world, '-o', core]);
    ok(['component', 'new', core, '-o', `${out}.tmp`]);
    writeFileSync(out, readFileSync(`${out}.tmp`));
  }
  return { name, bytes: readFileSync(out) };
}

/** `wasm-tools validate`: undefined when valid, else the message. */
export function validate(bytes: Uint8Array): string | undefined {
  const r = run(['validate', '--features', 'all', '-'], bytes);
  return r.status === 0 ? undefined : r.stderr;
}

/** `wasm-tools component wit` of some bytes. */
export function witOf(bytes: Uint8Array): string {
  const dir = join(cacheRoot, 'out');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${createHash('sha256').update(bytes).digest('hex').slice(0, 24)}.wasm`);
  writeFileSync(file, bytes);
  const r = run(['component', 'wit', file]);
  if (r.status !== 0) throw new Error(`wasm-tools component wit failed:\n${r.stderr}`);
  return r.stdout;
}

/** Strips a template literal's common indentation and its first and last line breaks. */
export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').replace(/\n\s*$/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length));
  return `${lines.map((l) => l.slice(indent)).join('\n')}\n`;
}

const goldenDir = join(dirname(fileURLToPath(import.meta.url)), 'golden');

/** Compares `actual` with `test/golden/<name>`; `BLESS=1` writes it instead. */
export function golden(name: string, actual: string): { readonly expected: string; readonly actual: string } {
  const file = join(goldenDir, name);
  if (process.env['BLESS'] === '1' || !existsSync(file)) {
    if (process.env['BLESS'] !== '1') throw new Error(`missing golden file ${file}; run with BLESS=1 to write it`);
    mkdirSync(goldenDir, { recursive: true });
    writeFileSync(file, actual);
  }
  return { expected: readFileSync(file, 'utf8'), actual };
}
