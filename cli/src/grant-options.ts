/**
 * The grant flags `weld run` and `weld serve` share: deny by default, grant
 * explicitly (see `@weld/host`'s capabilities.ts for what each one opens).
 */
import type { Command } from 'commander';
import type { GrantFlags } from '@weld/host';

const repeatable = (value: string, previous: readonly string[] | undefined): string[] => [...(previous ?? []), value];

/** Adds `--dir`, `--env`, `--inherit-env`, `--allow-net` and `--allow-clock` to `command`. */
export function addGrantOptions(command: Command): Command {
  return command
    .option('--dir <HOST[::GUEST]>', 'let the component see the host directory HOST, named GUEST (default: HOST) (repeatable)', repeatable)
    .option('--env <K=V|K>', 'set the environment variable K (K alone: the host\'s value of K) (repeatable)', repeatable)
    .option('--inherit-env', 'let the component see every host environment variable')
    .option('--allow-net', 'let the component use the network (wasi:sockets, wasi:http/outgoing-handler)')
    .option('--allow-clock', 'let the component read the host\'s wall-clock time (otherwise its clock starts at 1970-01-01)');
}

/** The grant flags of a parsed command. */
export function grantFlagsOf(command: Command): GrantFlags {
  return command.opts<GrantFlags>();
}
