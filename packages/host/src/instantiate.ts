/** Instantiates a transpiled component with an import object. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HostError } from './errors.js';
import type { Transpiled } from './transpile-cache.js';

/** A compiled core module (`WebAssembly.Module`, which this project's libs do not declare). */
type CoreModule = object;

const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<CoreModule> } }).WebAssembly;

/** The module jco generates in instantiation mode. */
interface GeneratedModule {
  instantiate(
    getCoreModule: (file: string) => Promise<CoreModule>,
    imports: Record<string, object>,
  ): Promise<Record<string, unknown>>;
}

/**
 * Instantiates `transpiled`, taking each import jco asks for from
 * `implementations` (keyed without versions). An import left without one
 * throws a `refused` HostError; the up-front check should have caught it.
 */
export async function instantiate(
  source: string,
  transpiled: Transpiled,
  implementations: Readonly<Record<string, object>>,
): Promise<Record<string, unknown>> {
  const imports: Record<string, object> = {};
  const missing: string[] = [];
  for (const name of transpiled.imports) {
    const at = name.indexOf('@');
    const impl = implementations[name] ?? implementations[at === -1 ? name : name.slice(0, at)];
    if (impl === undefined) missing.push(name);
    else imports[name] = impl;
  }
  if (missing.length > 0) {
    throw new HostError('refused', `${source} imports interfaces weld does not provide`, missing);
  }
  const js = (await import(pathToFileURL(join(transpiled.dir, transpiled.js)).href)) as GeneratedModule;
  try {
    return await js.instantiate(async (file) => wasm.compile(await readFile(join(transpiled.dir, file))), imports);
  } catch (error) {
    throw new HostError('guest', `${source} could not be instantiated: ${error instanceof Error ? error.message : String(error)}`, [], {
      cause: error,
    });
  }
}

/** The export of `exports` named `name` with any version (`wasi:cli/run` finds `wasi:cli/run@0.2.12`). */
export function findExport(exports: Record<string, unknown>, transpiled: Transpiled, name: string): unknown {
  const key = transpiled.exports.find((e) => e === name || e.startsWith(`${name}@`));
  return key === undefined ? undefined : exports[key];
}
