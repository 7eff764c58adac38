import { RequestId } from './message-ids.js';

/**
 * A client request, read from the fields of one frame. Every request starts with its message id
 * and a request-version field; START_API's client id is therefore the third field, not the second.
 */
export type ClientRequest =
  | { readonly type: 'START_API'; readonly clientId: number; readonly capabilities: string }
  | { readonly type: 'REQ_IDS'; readonly numIds: number }
  | { readonly type: 'REQ_MANAGED_ACCTS' }
  | { readonly type: 'REQ_CURRENT_TIME' }
  | { readonly type: 'REQ_POSITIONS' }
  | { readonly type: 'CANCEL_POSITIONS' }
  | { readonly type: 'REQ_ACCT_DATA'; readonly subscribe: boolean; readonly account: string }
  /** Positions of one account (and model), answered and pushed with the request's id. */
  | {
      readonly type: 'REQ_POSITIONS_MULTI';
      readonly reqId: number;
      readonly account: string;
      readonly modelCode: string;
    }
  | { readonly type: 'CANCEL_POSITIONS_MULTI'; readonly reqId: number }
  /** The day's executions that pass the filter, answered under the request's id. */
  | { readonly type: 'REQ_EXECUTIONS'; readonly reqId: number; readonly filter: ExecutionFilter }
  /** A request this server does not implement; TWS-like, it is ignored. */
  | { readonly type: 'UNKNOWN'; readonly msgId: number; readonly fields: readonly string[] };

export type ClientRequestType = ClientRequest['type'];

/**
 * What a REQ_EXECUTIONS asks for; an empty field (or client id 0) does not filter. `time` is text
 * as the client sent it (see execution-time.ts), `side` is BUY or SELL.
 */
export interface ExecutionFilter {
  readonly clientId: number;
  readonly acctCode: string;
  readonly time: string;
  readonly symbol: string;
  readonly secType: string;
  readonly exchange: string;
  readonly side: string;
}

/** A frame whose fields do not form the request its id names. */
export class MalformedRequestError extends Error {
  override readonly name = 'MalformedRequestError';
  readonly code = 'MALFORMED_REQUEST';
}

export function decodeRequest(fields: readonly string[]): ClientRequest {
  const reader = new FieldReader(fields);
  const msgId = reader.int('message id');
  switch (msgId) {
    case RequestId.START_API: {
      reader.int('version');
      // A client that was given no id sends an empty field; TWS reads empty numbers as 0.
      const clientId = reader.intOrEmpty('client id') ?? 0;
      return { type: 'START_API', clientId, capabilities: reader.optional() ?? '' };
    }
    case RequestId.REQ_IDS:
      reader.int('version');
      return { type: 'REQ_IDS', numIds: reader.intOrEmpty('number of ids') ?? 0 };
    case RequestId.REQ_MANAGED_ACCTS:
      reader.int('version');
      return { type: 'REQ_MANAGED_ACCTS' };
    case RequestId.REQ_CURRENT_TIME:
      reader.int('version');
      return { type: 'REQ_CURRENT_TIME' };
    case RequestId.REQ_POSITIONS:
      reader.int('version');
      return { type: 'REQ_POSITIONS' };
    case RequestId.CANCEL_POSITIONS:
      reader.int('version');
      return { type: 'CANCEL_POSITIONS' };
    case RequestId.REQ_ACCT_DATA: {
      const version = reader.int('version');
      const subscribe = reader.bool('subscribe');
      // Version 1 had no account code: the subscription was for the only account.
      const account = version >= 2 ? reader.string('account code') : '';
      return { type: 'REQ_ACCT_DATA', subscribe, account };
    }
    case RequestId.REQ_POSITIONS_MULTI: {
      reader.int('version');
      const reqId = reader.int('request id');
      const account = reader.string('account code');
      // Clients send an empty model code when they mean none; an absent field is read the same.
      return { type: 'REQ_POSITIONS_MULTI', reqId, account, modelCode: reader.optional() ?? '' };
    }
    case RequestId.CANCEL_POSITIONS_MULTI:
      reader.int('version');
      return { type: 'CANCEL_POSITIONS_MULTI', reqId: reader.int('request id') };
    case RequestId.REQ_EXECUTIONS: {
      reader.int('version');
      const reqId = reader.int('request id');
      // Clients send every filter field, empty when unset; a missing trailing text field reads the same.
      const filter: ExecutionFilter = {
        clientId: reader.intOrEmpty('client id') ?? 0,
        acctCode: reader.optional() ?? '',
        time: reader.optional() ?? '',
        symbol: reader.optional() ?? '',
        secType: reader.optional() ?? '',
        exchange: reader.optional() ?? '',
        side: reader.optional() ?? '',
      };
      return { type: 'REQ_EXECUTIONS', reqId, filter };
    }
    default:
      return { type: 'UNKNOWN', msgId, fields };
  }
}

class FieldReader {
  #next = 0;
  constructor(private readonly fields: readonly string[]) {}

  string(what: string): string {
    const value = this.fields[this.#next];
    if (value === undefined) throw new MalformedRequestError(`missing ${what} (field ${this.#next + 1})`);
    this.#next++;
    return value;
  }

  optional(): string | undefined {
    const value = this.fields[this.#next];
    if (value !== undefined) this.#next++;
    return value;
  }

  int(what: string): number {
    const value = this.intOrEmpty(what);
    if (value === undefined) throw new MalformedRequestError(`empty ${what}`);
    return value;
  }

  intOrEmpty(what: string): number | undefined {
    const text = this.string(what);
    if (text === '') return undefined;
    if (!/^-?\d+$/.test(text))
      throw new MalformedRequestError(`${what} is not an integer: ${JSON.stringify(text)}`);
    return Number(text);
  }

  bool(what: string): boolean {
    const text = this.string(what);
    if (text === '1' || text === 'true') return true;
    if (text === '0' || text === 'false' || text === '') return false;
    throw new MalformedRequestError(`${what} is not 0 or 1: ${JSON.stringify(text)}`);
  }
}
