import type { ConnectivityCode } from './simulator-events.js';

/** The text TWS sends with each connectivity notice (ERR_MSG, id -1). */
export const CONNECTIVITY_MESSAGES: Readonly<Record<ConnectivityCode, string>> = {
  1100: 'Connectivity between IB and Trader Workstation has been lost.',
  1101: 'Connectivity between IB and Trader Workstation has been restored - data lost.',
  1102: 'Connectivity between IB and Trader Workstation has been restored - data maintained.',
  2110: 'Connectivity between Trader Workstation and server is broken. It will be restored automatically.',
};
