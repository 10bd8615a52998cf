/** A layout directory or tar as an {@link ImageSource}, the same way a registry is one. */
import type { ImageSource } from '../source.js';
import { openLayout, selectRoot } from './layout.js';

/** The image named `ref` (or the only one) in the layout directory or tar at `path`. */
export async function layoutSource(path: string, ref?: string): Promise<ImageSource> {
  const layout = await openLayout(path);
  const root = selectRoot(layout, ref);
  const name = ref === undefined ? path : `${path}:${ref}`;
  return {
    name,
    root: async () => ({ descriptor: root, bytes: await layout.blob(root) }),
    manifest: (desc) => layout.blob(desc),
    blob: async (desc) => [await layout.blob(desc)],
  };
}
