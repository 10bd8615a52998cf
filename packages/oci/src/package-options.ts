/** What `weld package` and `weld push FILE` take besides the binary. */
import { processEnv, type Environment } from './runtime.js';

/** Options shared by both forms. Unset annotations come from the binary's metadata, flags win. */
export interface PackageOptions {
  /** The file name recorded in the layer title and as the entrypoint (`app.wasm`). */
  readonly title: string;
  /**
   * When the artifact was made; `SOURCE_DATE_EPOCH` when set, else now. The
   * same binary and the same `created` give the same digests.
   */
  readonly created?: Date;
  /** The config's `author`. */
  readonly author?: string;
  readonly version?: string;
  readonly source?: string;
  readonly revision?: string;
  readonly description?: string;
  readonly licenses?: string;
  /** More manifest annotations, any keys. */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** `created` as the options or `SOURCE_DATE_EPOCH` decide, else now, to whole seconds. */
export function createdOf(options: PackageOptions, env: Environment = processEnv()): Date {
  if (options.created !== undefined) return options.created;
  const epoch = env['SOURCE_DATE_EPOCH'];
  if (epoch !== undefined && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date(Math.floor(Date.now() / 1000) * 1000);
}

/** RFC 3339 without milliseconds. */
export const rfc3339 = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');
