/** The `// weld-test: ...` arguments of a WIT golden case (a file or a folder), as wasm-tools arguments. */
export function caseArgs(path: string): string[];
