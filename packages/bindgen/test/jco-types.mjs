// `jco types` / `jco guest-types` through jco's API, for tests and bench/types.
// usage: node jco-types.mjs WIT WORLD guest|host OUT
//
// jco 1.35 runs its generator on preview2-shim 0.26, which preopens no
// directory unless told to: without `_setPreopens` every WIT path is "not
// found". jco's own CLI has the same problem here; the grant is the fix.
const modules = new URL('../../../node_modules/@bytecodealliance/', import.meta.url);
// The copy of preview2-shim that jco-transpile's generator imports.
const shim = await import(new URL('jco-transpile/node_modules/@bytecodealliance/preview2-shim/dist/nodejs/filesystem.js', modules).href);
shim._setPreopens({ '/': '/' });
const { types, guestTypes } = await import(new URL('jco/dist/cmd/types.js', modules).href);
const [, , wit, world, mode, out] = process.argv;
// The world's own name names the files (jco would otherwise keep `@version` in it).
const name = world.replace(/^.*\//u, '').replace(/@.*$/u, '');
const started = performance.now();
if (mode === 'guest') await guestTypes(wit, { name, worldName: world, outDir: out, quiet: true });
else await types(wit, { name, worldName: world, outDir: out, quiet: true, instantiation: 'async' });
process.stdout.write(`${(performance.now() - started).toFixed(1)}\n`);
