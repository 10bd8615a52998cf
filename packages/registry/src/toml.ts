/** TOML documents of wkg's files (config.toml, wkg.lock), read with smol-toml. */
import { RegistryError } from './errors.js';

/** A TOML table. */
export type Table = Record<string, unknown>;

/** Whether `value` is a table (not an array, and not a TOML date, which smol-toml gives as a Date). */
export const isTable = (value: unknown): value is Table => typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/** Parses `text`; a syntax error is a `config` RegistryError at `path:line:column`. */
export async function parseToml(text: string, path: string): Promise<Table> {
  // Loaded on demand: the CLI bundle keeps it out of every command's start-up.
  const { parse, TomlError } = await import('smol-toml');
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof TomlError) throw new RegistryError('config', `${path}:${error.line}:${error.column}: ${error.message.split('\n', 1)[0] ?? ''}`);
    throw error;
  }
}
