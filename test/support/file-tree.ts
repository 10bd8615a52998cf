/** The files of a folder as data, for tests that compare what two tools wrote. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The files under `dir`, by path relative to it (`/`-separated), with their text. */
export function fileTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const stack = [''];
  while (stack.length > 0) {
    const rel = stack.pop()!;
    for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) stack.push(path);
      else out[path] = readFileSync(join(dir, path), 'utf8');
    }
  }
  return out;
}
