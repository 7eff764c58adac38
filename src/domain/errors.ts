/** Stable codes that reach API clients as `extensions.code`. */
export type DomainErrorCode =
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'BROKER_UNAVAILABLE'
  | 'STORE_UNAVAILABLE';

/** An error whose message is safe to show to a client and whose code is part of the contract. */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The broker could not give a complete answer: not connected, timed out, or dropped mid-way. */
export class BrokerUnavailableError extends DomainError {
  constructor(reason: string, options?: ErrorOptions) {
    super('BROKER_UNAVAILABLE', reason, options);
  }
}
