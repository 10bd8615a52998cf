/** Where wkg's config is found, as wkg finds it. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseRegistry, configName, RegistryError } from '@weld/registry';
import { defaultConfigPath, loadConfig } from '@weld/registry/node';

const scratch = mkdtempSync(join(tmpdir(), 'weld-registry-config-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('loadConfig', () => {
  it('without a file, applies the built-in namespaces and says where it looked', async () => {
    const env = { XDG_CONFIG_HOME: join(scratch, 'none') };
    const config = await loadConfig(undefined, env);
    expect(defaultConfigPath(env)).toBe(join(scratch, 'none', 'wasm-pkg', 'config.toml'));
    expect(chooseRegistry(config, 'wasi', 'http')).toEqual({ registry: 'wasi.dev', because: "wkg's built-in registry for the namespace wasi" });
    expect(chooseRegistry(config, 'ba', 'x')?.registry).toBe('bytecodealliance.org');
    expect(configName(config)).toBe(`no config file (${join(scratch, 'none', 'wasm-pkg', 'config.toml')} does not exist; built-in defaults)`);
  });

  it('reads the default file over the built-in namespaces, and $WKG_CONFIG_FILE without them', async () => {
    const home = join(scratch, 'home');
    mkdirSync(join(home, 'wasm-pkg'), { recursive: true });
    writeFileSync(join(home, 'wasm-pkg', 'config.toml'), '[namespace_registries]\ndemo = "localhost:5000"\n');
    const config = await loadConfig(undefined, { XDG_CONFIG_HOME: home });
    expect(chooseRegistry(config, 'demo', 'x')?.registry).toBe('localhost:5000');
    expect(chooseRegistry(config, 'wasi', 'io')?.registry).toBe('wasi.dev');
    const named = await loadConfig(undefined, { XDG_CONFIG_HOME: join(scratch, 'none'), WKG_CONFIG_FILE: join(home, 'wasm-pkg', 'config.toml') });
    expect(configName(named)).toBe(join(home, 'wasm-pkg', 'config.toml'));
    expect(chooseRegistry(named, 'wasi', 'io')).toBeUndefined();
  });

  it('a file named explicitly must exist', async () => {
    await expect(loadConfig(join(scratch, 'missing.toml'), {})).rejects.toThrow(RegistryError);
    await expect(loadConfig(join(scratch, 'missing.toml'), {})).rejects.toThrow(`${join(scratch, 'missing.toml')}: cannot read the wkg config (ENOENT)`);
  });
});
