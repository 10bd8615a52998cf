import type { Command } from 'commander';
import { grantsFromFlags, runCommand } from '@weld/host';
import { addGrantOptions, grantFlagsOf } from '../grant-options.js';
import { interruptible, type CliIo } from '../io.js';
import { transferFlags, transferLimits, type TransferFlags } from '../oci-options.js';
import { ExitStatus } from '../report-error.js';
import { assertNotWit } from '../paths.js';
import { resolveTarget } from '../package-target.js';

/**
 * Registers `weld run TARGET [-- ARGS…]`: runs a component that exports
 * `wasi:cli/run` in this process, so stdin, stdout and stderr are weld's own
 * and the guest's exit code becomes weld's.
 */
export function registerRun(program: Command, io: CliIo): void {
  transferFlags(
    addGrantOptions(
      program
        .command('run')
        .description('run a component that exports wasi:cli/run, granting only what the flags allow')
        .argument('<target>', 'a component (.wasm), an OCI image layout directory, an OCI reference, or a package name ns:pkg[@version]')
        .argument('[args...]', 'arguments for the component; put them after --'),
    ),
  ).action(async (target: string, args: string[], _options: unknown, command: Command) => {
    assertNotWit(target, 'component');
    // Interrupts stop a pull (and clean up after it); once the guest starts, they are the guest's.
    const result = await interruptible(io, async (signal, release) => {
      const resolved = await resolveTarget(target, io, signal);
      return runCommand(resolved.text, {
        grants: grantsFromFlags(grantFlagsOf(command)),
        args,
        registry: {
          ...resolved.access,
          limits: transferLimits(command.opts<TransferFlags>(), io, signal),
          onRetry: (what, reason, wait) => {
            if (io.debug) io.err(`retrying ${what} in ${Math.round(wait)} ms (${reason})\n`);
          },
        },
        onPrepared: release,
      });
    });
    for (const note of result.notes) io.err(`weld: note: ${note}\n`);
    if (result.exitCode !== 0) throw new ExitStatus(result.exitCode);
  });
}
