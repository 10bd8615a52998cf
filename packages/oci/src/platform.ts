/** The wasm platform of an image index: what weld writes and what it picks when it reads one. */
import type { Descriptor } from './model.js';

/** The platform the index names (what `docker run --platform wasi/wasm` selects). */
export const dockerWasmPlatform = { architecture: 'wasm', os: 'wasi' } as const;

/** Whether a manifest of an index is for a wasm platform. */
export const isWasmPlatform = (d: Descriptor): boolean => d.platform?.architecture === 'wasm' || (d.platform?.os ?? '').startsWith('wasi');
