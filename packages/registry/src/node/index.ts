/**
 * `@weld/registry/node`: the file-system edge of packages by name. wkg's
 * config file found and read, the content cache on disk, and `weld wit
 * fetch`: a WIT folder's `deps/` filled and its wkg.lock written.
 */
export { defaultConfigPath, loadConfig } from './config-file.js';
export { ContentCache, defaultCacheDir } from './cache.js';
export { depsFolderName, fetchWitDependencies, findLockPath, findProjectFile, readLock, readProjectMetadata } from './fetch.js';
export type { WitFetchOptions, WitFetchResult } from './fetch.js';
