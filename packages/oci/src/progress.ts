/** What push and pull report as they go, for progress bars and logs. */
import type { Digest } from './model.js';

/** One event of a transfer. */
export type TransferEvent =
  /** A blob or manifest is about to move. */
  | { readonly kind: 'start'; readonly digest: Digest; readonly size: number; readonly mediaType: string }
  /** `bytes` more of it moved. */
  | { readonly kind: 'bytes'; readonly digest: Digest; readonly bytes: number }
  /** The transfer started over (a lost upload session); progress goes back to 0. */
  | { readonly kind: 'restart'; readonly digest: Digest }
  /** It is in place, and how it got there. */
  | { readonly kind: 'done'; readonly digest: Digest; readonly outcome: 'uploaded' | 'exists' | 'mounted' | 'downloaded' | 'cached' };

/** Hears about transfers. */
export type OnTransfer = (event: TransferEvent) => void;
