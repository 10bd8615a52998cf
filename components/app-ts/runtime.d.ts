// What StarlingMonkey (componentize-js's engine) provides beyond ES2022 and
// app.ts uses.
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
