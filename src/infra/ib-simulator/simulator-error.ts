/** Stable codes of the control API's errors; a test or script can branch on them. */
export type SimulatorErrorCode =
  | 'INVALID_OPTION'
  | 'UNKNOWN_ACCOUNT'
  | 'INVALID_CONTRACT'
  | 'INVALID_QUANTITY'
  | 'INVALID_PRICE'
  | 'POSITION_EXISTS'
  | 'UNKNOWN_POSITION'
  | 'UNKNOWN_CLIENT'
  | 'UNKNOWN_EXECUTION'
  | 'NOT_RUNNING';

/** A control-API call that cannot be carried out; the simulator's state is left as it was. */
export class SimulatorError extends Error {
  override readonly name = 'SimulatorError';
  constructor(
    readonly code: SimulatorErrorCode,
    message: string,
  ) {
    super(message);
  }
}
