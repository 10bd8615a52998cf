/**
 * Core module → component, with jco's wit-component: embed the world's
 * types (`component-type` custom section), then `component new`, adapting
 * `wasi_snapshot_preview1` imports to WASI 0.2 with jco's reactor adapter
 * when the module has any. The CLI equivalent is
 *
 *     wasm-tools component embed WIT core.wasm -w WORLD -o embedded.wasm
 *     wasm-tools component new embedded.wasm \
 *       --adapt wasi_snapshot_preview1=…/jco/lib/wasi_snapshot_preview1.reactor.wasm
 */
import { readFileSync } from 'node:fs';
import { BuildError } from './errors.js';
import { preview1AdapterPath } from './toolchains.js';

/** Whether a core module imports `wasi_snapshot_preview1` (and so needs the adapter). */
export function importsPreview1(core: Uint8Array): boolean {
  const { Module } = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  return Module.imports(new Module(core)).some((i) => i.module === 'wasi_snapshot_preview1');
}

/** The part of the WebAssembly JS API used here (the DOM lib, which types it, is not loaded). */
interface WasmApi {
  readonly Module: {
    new (bytes: Uint8Array): object;
    imports(module: object): readonly { readonly module: string; readonly name: string }[];
  };
}

/** Embeds `world` of `witSource` into `core` and makes it a component; adapts preview1 when `adapt`. */
export async function embedAndNew(core: Uint8Array, witSource: string, world: string, adapt = importsPreview1(core)): Promise<Uint8Array> {
  const { componentEmbed, componentNew } = await import('@bytecodealliance/jco');
  try {
    const embedded = await componentEmbed({ binary: core, witSource, world });
    const adapters: [string, Uint8Array][] = adapt ? [['wasi_snapshot_preview1', readFileSync(preview1AdapterPath())]] : [];
    return await componentNew(embedded, adapters);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const [first = text, ...rest] = text.trim().split('\n');
    throw new BuildError('tool-failed', `wit-component (jco): ${first}`, rest);
  }
}
