// Child-process entry of runCli (run-component.ts): instantiates a transpiled
// component with real stdio and calls its wasi:cli/run export, so the parent
// sees the guest's stdout, stderr and exit code as a process's.
//
//   node cli-child.mjs '<JSON of CliChildConfig, see jco-host.d.mts>'
//
// Exit codes: the guest's own (wasi:cli/exit), 0 when run returns ok, 1 when
// it returns err, 2 with a message on stderr when instantiation or the call
// fails (a trap, a missing import, no wasi:cli/run export).

import { pathToFileURL } from 'node:url';
import { instantiate, resolveImports, unversioned, wasiImports } from './jco-host.mjs';

async function main() {
  const config = JSON.parse(process.argv[2] ?? '');
  const { transpiled } = config;
  let host = {};
  if (config.hostModule !== undefined) {
    const module = await import(pathToFileURL(config.hostModule).href);
    host = typeof module.default === 'function' ? await module.default() : module.default;
  }
  const wasi = wasiImports({
    env: config.env,
    args: config.args,
    cwd: config.cwd,
    preopens: config.preopens,
    network: config.network,
    onExit: 'process',
  });
  const exports = await instantiate(transpiled, resolveImports(transpiled, host, wasi));
  const runName = transpiled.exports.find((name) => unversioned(name) === 'wasi:cli/run');
  if (runName === undefined) throw new Error(`${transpiled.source} does not export wasi:cli/run`);
  try {
    exports[runName].run();
  } catch (err) {
    // jco turns `err` from `run: func() -> result` into a thrown ComponentError.
    if (err instanceof Error && err.constructor.name === 'ComponentError') {
      process.exitCode = 1;
      return;
    }
    throw err;
  }
  process.exitCode = 0;
}

main().catch((err) => {
  process.stderr.write(`cli-child: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 2;
});
