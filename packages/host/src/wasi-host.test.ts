import { describe, expect, it } from 'vitest';
import { denyAll, loadShim, wasiImports } from '@weld/host';

type Clock = { now(): { seconds: bigint; nanoseconds: number } };
type Preopens = { getDirectories(): unknown[] };
type Environment = { getEnvironment(): [string, string][]; getArguments(): string[]; initialCwd(): string | undefined };

describe('wasiImports', () => {
  it('grants nothing by default: no preopens, no variables, no cwd, no network interfaces', async () => {
    const wasi = wasiImports(await loadShim(), denyAll, { args: ['app.wasm', 'x'] });
    expect((wasi['wasi:filesystem/preopens'] as Preopens).getDirectories()).toEqual([]);
    const environment = wasi['wasi:cli/environment'] as Environment;
    expect(environment.getEnvironment()).toEqual([]);
    expect(environment.getArguments()).toEqual(['app.wasm', 'x']);
    expect(environment.initialCwd()).toBeUndefined();
    expect(Object.keys(wasi).filter((name) => name.startsWith('wasi:sockets/') || name === 'wasi:http/outgoing-handler')).toEqual([]);
  });

  it('starts the wall clock at the epoch unless --allow-clock', async () => {
    const shim = await loadShim();
    const sandboxed = (wasiImports(shim, denyAll, { args: [] })['wasi:clocks/wall-clock'] as Clock).now();
    expect(sandboxed.seconds).toBeLessThan(60n);
    const real = (wasiImports(shim, { ...denyAll, wallClock: true }, { args: [] })['wasi:clocks/wall-clock'] as Clock).now();
    expect(Number(real.seconds)).toBeGreaterThan(Date.now() / 1000 - 60);
  });

  it('lists granted directories and variables', async () => {
    const wasi = wasiImports(await loadShim(), { ...denyAll, dirs: [{ host: '/tmp', guest: '/data' }], env: { A: '1' } }, { args: [] });
    expect((wasi['wasi:filesystem/preopens'] as Preopens).getDirectories().map((entry) => (entry as [unknown, string])[1])).toEqual(['/data']);
    expect((wasi['wasi:cli/environment'] as Environment).getEnvironment()).toEqual([['A', '1']]);
  });
});
