// The interfaces app.ts imports, as componentize-js presents them: enums as
// strings, records as objects, variants as `{ tag, val }`, options as
// `T | undefined`, flags as objects of booleans, resources as classes; a
// function returning `result<T, E>` returns T or throws a `ComponentError`
// (not an `Error`) whose `payload` is the E. Written by hand for now;
// `weld bindgen` will generate these.

declare module 'weld:demo/calc@0.1.0' {
  export type Op = 'add' | 'sub' | 'mul' | 'div';
  export interface Expr {
    op: Op;
    lhs: number;
    rhs: number;
  }
  export type CalcError =
    | { tag: 'division-by-zero' }
    | { tag: 'not-finite'; val: number }
    | { tag: 'syntax'; val: [number, string] };
  /** @throws a ComponentError with a CalcError `payload` */
  export function parse(text: string): Expr;
  /** `eval` is a reserved name in a module, so it is imported under another. */
  function evaluate(expression: Expr): number;
  export { evaluate as eval };
  export class Accumulator {
    constructor(initial: number);
    /** @throws a ComponentError with a CalcError `payload` */
    apply(op: Op, operand: number): number;
    total(): number;
    history(): Expr[];
  }
}

declare module 'weld:demo/format@0.1.0' {
  import type { CalcError, Expr, Op } from 'weld:demo/calc@0.1.0';
  export interface Notation {
    showSign?: boolean;
    scientific?: boolean;
  }
  export interface Style {
    precision?: number;
    groupSeparator?: string;
    notation: Notation;
  }
  export function symbol(op: Op): string;
  export function number(value: number, style: Style): string;
  export function equation(expression: Expr, value: number, style: Style): string;
  export function describeError(error: CalcError): string;
}

declare module 'wasi:cli/environment@0.2.12' {
  export function getArguments(): string[];
}

declare module 'wasi:io/streams@0.2.12' {
  export class OutputStream {
    /** @throws on a closed stream */
    blockingWriteAndFlush(contents: Uint8Array): void;
    /** Drops the stream (componentize-js resources are disposable). */
    [Symbol.dispose](): void;
  }
}

declare module 'wasi:cli/stdout@0.2.12' {
  import type { OutputStream } from 'wasi:io/streams@0.2.12';
  export function getStdout(): OutputStream;
}

declare module 'wasi:http/types@0.2.12' {
  import type { OutputStream } from 'wasi:io/streams@0.2.12';
  export class Fields {
    constructor();
    /** @throws a ComponentError with a header-error `payload` */
    static fromList(entries: [string, Uint8Array][]): Fields;
  }
  export class IncomingRequest {
    pathWithQuery(): string | undefined;
  }
  export class OutgoingBody {
    /** @throws once the body's stream was taken */
    write(): OutputStream;
    static finish(body: OutgoingBody, trailers: Fields | undefined): void;
  }
  export class OutgoingResponse {
    constructor(headers: Fields);
    /** @throws for a status outside 100..=999 */
    setStatusCode(status: number): void;
    /** @throws once the body was taken */
    body(): OutgoingBody;
  }
  export class ResponseOutparam {
    static set(param: ResponseOutparam, response: { tag: 'ok'; val: OutgoingResponse } | { tag: 'err'; val: unknown }): void;
  }
}
