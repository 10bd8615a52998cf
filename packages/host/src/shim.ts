/**
 * @bytecodealliance/preview2-shim's Node build, typed by what the host uses.
 * The package's `exports` list browser types first, so TypeScript would see
 * the browser build (no `createSockets`, no `HTTPServer`); this module states
 * the Node API instead.
 */
/** An interface implementation as jco expects it: functions and resource classes. */
export type Implementation = object;

/** The parts of the Node build the host uses. */
export interface NodeShim {
  readonly cli: {
    readonly stdin: Implementation;
    readonly stdout: Implementation;
    readonly stderr: Implementation;
    readonly terminalInput: { readonly TerminalInput: new () => object };
    readonly terminalOutput: { readonly TerminalOutput: new () => object };
  };
  readonly clocks: {
    readonly monotonicClock: Implementation;
    readonly wallClock: Implementation;
  };
  readonly filesystem: {
    createFilesystem(config: { preopens: Record<string, string> }): {
      readonly types: Implementation;
      readonly preopens: { getDirectories(): unknown[] };
    };
  };
  readonly http: {
    readonly types: Implementation;
    readonly outgoingHandler: Implementation;
    readonly HTTPServer: new (incomingHandler: { handle(request: unknown, responseOut: unknown): void }) => {
      listen(port: number, host: string): void;
      address(): unknown;
      stop(): void;
    };
  };
  readonly io: { readonly error: Implementation; readonly poll: Implementation; readonly streams: Implementation };
  readonly random: { readonly random: Implementation; readonly insecure: Implementation; readonly insecureSeed: Implementation };
  readonly sockets: {
    createSockets(config: { enableNetwork: boolean }): Record<
      'network' | 'instanceNetwork' | 'tcp' | 'tcpCreateSocket' | 'udp' | 'udpCreateSocket' | 'ipNameLookup',
      Implementation
    >;
  };
}

let loaded: Promise<NodeShim> | undefined;

/**
 * The shim, as its Node build, loaded on first use: importing it costs tens
 * of milliseconds that commands other than `run` and `serve` need not pay.
 */
export function loadShim(): Promise<NodeShim> {
  loaded ??= import('@bytecodealliance/preview2-shim').then((module) => module as unknown as NodeShim);
  return loaded;
}
