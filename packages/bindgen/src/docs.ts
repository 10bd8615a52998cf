/**
 * WIT doc comments as TSDoc: the text as written, with `*​/` defused so it
 * cannot end the comment early, and tags for what the signature hides (the
 * error a function throws, the docs of enum cases).
 */
import type { Docs } from '@weld/wit';

/** One TSDoc block's description, or undefined when there is nothing to say. */
export function tsdoc(docs: Docs, ...extra: readonly (string | undefined)[]): string | undefined {
  const parts = [docs?.trim(), ...extra].filter((part): part is string => part !== undefined && part !== '');
  if (parts.length === 0) return undefined;
  return parts.join('\n\n').replace(/\*\//gu, '*\u200b/');
}

/** `@throws` with the error type, for functions whose `result` becomes an exception. */
export function throwsTag(errorType: string): string {
  return errorType === 'void'
    ? '@throws when the WIT `result` is `err` (it has no payload)'
    : `@throws {${errorType}} the \`err\` payload of the WIT \`result\``;
}
