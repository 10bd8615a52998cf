/**
 * WASI 0.2 for one guest, from @bytecodealliance/preview2-shim, holding only
 * what the grants allow (see capabilities.ts for the rules). The shim's own
 * module-level defaults are never handed out where they would grant more:
 * its `wasi:filesystem/preopens` preopens the host's `/`, its environment is
 * the host's, and its sockets reach the network, so those come from
 * instance-local replacements built here. Every filesystem path is confined
 * to its preopen (confined-filesystem.ts).
 */
import { isatty } from 'node:tty';
import { confinedFilesystem } from './confined-filesystem.js';
import type { NodeShim } from './shim.js';
import type { Grants } from './grants.js';

/** Thrown inside the host when the guest calls `wasi:cli/exit`; the caller turns it into an exit code. */
export class GuestExit extends Error {
  override readonly name = 'GuestExit';
  readonly code: number;

  constructor(code: number) {
    super(`the component exited with code ${code}`);
    this.code = code;
  }
}

/** What one guest instance gets besides its grants. */
export interface WasiContext {
  /** `wasi:cli/environment` arguments, the program name first. */
  readonly args: readonly string[];
  /** Called when the guest asks for its preopened directories (for hints after a failure). */
  readonly onPreopens?: () => void;
}

/** A wall clock that reads the Unix epoch when it is made and advances in real time after. */
function epochWallClock(): object {
  const start = process.hrtime.bigint();
  return {
    now() {
      const elapsed = process.hrtime.bigint() - start;
      return { seconds: elapsed / 1_000_000_000n, nanoseconds: Number(elapsed % 1_000_000_000n) };
    },
    resolution: () => ({ seconds: 0n, nanoseconds: 1 }),
  };
}

/**
 * The WASI imports of one instance, keyed by interface name without version
 * (`wasi:cli/stdout`), the way jco names the keys of its import object.
 * `shim` is preview2-shim (`loadShim()`).
 */
export function wasiImports(shim: NodeShim, grants: Grants, context: WasiContext): Record<string, object> {
  const env = Object.entries(grants.env);
  const args = [...context.args];
  const fs = confinedFilesystem(shim.filesystem, Object.fromEntries(grants.dirs.map((d) => [d.guest, d.host])));
  const preopens = {
    getDirectories() {
      context.onPreopens?.();
      return fs.preopens.getDirectories();
    },
  };
  const sockets = shim.sockets.createSockets({ enableNetwork: grants.net });
  const { TerminalInput } = shim.cli.terminalInput;
  const { TerminalOutput } = shim.cli.terminalOutput;
  const imports: Record<string, object> = {
    'wasi:cli/environment': {
      getEnvironment: () => env,
      getArguments: () => args,
      initialCwd: () => undefined,
    },
    'wasi:cli/exit': {
      exit(status: { tag: 'ok' | 'err' }) {
        throw new GuestExit(status.tag === 'err' ? 1 : 0);
      },
      exitWithCode(code: number) {
        throw new GuestExit(code);
      },
    },
    'wasi:cli/stdin': shim.cli.stdin,
    'wasi:cli/stdout': shim.cli.stdout,
    'wasi:cli/stderr': shim.cli.stderr,
    'wasi:cli/terminal-input': shim.cli.terminalInput,
    'wasi:cli/terminal-output': shim.cli.terminalOutput,
    // A terminal only where the host's stream is one.
    'wasi:cli/terminal-stdin': { getTerminalStdin: () => (isatty(0) ? new TerminalInput() : undefined) },
    'wasi:cli/terminal-stdout': { getTerminalStdout: () => (isatty(1) ? new TerminalOutput() : undefined) },
    'wasi:cli/terminal-stderr': { getTerminalStderr: () => (isatty(2) ? new TerminalOutput() : undefined) },
    'wasi:io/error': shim.io.error,
    'wasi:io/poll': shim.io.poll,
    'wasi:io/streams': shim.io.streams,
    'wasi:random/random': shim.random.random,
    'wasi:random/insecure': shim.random.insecure,
    'wasi:random/insecure-seed': shim.random.insecureSeed,
    'wasi:clocks/monotonic-clock': shim.clocks.monotonicClock,
    'wasi:clocks/wall-clock': grants.wallClock ? shim.clocks.wallClock : epochWallClock(),
    'wasi:filesystem/types': fs.types,
    'wasi:filesystem/preopens': preopens,
    'wasi:http/types': shim.http.types,
  };
  if (grants.net) {
    Object.assign(imports, {
      'wasi:sockets/network': sockets.network,
      'wasi:sockets/instance-network': sockets.instanceNetwork,
      'wasi:sockets/tcp': sockets.tcp,
      'wasi:sockets/tcp-create-socket': sockets.tcpCreateSocket,
      'wasi:sockets/udp': sockets.udp,
      'wasi:sockets/udp-create-socket': sockets.udpCreateSocket,
      'wasi:sockets/ip-name-lookup': sockets.ipNameLookup,
      'wasi:http/outgoing-handler': shim.http.outgoingHandler,
    });
  }
  return imports;
}
