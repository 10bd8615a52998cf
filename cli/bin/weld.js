#!/usr/bin/env node
// A stable bin path in front of the compiled entry point. It only explains a
// missing build, so a fresh clone gets a hint instead of a module-resolution
// stack trace.
let entry;
try {
  entry = await import('../dist/weld.mjs');
} catch (error) {
  const missing =
    error instanceof Error &&
    'code' in error &&
    error.code === 'ERR_MODULE_NOT_FOUND' &&
    error.message.includes('dist/weld.mjs');
  if (!missing) throw error;
  process.stderr.write('internal error: the weld CLI is not built; run `npm run build` first\n');
  process.exit(2);
}
process.exitCode = await entry.main(process.argv.slice(2));
