import type { Command } from 'commander';
import { grantsFromFlags, serveComponent } from '@weld/host';
import { addGrantOptions, grantFlagsOf } from '../grant-options.js';
import { interruptible, type CliIo } from '../io.js';
import { transferFlags, transferLimits, type TransferFlags } from '../oci-options.js';
import { UsageError } from '../report-error.js';
import { assertNotWit } from '../paths.js';
import { resolveTarget } from '../package-target.js';

/** The options of `weld serve` besides the grants. */
interface ServeFlags {
  readonly port: string;
  readonly host: string;
}

/**
 * Registers `weld serve TARGET --port N`: serves a component that exports
 * `wasi:http/incoming-handler` on loopback (or `--host`) until SIGINT or
 * SIGTERM.
 */
export function registerServe(program: Command, io: CliIo): void {
  transferFlags(
    addGrantOptions(
      program
        .command('serve')
        .description('serve a component that exports wasi:http/incoming-handler over HTTP, granting only what the flags allow')
        .argument('<target>', 'a component (.wasm), an OCI image layout directory, an OCI reference, or a package name ns:pkg[@version]')
        .requiredOption('-p, --port <N>', 'the TCP port (0: any free port)')
        .option('--host <ADDRESS>', 'the address to listen on', '127.0.0.1'),
    ),
  ).action(async (target: string, _options: unknown, command: Command) => {
    const flags = command.opts<ServeFlags>();
    const port = Number(flags.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${flags.port}: expected a port number, 0 to 65535`);
    assertNotWit(target, 'component');
    // A REF is pulled within the transfer limits, and an interrupt meanwhile stops the pull.
    const server = await interruptible(io, async (signal) => {
      const resolved = await resolveTarget(target, io, signal);
      return serveComponent(resolved.text, { grants: grantsFromFlags(grantFlagsOf(command)), port, host: flags.host, registry: { ...resolved.access, limits: transferLimits(command.opts<TransferFlags>(), io, signal) } });
    });
    io.err(`weld serve: listening on ${server.url}\n`);
    // Serving is the process's whole job: it ends when the process is asked to.
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    server.close();
  });
}
