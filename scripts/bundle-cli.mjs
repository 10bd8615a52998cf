// Bundles the compiled CLI into one file, cli/dist/weld.mjs, which the `weld`
// bin loads: one module instead of dozens saves most of Node's start-up cost
// beyond the runtime itself (see bench/wit).
import { build } from 'esbuild';

await build({
  entryPoints: [new URL('../cli/dist/main.js', import.meta.url).pathname],
  outfile: new URL('../cli/dist/weld.mjs', import.meta.url).pathname,
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
