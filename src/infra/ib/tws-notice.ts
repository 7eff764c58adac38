/**
 * What a TWS notice (ERR_MSG with id -1, the `info` event of @stoqey/ib) means for the connection.
 * docs/ib-protocol.md §6 lists the codes.
 */
export type TwsNotice =
  /** 326: the client id is taken; TWS closes the socket. */
  | { readonly kind: 'client-id-in-use' }
  /** 1100 (IB ↔ TWS lost) or 2110 (TWS ↔ server broken): TWS's data cannot be trusted. */
  | { readonly kind: 'connectivity-lost' }
  /** 1101 (subscriptions lost, ask again) or 1102 (data kept). */
  | { readonly kind: 'connectivity-restored'; readonly dataLost: boolean }
  /** 2104/2106/2158: a data farm is connected, as after TWS's link to its servers comes back. */
  | { readonly kind: 'farm-ok' }
  /** Other 2100..2999 codes: status notices (farms, market data) that need nobody's attention. */
  | { readonly kind: 'status' }
  /** Anything else deserves a person's attention. */
  | { readonly kind: 'other' };

const FARMS_OK = new Set([2104, 2106, 2158]);

export function classifyNotice(code: number): TwsNotice {
  if (code === 326) return { kind: 'client-id-in-use' };
  if (code === 1100 || code === 2110) return { kind: 'connectivity-lost' };
  if (code === 1101 || code === 1102) return { kind: 'connectivity-restored', dataLost: code === 1101 };
  if (FARMS_OK.has(code)) return { kind: 'farm-ok' };
  if (code >= 2100 && code < 3000) return { kind: 'status' };
  return { kind: 'other' };
}

/** Managed accounts arrive as one comma-separated string, e.g. `DU111111,DU222222`. */
export function parseManagedAccounts(list: unknown): string[] {
  return String(list ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
}

/**
 * What an error carrying one of our request ids means for that request: the login (or a TWS too
 * old for it, which the client reports as 503) cannot serve this kind of request at all; a
 * warning that leaves the answer intact (2100..2999, as IB classes them); or a refusal of this
 * one request (an invalid account, for instance).
 */
export type RequestErrorKind = 'unsupported' | 'warning' | 'refused';

/** The client's code for a request the connected TWS is too old to understand. */
const UPDATE_TWS = 503;
const UNSUPPORTED_TEXT = /not supported|does not support|not available/i;

export function classifyRequestError(code: number, message: string): RequestErrorKind {
  if (code === UPDATE_TWS || UNSUPPORTED_TEXT.test(message)) return 'unsupported';
  if (code >= 2100 && code < 3000) return 'warning';
  return 'refused';
}
