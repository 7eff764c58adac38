/** The listeners a command can start: the API, and (demo, simulate) the simulated TWS. */
export type Listener = 'api' | 'simulator';

/**
 * One of our listeners could not take its address. The system's error says only "EADDRINUSE
 * 127.0.0.1:4000"; a person needs to know which of the command's ports that was.
 */
export class ListenFailure extends Error {
  override readonly name = 'ListenFailure';
  /** The system's code: EADDRINUSE, EACCES, EADDRNOTAVAIL, ... */
  readonly code: string | undefined;

  constructor(
    readonly listener: Listener,
    readonly host: string,
    readonly port: number,
    cause: unknown,
  ) {
    super(`${listener} cannot listen on ${host}:${port}: ${(cause as Error)?.message ?? String(cause)}`, {
      cause,
    });
    const code = (cause as { code?: unknown } | undefined)?.code;
    this.code = typeof code === 'string' ? code : undefined;
  }
}

/** Runs `start`, naming the listener in whatever it throws while taking its address. */
export async function listening<T>(
  listener: Listener,
  address: { host: string; port: number },
  start: () => Promise<T>,
): Promise<T> {
  try {
    return await start();
  } catch (error) {
    // Only the system's refusal to listen; anything else passes as it is.
    if ((error as NodeJS.ErrnoException | undefined)?.syscall !== 'listen') throw error;
    throw new ListenFailure(listener, address.host, address.port, error);
  }
}
