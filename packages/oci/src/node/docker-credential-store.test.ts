import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OciError } from '../errors.js';
import { dockerCredentials } from './docker-credentials.js';
import { eraseDockerCredentials, storeDockerCredentials } from './docker-credential-store.js';

const scratch = mkdtempSync(join(tmpdir(), 'weld-credential-store-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let count = 0;
/** A Docker config folder of its own, holding `config` when given. */
function env(config?: unknown): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(scratch, `c${count++}-`));
  if (config !== undefined) writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  return { DOCKER_CONFIG: dir };
}
const read = (e: NodeJS.ProcessEnv): unknown => JSON.parse(readFileSync(join(e['DOCKER_CONFIG']!, 'config.json'), 'utf8'));

describe('storeDockerCredentials and eraseDockerCredentials', () => {
  it("stores Docker Hub's under https://index.docker.io/v1/, as docker and oras do, and reads them back by any of Hub's names", async () => {
    const e = env();
    expect(await storeDockerCredentials('docker.io', { username: 'me', password: 'pw' }, e)).toEqual({ kind: 'config', path: join(e['DOCKER_CONFIG']!, 'config.json') });
    expect(read(e)).toEqual({ auths: { 'https://index.docker.io/v1/': { auth: Buffer.from('me:pw').toString('base64') } } });
    expect(await dockerCredentials(e)('registry-1.docker.io')).toEqual({ kind: 'basic', username: 'me', password: 'pw' });
  });

  it('replaces an older entry under another key form, and logout removes every form', async () => {
    const e = env({ auths: { 'https://reg.example:5000': { auth: 'b2xkOm9sZA==' }, 'http://reg.example:5000': { auth: 'b2xkOm9sZA==' }, keep: {} } });
    await storeDockerCredentials('reg.example:5000', { username: 'new', password: 'pw' }, e);
    expect(read(e)).toEqual({ auths: { keep: {}, 'reg.example:5000': { auth: Buffer.from('new:pw').toString('base64') } } });
    expect(await eraseDockerCredentials('reg.example:5000', e)).toHaveLength(1);
    expect(read(e)).toEqual({ auths: { keep: {} } });
    expect(await eraseDockerCredentials('reg.example:5000', e)).toEqual([]);
  });

  it('refuses a user name with a colon, and a config that is not a JSON object', async () => {
    await expect(storeDockerCredentials('reg.example', { username: 'a:b', password: 'pw' }, env())).rejects.toThrow(/has a colon/);
    const e = env();
    writeFileSync(join(e['DOCKER_CONFIG']!, 'config.json'), '[1]');
    await expect(storeDockerCredentials('reg.example', { username: 'a', password: 'pw' }, e)).rejects.toBeInstanceOf(OciError);
    expect(readFileSync(join(e['DOCKER_CONFIG']!, 'config.json'), 'utf8')).toBe('[1]');
  });
});
