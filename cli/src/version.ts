import { readFileSync } from 'node:fs';

/** The version in `cli/package.json`, the one `weld --version` prints. */
export function cliVersion(): string {
  // dist/version.js and src/version.ts both sit one level below package.json.
  const manifest: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  if (typeof manifest === 'object' && manifest !== null && 'version' in manifest && typeof manifest.version === 'string') {
    return manifest.version;
  }
  throw new Error('cli/package.json has no version');
}
