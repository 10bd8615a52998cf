import type { Command } from 'commander';
import { grantsFromFlags, runCommand } from '@weld/host';
import { addGrantOptions, grantFlagsOf } from '../grant-options.js';
import type { CliIo } from '../io.js';
import { ExitStatus } from '../report-error.js';
import { assertNotWit } from '../paths.js';

/**
 * Registers `weld run TARGET [-- ARGS…]`: runs a component that exports
 * `wasi:cli/run` in this process, so stdin, stdout and stderr are weld's own
 * and the guest's exit code becomes weld's.
 */
export function registerRun(program: Command, io: CliIo): void {
  addGrantOptions(
    program
      .command('run')
      .description('run a component that exports wasi:cli/run, granting only what the flags allow')
      .argument('<target>', 'a component (.wasm), an OCI image layout directory, or an OCI reference')
      .argument('[args...]', 'arguments for the component; put them after --'),
  ).action(async (target: string, args: string[], _options: unknown, command: Command) => {
    assertNotWit(target, 'component');
    const result = await runCommand(target, { grants: grantsFromFlags(grantFlagsOf(command)), args });
    for (const note of result.notes) io.err(`weld: note: ${note}\n`);
    if (result.exitCode !== 0) throw new ExitStatus(result.exitCode);
  });
}
