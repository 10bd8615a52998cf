/**
 * TypeScript and JavaScript: esbuild bundles the entry module into one ES
 * module (types stripped; imports of WIT interfaces such as
 * `weld:demo/calc@0.1.0` or `wasi:cli/stdout@0.2.12` left as imports), then
 * componentize-js (in a child process, see tool-process.ts) makes it
 * a component of the world; it adds the preview1 adapter itself.
 */
import { basename, join } from 'node:path';
import { BuildError } from '../errors.js';
import type { JsComponent } from '../project.js';
import type { StepContext } from './step-context.js';
import { inToolProcess } from './tool-process.js';

/** An import of a WIT interface: `namespace:package/interface`, optionally `@version`. */
const witImport = /^(?!node:)[a-z][a-z0-9-]*:[a-z][a-z0-9-]*\/[a-z][a-z0-9-]*(@[0-9A-Za-z.+-]+)?$/;

/** Bundles the entry module with esbuild; WIT interface imports stay imports. */
export async function bundleJs(spec: JsComponent): Promise<string> {
  const esbuild = await import('esbuild');
  let result;
  try {
    result = await esbuild.build({
      entryPoints: [spec.entry],
      absWorkingDir: spec.source,
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      target: 'es2022',
      mainFields: ['module', 'main'],
      logLevel: 'silent',
      charset: 'utf8',
      plugins: [
        {
          name: 'wit-imports',
          setup(build) {
            build.onResolve({ filter: /^[a-z][a-z0-9-]*:/ }, (args) =>
              witImport.test(args.path) ? { path: args.path, external: true } : undefined,
            );
          },
        },
      ],
    });
  } catch (error) {
    const errors = (error as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }).errors;
    if (errors === undefined) throw error;
    throw new BuildError(
      'tool-failed',
      `esbuild could not bundle ${spec.entry}`,
      errors.map((e) => (e.location ? `${e.location.file}:${e.location.line}:${e.location.column}: ${e.text}` : e.text)),
    );
  }
  const [output] = result.outputFiles;
  if (output === undefined) throw new BuildError('tool-failed', `esbuild wrote nothing for ${spec.entry}`);
  return output.text;
}

/** Builds a TypeScript or JavaScript component. */
export async function buildJs(spec: JsComponent, context: StepContext): Promise<Uint8Array> {
  context.step('esbuild');
  const js = await bundleJs(spec);
  context.step('componentize-js');
  const output = join(context.work, 'component.wasm');
  return inToolProcess('componentize-js', {
    op: 'componentize',
    output,
    js,
    sourceName: basename(spec.entry).replace(/\.[cm]?tsx?$/, '.js'),
    witSource: context.witSource,
    world: spec.world,
    disableFeatures: spec.disableFeatures,
  }, context.work, context.env);
}
