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
  // commander is CommonJS and requires Node built-ins, which ESM output needs a `require` for.
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
});
