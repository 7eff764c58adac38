/**
 * What the log tells a person when the broker cannot be reached: what happened, where, and what
 * to change. Each is written once per outage; retries after it are logged at debug level.
 */
export function refusedAtStartHint(host: string, port: number): string {
  return (
    `cannot connect to TWS or IB Gateway at ${host}:${port}: connection refused. ` +
    'Is it running, with the API enabled? Open the API settings (IB Gateway: Configure → Settings → API → ' +
    'Settings; TWS: File or Edit → Global Configuration → API → Settings), ' +
    `check "Enable ActiveX and Socket Clients" and that "Socket port" is ${port} ` +
    '(defaults: TWS 7496 live, 7497 paper; IB Gateway 4001 live, 4002 paper), or give the right port ' +
    `with --ib-port or IB_PORT; when ${host} is another machine, add this one to "Trusted IPs". ` +
    'To try position-sentinel without IB, run `position-sentinel demo` (the built-in simulator). ' +
    'Retrying with backoff.'
  );
}

export function unreachableHint(host: string, port: number, reason: string): string {
  return `cannot connect to TWS or IB Gateway at ${host}:${port} (${reason}); retrying with backoff`;
}

export function connectionLostHint(host: string, port: number): string {
  return (
    `lost the connection to TWS or IB Gateway at ${host}:${port} ` +
    '(TWS restarts once a day); reconnecting with backoff'
  );
}

export function clientIdInUseHint(host: string, port: number, clientId: number): string {
  return (
    `TWS at ${host}:${port} refused client id ${clientId} (code 326): another API program, or another ` +
    'copy of position-sentinel, is connected with that id, or TWS still holds it from a connection that ' +
    'just dropped. Stop the other program or give this one its own id with --ib-client-id or ' +
    'IB_CLIENT_ID. Retrying with backoff.'
  );
}

export function handshakeTimeoutHint(host: string, port: number, timeoutMs: number): string {
  return (
    `connected to ${host}:${port} but no API session started within ${timeoutMs} ms. ` +
    'If TWS shows a dialog asking whether to accept an incoming API connection, accept it, or add this ' +
    'machine to "Trusted IPs" in the API settings; check that the port belongs to TWS or ' +
    'IB Gateway. Retrying with backoff.'
  );
}

export function accountNotManagedHint(account: string, managed: readonly string[]): string {
  return (
    `IB account ${account} is not managed by this TWS login (it manages ${managed.join(', ') || 'no account'}): ` +
    'no portfolio feed, so no prices or P&L. Positions of every account still stream. ' +
    'Fix --ib-account or IB_ACCOUNT, or leave it unset to use the first managed account.'
  );
}
