/**
 * The reference binary every differential test compares against:
 * wasm-tools 1.263.0. Tests need it (CI installs it); when it is missing or
 * the wrong version they fail with the command that installs it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** The version the goldens were made with. */
export const WASM_TOOLS_VERSION = '1.263.0';

let found: string | undefined;

/** The path of wasm-tools: `$WASM_TOOLS`, then `PATH`, then `~/.cargo/bin`. */
export function wasmToolsPath(): string {
  if (found !== undefined) return found;
  const candidates = [
    process.env['WASM_TOOLS'],
    ...(process.env['PATH'] ?? '').split(delimiter).map((dir) => join(dir, 'wasm-tools')),
    join(homedir(), '.cargo', 'bin', 'wasm-tools'),
  ];
  const path = candidates.find((c): c is string => c !== undefined && c !== '' && existsSync(c));
  const install = `cargo install --locked wasm-tools --version ${WASM_TOOLS_VERSION}`;
  if (path === undefined) throw new Error(`wasm-tools not found; install it: ${install}`);
  const version = execFileSync(path, ['--version'], { encoding: 'utf8' }).trim();
  if (version !== `wasm-tools ${WASM_TOOLS_VERSION}`) {
    throw new Error(`${path} is ${version}, the tests need ${WASM_TOOLS_VERSION}: ${install}`);
  }
  found = path;
  return path;
}

/** Why wasm-tools cannot be used (missing or the wrong version), or undefined when it can: for the few checks that are skipped without it. */
export function wasmToolsMissing(): string | undefined {
  try {
    wasmToolsPath();
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
