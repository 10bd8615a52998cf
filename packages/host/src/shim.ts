/**
 * @bytecodealliance/preview2-shim's Node build, typed by what the host uses.
 * The package's `exports` list browser types first, so TypeScript would see
 * the browser build (no `createSockets`, no `HTTPServer`); this module states
 * the Node API instead.
 */
/** An interface implementation as jco expects it: functions and resource classes. */
export type Implementation = object;

type PathFlags = { readonly symlinkFollow?: boolean };

/**
 * A `wasi:filesystem/types` descriptor of the shim, by the methods the host
 * calls (it wraps every one, see confined-filesystem.ts). Failures are thrown
 * as error-code strings.
 */
export interface ShimDescriptor {
  openAt(flags: PathFlags, path: string, openFlags: object, descriptorFlags: object): ShimDescriptor;
  statAt(flags: PathFlags, path: string): unknown;
  metadataHashAt(flags: PathFlags, path: string): unknown;
  setTimesAt(flags: PathFlags, path: string, access: unknown, modification: unknown): void;
  linkAt(flags: PathFlags, oldPath: string, newDescriptor: ShimDescriptor, newPath: string): void;
  renameAt(oldPath: string, newDescriptor: ShimDescriptor, newPath: string): void;
  symlinkAt(target: string, path: string): void;
  readlinkAt(path: string): string;
  unlinkFileAt(path: string): void;
  removeDirectoryAt(path: string): void;
  createDirectoryAt(path: string): void;
  readViaStream(offset: bigint): unknown;
  writeViaStream(offset: bigint): unknown;
  appendViaStream(): unknown;
  advise(offset: bigint, length: bigint, advice: unknown): void;
  syncData(): void;
  sync(): void;
  getFlags(): unknown;
  getType(): unknown;
  setSize(size: bigint): void;
  setTimes(access: unknown, modification: unknown): void;
  read(length: bigint, offset: bigint): unknown;
  write(buffer: Uint8Array, offset: bigint): unknown;
  readDirectory(): unknown;
  stat(): unknown;
  metadataHash(): unknown;
  isSameObject(other: ShimDescriptor): boolean;
  [dispose: symbol]: (() => void) | undefined;
}

/** The shim's `filesystem` module, by what the host uses. */
export interface ShimFilesystem {
  createFilesystem(config: { preopens: Record<string, string> }): {
    readonly types: Implementation;
    readonly preopens: { getDirectories(): [ShimDescriptor, string][] };
  };
}

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
  readonly filesystem: ShimFilesystem;
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
