/**
 * The jco steps of a build, run in a child process: componentize-js (which
 * runs wizer with `spawnSync` and hands it the process's stdout) and
 * wit-component's embed + new (seconds of synchronous work for a Go module).
 * In the builder's own thread either would stop every other build, and the
 * spinner, until done.
 *
 *     node tool-process.js REQUEST.json
 *
 * reads a {@link ToolRequest}, writes the component to its `output`, and
 * exits 0; on failure it prints the reason to stderr and exits 1.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { argv, exit, stderr } from 'node:process';
import { unreachable } from '@weld/wit';
import { embedAndNew } from './embed.js';
import { BuildError } from './errors.js';

/** What the child is asked to do. */
export type ToolRequest =
  | {
      readonly op: 'componentize';
      /** The bundled module. */
      readonly js: string;
      /** Its name in stack traces. */
      readonly sourceName: string;
      readonly witSource: string;
      readonly world: string;
      readonly disableFeatures: readonly string[];
      readonly output: string;
    }
  | {
      readonly op: 'embed-new';
      /** The core module's file. */
      readonly core: string;
      readonly witSource: string;
      readonly world: string;
      readonly output: string;
    };

async function componentize(request: Extract<ToolRequest, { op: 'componentize' }>): Promise<Uint8Array> {
  const { componentize } = await import('@bytecodealliance/componentize-js');
  // The JS goes in as a string (componentize(source, opts), marked
  // deprecated but supported), not as sourcePath: with a sourcePath
  // componentize-js hands wizer two preopens (its work dir and the
  // source's dir mapped to /) and the relative module path resolves
  // against whichever comes first, so about one build in three failed
  // with 'Error loading module "app.js" ... No such file or directory'.
  // As a string the source sits in the work dir that both preopens name.
  // The WIT goes in as text too: preview2-shim grants no filesystem.
  const options = {
    sourceName: request.sourceName,
    witWorld: request.witSource,
    worldName: request.world,
    disableFeatures: [...request.disableFeatures],
  };
  const run = componentize as unknown as (source: string, opts: typeof options) => Promise<{ component: Uint8Array }>;
  return (await run(request.js, options)).component;
}

async function perform(request: ToolRequest): Promise<Uint8Array> {
  switch (request.op) {
    case 'componentize':
      return componentize(request);
    case 'embed-new':
      return embedAndNew(readFileSync(request.core), request.witSource, request.world);
    default:
      return unreachable(request);
  }
}

const file = argv[2];
if (file !== undefined) {
  const request = JSON.parse(readFileSync(file, 'utf8')) as ToolRequest;
  try {
    writeFileSync(request.output, await perform(request));
  } catch (error) {
    const details = error instanceof BuildError ? error.details : [];
    stderr.write([error instanceof Error ? error.message : String(error), ...details].map((l) => `${l}\n`).join(''));
    exit(1);
  }
}
