/** `WWW-Authenticate` challenges (RFC 7235), as registries send them. */

/** One challenge: its scheme (lowercase) and parameters. */
export interface Challenge {
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
}

/**
 * Parses a `WWW-Authenticate` header, which may hold several challenges:
 * `Bearer realm="https://auth/token",service="reg",scope="repository:a:pull"`.
 */
export function parseChallenges(header: string): Challenge[] {
  const challenges: Challenge[] = [];
  const token = /\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)/y;
  let at = 0;
  let current: { scheme: string; params: Record<string, string> } | undefined;
  while (at < header.length) {
    token.lastIndex = at;
    const word = token.exec(header);
    if (word === null) {
      at++;
      continue;
    }
    at = token.lastIndex;
    const afterWord = header.slice(at);
    const eq = /^\s*=\s*/.exec(afterWord);
    if (eq !== null && current !== undefined && !/^\s*=\s*=/.test(afterWord)) {
      at += eq[0].length;
      let value = '';
      if (header[at] === '"') {
        at++;
        while (at < header.length && header[at] !== '"') {
          if (header[at] === '\\' && at + 1 < header.length) at++;
          value += header[at];
          at++;
        }
        at++;
      } else {
        const bare = /[^,\s]*/y;
        bare.lastIndex = at;
        value = bare.exec(header)?.[0] ?? '';
        at = bare.lastIndex;
      }
      current.params[word[1]!.toLowerCase()] = value;
      const comma = /^\s*,/.exec(header.slice(at));
      if (comma !== null) at += comma[0].length;
    } else {
      current = { scheme: word[1]!.toLowerCase(), params: {} };
      challenges.push(current);
      const comma = /^\s*,/.exec(header.slice(at));
      if (comma !== null) at += comma[0].length;
    }
  }
  return challenges;
}
