/**
 * The `weld` command line. This file only wires commander: each command lives
 * in `commands/`, and every error is turned into text in `report-error.ts`.
 */
import { Command, CommanderError } from 'commander';
import { registerBuild } from './commands/build.js';
import { registerCompose } from './commands/compose.js';
import { registerInspect } from './commands/inspect.js';
import { registerLogin } from './commands/login.js';
import { registerLsp } from './commands/lsp.js';
import { registerPackage } from './commands/package.js';
import { registerPull } from './commands/pull.js';
import { registerPublish } from './commands/publish.js';
import { registerPush } from './commands/push.js';
import { registerRun } from './commands/run.js';
import { registerServe } from './commands/serve.js';
import { registerTypes } from './commands/types.js';
import { registerWit } from './commands/wit.js';
import { ExitCode, processIo, type CliIo } from './io.js';
import { reportError } from './report-error.js';
import { cliVersion } from './version.js';

export { ExitCode, type CliIo } from './io.js';

/**
 * Runs weld with `args` (without the node and script paths) and returns the
 * exit code instead of exiting, so tests can call it in-process.
 */
export async function main(args: readonly string[], given: CliIo = processIo()): Promise<ExitCode> {
  // Read before parsing: the commands decide on spinners before commander would hand the flag over.
  const end = args.indexOf('--');
  const io = (end < 0 ? args : args.slice(0, end)).includes('--no-color') ? { ...given, color: false } : given;
  const program = new Command('weld')
    .description('weld: a toolkit for the WebAssembly Component Model')
    .version(cliVersion(), '-V, --version', 'print the weld version')
    .helpOption('-h, --help', 'print help')
    .option('--no-color', 'no colours, spinners or progress bars (as with NO_COLOR=1)')
    // Commander must not exit the process itself: exit codes are decided below.
    .exitOverride()
    .configureOutput({
      writeOut: io.out,
      writeErr: io.err,
      // Commander's suggestion becomes weld's hint line: indented under the error.
      outputError: (text, write) => write(text.replace(/\n\(Did you mean (.+)\?\)\n$/u, '\n  did you mean $1?\n')),
    });
  // Subcommands inherit the settings above, so they are registered after.
  registerWit(program, io);
  registerInspect(program, io);
  registerBuild(program, io);
  registerCompose(program, io);
  registerPackage(program, io);
  registerPush(program, io);
  registerPublish(program, io);
  registerPull(program, io);
  registerLogin(program, io);
  registerRun(program, io);
  registerServe(program, io);
  registerTypes(program, io);
  registerLsp(program);
  try {
    await program.parseAsync([...args], { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    // Commander has already printed its message (or the help/version text).
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.user;
    return reportError(error, io);
  }
}
