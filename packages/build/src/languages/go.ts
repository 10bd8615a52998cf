/**
 * Go: `GOOS=wasip1` with `//go:wasmexport` (Go ≥ 1.24) as a c-shared
 * reactor, then embedded and adapted with jco's preview1 reactor adapter.
 *
 *     GOOS=wasip1 GOARCH=wasm GOTOOLCHAIN=local CGO_ENABLED=0 \
 *       go build -trimpath -buildmode=c-shared -ldflags=-w -o core.wasm .
 *
 * The module must export `cabi_realloc_adapter`: the adapter allocates its
 * stack and state through it on Go's first preview1 call, inside
 * `_initialize`, before Go's heap exists; with only a Go-heap `cabi_realloc`
 * the component traps in the Go runtime on instantiation. The component's
 * source holds that allocator with its canonical-ABI glue (no bindings
 * generator for Go's wasip1 target can be installed here).
 */
import { join } from 'node:path';
import { runTool } from '../exec.js';
import type { GoComponent } from '../project.js';
import type { GoToolchain } from '../toolchains.js';
import type { StepContext } from './step-context.js';
import { embedAndNewInChild } from './tool-process.js';

/** The `go` arguments that build the package in the source folder into `core`. */
export function goArgs(core: string): string[] {
  return ['build', '-trimpath', '-buildmode=c-shared', '-ldflags=-w', '-o', core, '.'];
}

/** The environment `go build` runs in for wasip1. */
export function goEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, GOOS: 'wasip1', GOARCH: 'wasm', GOTOOLCHAIN: 'local', CGO_ENABLED: '0', GOFLAGS: '-mod=mod', GOWORK: 'off' };
}

/** Builds a Go component. */
export async function buildGo(spec: GoComponent, toolchain: GoToolchain, context: StepContext): Promise<Uint8Array> {
  const core = join(context.work, 'core.wasm');
  context.step('go build');
  await runTool('go build', toolchain.path, goArgs(core), { cwd: spec.source, env: goEnv(context.env) });
  context.step('embed + new');
  return embedAndNewInChild(core, context.witSource, spec.world, context.work, context.env);
}
