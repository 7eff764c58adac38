/**
 * Message ids of the TWS API text protocol (server versions 100..193). Requests are what a client
 * sends; replies are what TWS sends back. Only the messages this server speaks are named.
 */
export const RequestId = {
  REQ_ACCT_DATA: 6,
  REQ_EXECUTIONS: 7,
  REQ_IDS: 8,
  REQ_MANAGED_ACCTS: 17,
  REQ_CURRENT_TIME: 49,
  REQ_POSITIONS: 61,
  CANCEL_POSITIONS: 64,
  START_API: 71,
  REQ_POSITIONS_MULTI: 74,
  CANCEL_POSITIONS_MULTI: 75,
} as const;

export const ReplyId = {
  ERR_MSG: 4,
  ACCT_VALUE: 6,
  PORTFOLIO_VALUE: 7,
  ACCT_UPDATE_TIME: 8,
  NEXT_VALID_ID: 9,
  EXECUTION_DATA: 11,
  MANAGED_ACCTS: 15,
  CURRENT_TIME: 49,
  ACCT_DOWNLOAD_END: 54,
  EXECUTION_DATA_END: 55,
  COMMISSION_REPORT: 59,
  POSITION_DATA: 61,
  POSITION_END: 62,
  POSITION_MULTI: 71,
  POSITION_MULTI_END: 72,
} as const;

/** Server versions at which a message this server sends changes shape. */
export const ServerVersion = {
  /** The lowest version of the length-prefixed ("V100+") protocol. */
  MIN_V100: 100,
  /** Positions become decimal strings instead of integers. */
  FRACTIONAL_POSITIONS: 101,
  /** Positions per account and model (REQ_POSITIONS_MULTI) exist from here on; executions name a model. */
  MODELS_SUPPORT: 103,
  /**
   * EXECUTION_DATA loses its message-version field (clients take the server version for it) and
   * gains the last-liquidity field.
   */
  LAST_LIQUIDITY: 136,
  /** ERR_MSG gains a trailing advanced-order-reject JSON field. */
  ADVANCED_ORDER_REJECT: 166,
  /** EXECUTION_DATA gains a trailing pending-price-revision flag. */
  PENDING_PRICE_REVISION: 178,
  /** The highest text-protocol version @stoqey/ib 1.6.x accepts (194 reshapes ERR_MSG). */
  MAX_TEXT: 193,
} as const;
