/**
 * What each imported interface asks of the host, and the up-front check of a
 * component's imports against the grants. The rules:
 *
 * - always given: stdio and terminals (`wasi:cli/std*`, `terminal-*`),
 *   `wasi:cli/exit`, `wasi:io/*`, `wasi:random/*`, `wasi:clocks/monotonic-clock`
 *   (it measures elapsed time from an arbitrary origin and reveals nothing of
 *   the host) and `wasi:http/types` (types only).
 * - scoped, always linked but empty unless granted: `wasi:filesystem/*` sees
 *   only `--dir` preopens (none by default); `wasi:cli/environment` sees only
 *   `--env`/`--inherit-env` variables, the arguments after `--` and no initial
 *   working directory; `wasi:clocks/wall-clock` starts at the Unix epoch when
 *   the guest starts unless `--allow-clock`. These are not refused because
 *   every component built through the WASI preview1 adapter imports them
 *   whether or not it uses them: refusing would refuse nearly everything,
 *   while an empty grant denies just as much.
 * - refused unless granted: `wasi:sockets/*` and `wasi:http/outgoing-handler`
 *   need `--allow-net`.
 * - refused: any other import. Other WASI interfaces (or WASI versions other
 *   than 0.2) are not implemented by the host; non-WASI interfaces must be
 *   plugged with `weld compose` first.
 *
 * Imports that carry only types (world.ts, `WorldNames.typeOnly`) are not
 * checked at all: nothing provides them at run time, so nothing is granted.
 */
import { unreachable } from '@weld/wit';
import type { Grants } from './grants.js';
import { HostError } from './errors.js';

/** How the host treats one imported interface. */
export type Capability =
  | { readonly kind: 'ambient' }
  | { readonly kind: 'scoped'; readonly grant: 'dir' | 'env' | 'clock' }
  | { readonly kind: 'net' }
  | { readonly kind: 'unsupported'; readonly why: string }
  | { readonly kind: 'foreign' };

const ambient = [
  'wasi:cli/exit', 'wasi:cli/stdin', 'wasi:cli/stdout', 'wasi:cli/stderr',
  'wasi:cli/terminal-input', 'wasi:cli/terminal-output',
  'wasi:cli/terminal-stdin', 'wasi:cli/terminal-stdout', 'wasi:cli/terminal-stderr',
  'wasi:io/error', 'wasi:io/poll', 'wasi:io/streams',
  'wasi:random/random', 'wasi:random/insecure', 'wasi:random/insecure-seed',
  'wasi:clocks/monotonic-clock',
  'wasi:http/types',
];
const scoped: Readonly<Record<string, 'dir' | 'env' | 'clock'>> = {
  'wasi:filesystem/types': 'dir',
  'wasi:filesystem/preopens': 'dir',
  'wasi:cli/environment': 'env',
  'wasi:clocks/wall-clock': 'clock',
};
const net = [
  'wasi:sockets/network', 'wasi:sockets/instance-network',
  'wasi:sockets/tcp', 'wasi:sockets/tcp-create-socket',
  'wasi:sockets/udp', 'wasi:sockets/udp-create-socket',
  'wasi:sockets/ip-name-lookup',
  'wasi:http/outgoing-handler',
];

/** `wasi:cli/run@0.2.12` → `{ name: 'wasi:cli/run', version: '0.2.12' }`. */
export function splitVersion(name: string): { readonly name: string; readonly version: string | undefined } {
  const at = name.indexOf('@');
  return at === -1 ? { name, version: undefined } : { name: name.slice(0, at), version: name.slice(at + 1) };
}

/** The host's rule for an imported interface (a full name, version included). */
export function capabilityOf(importName: string): Capability {
  const { name, version } = splitVersion(importName);
  if (!name.startsWith('wasi:')) return { kind: 'foreign' };
  const known = ambient.includes(name) || name in scoped || net.includes(name);
  if (!known) return { kind: 'unsupported', why: 'weld’s host does not implement this WASI interface' };
  if (version === undefined || !/^0\.2\.\d+($|-)/.test(version)) {
    return { kind: 'unsupported', why: `weld’s host implements WASI 0.2, not ${version ?? 'an unversioned interface'}` };
  }
  const grant = scoped[name];
  if (grant !== undefined) return { kind: 'scoped', grant };
  return net.includes(name) ? { kind: 'net' } : { kind: 'ambient' };
}

/** One import the host will not satisfy, with what to do about it. */
export interface Refusal {
  readonly import: string;
  /** Why, and the flag that grants it when one does. */
  readonly reason: string;
  readonly flag?: string;
}

/** The imports among `imports` that `grants` do not allow, in order. */
export function refusals(imports: readonly string[], grants: Grants): Refusal[] {
  const out: Refusal[] = [];
  for (const name of imports) {
    const capability = capabilityOf(name);
    switch (capability.kind) {
      case 'ambient':
      case 'scoped':
        break;
      case 'net':
        if (!grants.net) out.push({ import: name, reason: 'network access; grant it with --allow-net', flag: '--allow-net' });
        break;
      case 'unsupported':
        out.push({ import: name, reason: capability.why });
        break;
      case 'foreign':
        out.push({ import: name, reason: 'not a WASI interface, so no host provides it; plug it with `weld compose` first' });
        break;
      default:
        unreachable(capability, 'capability');
    }
  }
  return out;
}

/**
 * Throws a `refused` HostError listing every import of `source` that the
 * grants do not allow, before anything is transpiled or instantiated.
 */
export function assertGranted(source: string, imports: readonly string[], grants: Grants): void {
  const refused = refusals(imports, grants);
  if (refused.length === 0) return;
  const flags = [...new Set(refused.flatMap((r) => (r.flag === undefined ? [] : [r.flag])))];
  throw new HostError(
    'refused',
    `${source} imports ${refused.length === 1 ? 'an interface' : 'interfaces'} weld will not provide${flags.length > 0 ? ` without ${flags.join(', ')}` : ''}; nothing was run`,
    refused.map((r) => `${r.import}: ${r.reason}`),
  );
}
