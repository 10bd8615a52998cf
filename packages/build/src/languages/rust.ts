/**
 * Rust: Debian's rustc (1.63; apt-get install -y rustc libstd-rust-dev-wasm32
 * lld) compiles the crate root to a core module, which is embedded and made a
 * component. No cargo: the crate has no dependencies, and its canonical-ABI
 * glue is written by hand (wit-bindgen needs a newer Rust than Debian has).
 *
 *     rustc --edition 2021 --crate-type cdylib --crate-name NAME \
 *       --target TARGET -C opt-level=s -C panic=abort -C strip=debuginfo \
 *       --remap-path-prefix=SOURCE=NAME -o core.wasm ENTRY
 *
 * For wasm32-wasi the module is a reactor: crt1-reactor.o's `_initialize`
 * runs the constructors once (`-C link-arg=--export=_initialize`). Without it
 * wasm-ld wraps every export (cabi_realloc and cabi_post_* too) in a
 * "command export" that reruns them, and std's environ setup then calls an
 * import where the component model forbids it. Its preview1 imports are
 * adapted with jco's reactor adapter. wasm32-unknown-unknown imports nothing.
 */
import { join } from 'node:path';
import { runTool } from '../exec.js';
import type { RustComponent } from '../project.js';
import type { RustToolchain } from '../toolchains.js';
import type { StepContext } from './step-context.js';
import { embedAndNewInChild } from './tool-process.js';

/** The rustc arguments for `spec`, writing `core`. */
export function rustcArgs(spec: RustComponent, toolchain: RustToolchain, core: string): string[] {
  const args = [
    '--edition', '2021',
    '--crate-type', 'cdylib',
    '--crate-name', spec.name.replace(/-/g, '_'),
    '--target', spec.target,
    '-C', `opt-level=${spec.optLevel}`,
    '-C', 'panic=abort',
    '-C', 'strip=debuginfo',
  ];
  if (spec.target === 'wasm32-wasi') {
    const reactor = join(toolchain.sysroot, 'lib', 'rustlib', 'wasm32-wasi', 'lib', 'self-contained', 'crt1-reactor.o');
    args.push('-C', 'link-arg=--export=_initialize', '-C', `link-arg=${reactor}`);
  }
  args.push(`--remap-path-prefix=${spec.source}=${spec.name}`, '-o', core, spec.entry);
  return args;
}

/** Builds a Rust component. */
export async function buildRust(spec: RustComponent, toolchain: RustToolchain, context: StepContext): Promise<Uint8Array> {
  const core = join(context.work, 'core.wasm');
  context.step('rustc');
  await runTool('rustc', toolchain.path, rustcArgs(spec, toolchain, core), { cwd: context.work, env: context.env });
  context.step('embed + new');
  return embedAndNewInChild(core, context.witSource, spec.world, context.work, context.env);
}
