import { contractLabel } from './contract.js';
import type { SimulatorEvent } from './simulator-events.js';
import { formatWireNumber } from './wire/wire-number.js';

/**
 * One line for a log: time, what happened, and for positions the account, contract and quantity.
 * Columns are padded so a running log reads as a table.
 */
export function eventLogLine(event: SimulatorEvent): string {
  const [what, detail] = describe(event);
  return `${event.at.toISOString()}  ${what.padEnd(18)}  ${detail}`.trimEnd();
}

function describe(event: SimulatorEvent): [string, string] {
  switch (event.type) {
    case 'position-changed': {
      const p = event.position;
      const what = `${event.silent ? 'silent ' : ''}${event.change}`;
      const price = event.change === 'remove' ? '' : `  @ ${formatWireNumber(p.marketPrice)}`;
      const reason = event.reason ? `  (no trade: ${event.reason})` : '';
      return [
        what,
        `${p.account}  ${contractLabel(p.contract).padEnd(26)}  qty ${formatWireNumber(p.quantity)}${price}${reason}`,
      ];
    }
    case 'execution': {
      const e = event.execution;
      const what = `${event.lost ? 'lost ' : ''}${e.corrects ? 'correction' : 'execution'}`;
      const fill = `${e.side} ${formatWireNumber(e.shares)} @ ${formatWireNumber(e.price)}`;
      const corrects = e.corrects ? ` of ${e.corrects}` : '';
      return [
        what,
        `${e.account}  ${contractLabel(e.contract).padEnd(26)}  ${fill}  ${e.execId}${corrects} (client ${e.clientId})`,
      ];
    }
    case 'prices-changed':
      return ['prices', `${event.prices.size} contract${event.prices.size === 1 ? '' : 's'} repriced`];
    case 'listening':
      return ['listening', `${event.host}:${event.port}`];
    case 'stopped-listening':
      return ['stopped listening', event.reason];
    case 'connection-accepted':
      return ['connection', `#${event.connectionId} from port ${event.remotePort}`];
    case 'connection-refused':
      return ['refused', `port ${event.remotePort}: ${event.openConnections} connections already open`];
    case 'client-ready':
      return [
        'client ready',
        `#${event.connectionId} client ${event.clientId}, server version ${event.serverVersion}`,
      ];
    case 'client-rejected':
      return ['client rejected', `#${event.connectionId} client ${event.clientId}: id in use (326)`];
    case 'connection-closed':
      return ['disconnected', `#${event.connectionId}${clientOf(event.clientId)} by ${event.by}`];
    case 'protocol-error':
      return ['protocol error', `#${event.connectionId}: ${event.message}`];
    case 'request':
      return ['request', `#${event.connectionId}${clientOf(event.clientId)} ${requestText(event.request)}`];
    case 'request-ignored':
      return [
        'ignored',
        `#${event.connectionId}${clientOf(event.clientId)} message ${event.msgId}: ${event.reason}`,
      ];
    case 'account-subscription':
      return [
        event.subscribed ? 'account subscribed' : 'account released',
        `${event.account} by #${event.connectionId}${clientOf(event.clientId)}`,
      ];
    case 'portfolio-refreshed':
      return ['portfolio refresh', `${event.account} to #${event.connectionId}`];
    case 'position-end-withheld':
      return [
        'positionEnd held',
        `#${event.connectionId}${event.reqId === undefined ? '' : ` request ${event.reqId}`}`,
      ];
    case 'executions-end-withheld':
      return ['executionsEnd held', `#${event.connectionId} request ${event.reqId}`];
    case 'code-sent':
      return [
        'code',
        `${event.code} to ${event.clients} client${event.clients === 1 ? '' : 's'}: ${event.message}`,
      ];
    case 'malformed-sent':
      return ['malformed frame', `#${event.connectionId} client ${event.clientId}`];
    case 'closed':
      return ['closed', ''];
  }
}

function clientOf(clientId: number | undefined): string {
  return clientId === undefined ? '' : ` (client ${clientId})`;
}

function requestText(request: Extract<SimulatorEvent, { type: 'request' }>['request']): string {
  switch (request.type) {
    case 'START_API':
      return `START_API client ${request.clientId}`;
    case 'REQ_ACCT_DATA':
      return `REQ_ACCT_DATA ${request.subscribe ? 'subscribe' : 'unsubscribe'} ${request.account || '(no account)'}`;
    case 'REQ_POSITIONS_MULTI':
      return `REQ_POSITIONS_MULTI ${request.reqId} ${request.account || '(no account)'}${request.modelCode ? ` model ${request.modelCode}` : ''}`;
    case 'CANCEL_POSITIONS_MULTI':
      return `CANCEL_POSITIONS_MULTI ${request.reqId}`;
    case 'REQ_EXECUTIONS': {
      const set = Object.entries(request.filter).filter(([, value]) => value !== '' && value !== 0);
      const filter = set.map(([name, value]) => `${name} ${value}`).join(', ');
      return `REQ_EXECUTIONS ${request.reqId}${filter ? ` (${filter})` : ''}`;
    }
    case 'UNKNOWN':
      return `message ${request.msgId}`;
    default:
      return request.type;
  }
}
