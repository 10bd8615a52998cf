/** Canonical functions: lift, lower, resource and async built-ins. */
import type { CoreValType } from './core.js';
import type { ValType } from './val-type.js';

/** A canonical ABI option of `canon lift`, `canon lower` and the built-ins that take options; `index` is a core memory, core function or core type index. */
export type CanonOption =
  | { readonly kind: 'utf8' }
  | { readonly kind: 'utf16' }
  | { readonly kind: 'compact-utf16' }
  | { readonly kind: 'memory'; readonly index: number }
  | { readonly kind: 'realloc'; readonly index: number }
  | { readonly kind: 'post-return'; readonly index: number }
  | { readonly kind: 'async' }
  | { readonly kind: 'callback'; readonly index: number }
  | { readonly kind: 'core-type'; readonly index: number }
  | { readonly kind: 'gc' };

/** Built-ins that take no immediates. */
export type NullaryCanonKind =
  | 'thread.available-parallelism'
  | 'backpressure.inc'
  | 'backpressure.dec'
  | 'task.cancel'
  | 'thread.yield'
  | 'subtask.drop'
  | 'error-context.drop'
  | 'waitable-set.new'
  | 'waitable-set.drop'
  | 'waitable.join'
  | 'thread.index'
  | 'thread.resume-later'
  | 'thread.suspend'
  | 'thread.suspend-then-resume'
  | 'thread.yield-then-resume'
  | 'thread.suspend-then-promote'
  | 'thread.yield-then-promote';

/** Built-ins over a stream or future type: `(canon stream.new $t)`, ... */
export type StreamOrFutureCanonKind =
  | 'stream.new' | 'stream.forward' | 'stream.drop-readable' | 'stream.drop-writable'
  | 'future.new' | 'future.forward' | 'future.drop-readable' | 'future.drop-writable';

/** Stream/future reads and writes, with canonical options. */
export type StreamOrFutureIoKind = 'stream.read' | 'stream.write' | 'future.read' | 'future.write';

/** Stream/future cancellation, optionally async. */
export type StreamOrFutureCancelKind =
  | 'stream.cancel-read' | 'stream.cancel-write' | 'future.cancel-read' | 'future.cancel-write';

/** An entry of a canon section. */
export type CanonFunction =
  /** `(canon lift core-func options (type t))`. */
  | { readonly kind: 'lift'; readonly coreFunc: number; readonly type: number; readonly options: readonly CanonOption[] }
  /** `(canon lower func options)`. */
  | { readonly kind: 'lower'; readonly func: number; readonly options: readonly CanonOption[] }
  | { readonly kind: 'resource.new' | 'resource.drop' | 'resource.rep'; readonly resource: number }
  | { readonly kind: 'thread.spawn-ref'; readonly funcType: number }
  | { readonly kind: 'thread.spawn-indirect' | 'thread.new-indirect'; readonly funcType: number; readonly table: number }
  | { readonly kind: NullaryCanonKind }
  | { readonly kind: 'task.return'; readonly result: ValType | undefined; readonly options: readonly CanonOption[] }
  | { readonly kind: 'context.get' | 'context.set'; readonly type: CoreValType; readonly slot: number }
  | { readonly kind: 'subtask.cancel'; readonly async: boolean }
  | { readonly kind: StreamOrFutureCanonKind; readonly type: number }
  | { readonly kind: StreamOrFutureIoKind; readonly type: number; readonly options: readonly CanonOption[] }
  | { readonly kind: StreamOrFutureCancelKind; readonly type: number; readonly async: boolean }
  | { readonly kind: 'error-context.new' | 'error-context.debug-message'; readonly options: readonly CanonOption[] }
  | { readonly kind: 'waitable-set.wait' | 'waitable-set.poll'; readonly memory: number };
