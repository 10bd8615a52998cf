/** The WIT a component describes cannot be written down, or its types are inconsistent. */
export class WitDecodeError extends Error {
  override readonly name = 'WitDecodeError';
}
