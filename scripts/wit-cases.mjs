// The conventions of the WIT golden cases (packages/wit/tests/ui), shared by
// the bless script and the test harness that reads its goldens.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The `// weld-test: ...` arguments of a case, as wasm-tools arguments. */
export function caseArgs(path) {
  const files = statSync(path).isDirectory()
    ? readdirSync(path).filter((f) => f.endsWith('.wit')).sort().map((f) => join(path, f))
    : [path];
  for (const file of files) {
    const match = /^\/\/ weld-test:(.*)$/m.exec(readFileSync(file, 'utf8'));
    if (!match) continue;
    const words = match[1].trim().split(/\s+/).filter(Boolean);
    const args = [];
    for (let i = 0; i < words.length; i++) {
      if (words[i] === '--all-features') args.push('--all-features');
      else if (words[i] === '--features' && i + 1 < words.length) args.push('--features', words[++i]);
      else throw new Error(`${path}: unknown weld-test argument ${words[i]}`);
    }
    return args;
  }
  return [];
}
