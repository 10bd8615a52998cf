// Bundles the compiled CLI into cli/dist/weld.mjs, which the `weld` bin
// loads: one module instead of dozens saves most of Node's start-up cost
// beyond the runtime itself (see bench/wit). What the code imports on demand
// (ajv, yaml, chokidar, ora, smol-toml) goes into chunks of its own under
// cli/dist/chunks/, so a command that never needs it does not parse it.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const dist = new URL('../cli/dist/', import.meta.url).pathname;
// Chunk names carry a hash: old ones would pile up.
rmSync(`${dist}chunks`, { recursive: true, force: true });
await build({
  entryPoints: { weld: `${dist}main.js` },
  outdir: dist,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
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
  external: ['@bytecodealliance/*', '@weld/bindgen', 'esbuild'],
  // commander is CommonJS and requires Node built-ins, which ESM output needs a `require` for.
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
});
