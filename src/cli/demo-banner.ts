import type { Config } from '../app/config.js';
import type { TwsSimulator } from '../infra/ib-simulator/tws-simulator.js';

/** What a newcomer sees first: that this is a demo, where to look, and what to paste. */
export function demoBanner(info: {
  url: string;
  simulator: TwsSimulator;
  seed: number;
  config: Config;
  /** The store is a temporary file, removed when the demo stops. */
  temporaryStore: boolean;
}): string {
  const graphql = `${info.url}/graphql`;
  const post = (query: string) =>
    `curl -s ${graphql} -H 'content-type: application/json' -d '${JSON.stringify({ query })}'`;
  const sse = `curl -N -H 'accept: text/event-stream' '${graphql}?query=${encodeURIComponent(
    'subscription { discrepancyChanged { kind discrepancy { severity type message } } }',
  )}'`;
  return `
==============================================================================
  DEMO: a simulated TWS with a made-up options book. No real account is used.
==============================================================================
  Dashboard   ${info.url}/
  GraphiQL    ${graphql}
  Simulated TWS on ${info.simulator.host}:${info.simulator.port}, accounts ${info.simulator.accounts.join(', ')} (seed ${info.seed})
  Store       ${info.config.db}${
    info.temporaryStore
      ? '\n              temporary: removed when the demo stops (name a file with --db to keep it)'
      : ''
  }
  Reconciles every ${Math.round(info.config.reconcileIntervalMs / 1000)} s; the first silent drift comes within a minute.

  Try:
    ${post('{ positions { account quantity contract { localSymbol } } }')}
    ${post('mutation { reconcile { summary hasCriticalIssues } }')}
    ${sse}

  Stop with Ctrl-C.
`;
}
