import { createServer, type Server, type Socket } from 'node:net';

/**
 * A listening TCP port that can be closed for real (connecting then fails with ECONNREFUSED) and
 * opened again on the same port number.
 */
export class TcpListener {
  #server: Server | undefined;
  #closing: Promise<void> | undefined;
  #opening: Promise<void> | undefined;
  #port: number;

  constructor(
    readonly host: string,
    port: number,
    private readonly onSocket: (socket: Socket) => void,
  ) {
    this.#port = port;
  }

  /** The port in use: the one asked for, or the one the system chose for 0. */
  get port(): number {
    return this.#port;
  }

  get listening(): boolean {
    return this.#server?.listening ?? false;
  }

  /** Listens; a call while already listening, or opening, shares that outcome. */
  open(): Promise<void> {
    this.#opening ??= this.#open().finally(() => {
      this.#opening = undefined;
    });
    return this.#opening;
  }

  async #open(): Promise<void> {
    await this.#closing;
    if (this.#server) return;
    const server = createServer((socket) => this.onSocket(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#port, this.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (address && typeof address === 'object') this.#port = address.port;
    this.#server = server;
  }

  /** Stops accepting at once; resolves when the sockets it accepted are gone too. */
  async close(): Promise<boolean> {
    const server = this.#server;
    if (!server) return false;
    this.#server = undefined;
    this.#closing = new Promise<void>((resolve) => server.close(() => resolve()));
    await this.#closing;
    return true;
  }
}
