// Bundles the compiled CLI into cli/dist/weld.mjs, which the `weld` bin
// loads: one module instead of dozens saves most of Node's start-up cost
// beyond the runtime itself (see bench/wit). What the code imports on demand
// (ajv, yaml, chokidar, ora, smol-toml) goes into chunks of its own under
// cli/dist/chunks/, so a command that never needs it does not parse it.
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const dist = new URL('../cli/dist/', import.meta.url).pathname;

/**
 * A CommonJS package imported on demand becomes a chunk whose only export is
 * `default` (esbuild's splitting), where Node gives its named exports too:
 * `const { Ajv } = await import('ajv')` would find nothing. Such an import
 * goes through a module that names them, as Node's own CommonJS interop does.
 */
const commonJsOnDemand = ['ajv', 'yaml'];
const namedExports = {
  name: 'named-exports',
  setup(esbuild) {
    esbuild.onResolve({ filter: new RegExp(`^(${commonJsOnDemand.join('|')})$`) }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, namespace: 'named-exports', pluginData: args.resolveDir } : undefined,
    );
    esbuild.onLoad({ filter: /.*/, namespace: 'named-exports' }, (args) => {
      const names = Object.keys(createRequire(`${args.pluginData}/`)(args.path)).filter((n) => n !== 'default' && /^[A-Za-z_$][\w$]*$/.test(n));
      const contents = `import * as m from ${JSON.stringify(args.path)};\nexport default m.default;\nexport const { ${names.join(', ')} } = m;\n`;
      return { contents, resolveDir: args.pluginData, loader: 'js' };
    });
  },
};
// Chunk names carry a hash: old ones would pile up.
rmSync(`${dist}chunks`, { recursive: true, force: true });
await build({
  entryPoints: { weld: `${dist}main.js` },
  outdir: dist,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  plugins: [namedExports],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  // jco and preview2-shim (weld run/serve) find their own files (wasm,
  // worker scripts) next to their modules, so they load from node_modules.
  // @weld/bindgen brings ts-morph and its own TypeScript (megabytes): `weld types`
  // imports it on demand from node_modules, so no other command pays to load it.
  // esbuild (which `weld build` bundles TypeScript with) finds its native
  // binary next to its own module, so it loads from node_modules too.
  // @weld/lsp brings vscode-languageserver (a fifth of the bundle's size): `weld lsp`
  // imports it on demand too.
  external: ['@bytecodealliance/*', '@weld/bindgen', '@weld/lsp', 'esbuild'],
  // commander is CommonJS and requires Node built-ins, which ESM output needs a `require` for.
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
});
