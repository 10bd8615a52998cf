/** Running a jco step in a child process (see ../tool-process.ts). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTool } from '../exec.js';
import type { ToolRequest } from '../tool-process.js';

/** Runs `request` in a child node process, in `work`; returns the component it wrote. */
export async function inToolProcess(label: string, request: ToolRequest, work: string, env: NodeJS.ProcessEnv): Promise<Uint8Array> {
  const file = join(work, `${request.op}.json`);
  writeFileSync(file, JSON.stringify(request));
  const script = fileURLToPath(import.meta.resolve('@weld/build/tool-process'));
  await runTool(label, process.execPath, [script, file], { cwd: work, env, hideCommand: true });
  return readFileSync(request.output);
}

/** Embed + new of the core module at `core` in a child process. */
export function embedAndNewInChild(core: string, witSource: string, world: string, work: string, env: NodeJS.ProcessEnv): Promise<Uint8Array> {
  const output = join(work, 'component.wasm');
  return inToolProcess('wit-component (jco)', { op: 'embed-new', core, witSource, world, output }, work, env);
}
