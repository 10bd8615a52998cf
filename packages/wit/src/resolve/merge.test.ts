import { describe, expect, it } from 'vitest';
import { loadWitText } from '../load.js';
import { mergeWorlds } from './merge.js';
import type { Resolve, WorldId } from '../model.js';

/** Interfaces `i0`…`i<n-1>`, each using a type of the one before, and the given worlds. */
function chain(n: number, worlds: string): Resolve {
  const lines = ['package a:b;', 'interface i0 { type t = u32; }'];
  for (let i = 1; i < n; i++) lines.push(`interface i${i} { use i${i - 1}.{t}; }`);
  return loadWitText('chain.wit', `${lines.join('\n')}\n${worlds}\n`).resolve;
}

function world(resolve: Resolve, name: string): WorldId {
  const id = resolve.worlds.findIndex((w) => w.name === name);
  if (id === -1) throw new Error(`no world ${name}`);
  return id;
}

describe('mergeWorlds', () => {
  it('walks long dependency chains without running out of stack', () => {
    const n = 20_000;
    const resolve = chain(n, `interface j { use i${n - 2}.{t}; }\nworld into { export i${n - 1}; }\nworld source { export j; }`);
    mergeWorlds(resolve, world(resolve, 'source'), world(resolve, 'into'));
    expect(resolve.worlds[world(resolve, 'into')]!.exports.size).toBe(2);
  });

  it('names the chain of dependencies that leads to an export', () => {
    const resolve = chain(3, 'world into { export i0; }\nworld source { export i2; }');
    expect(() => mergeWorlds(resolve, world(resolve, 'source'), world(resolve, 'into'))).toThrow(
      'failed to add export `a:b/i2`: failed validating export of `a:b/i2`: failed validating transitive import dep `a:b/i1`: '
        + "world exports `a:b/i0` but it's also transitively used by an import which means that this is not valid",
    );
  });
});
