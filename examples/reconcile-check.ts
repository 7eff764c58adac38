/**
 * Runs a reconciliation and exits with a code a cron job or a pre-trade check can act on:
 *   0 clean, 1 discrepancies (none critical), 3 critical discrepancies,
 *   4 broker unavailable or the run failed, 2 bad options or the service could not be asked.
 *
 *   npx tsx examples/reconcile-check.ts --url http://127.0.0.1:4000/graphql [--api-key KEY]
 */
import { CLIENT_OPTIONS_HELP, clientOptions } from './client-options.js';
import { graphql } from './gql/index.js';
import { request } from './graphql-request.js';

const Reconcile = graphql(`
  mutation ReconcileCheck {
    reconcile {
      status
      summary
      hasCriticalIssues
      discrepancies {
        type
        severity
        message
      }
    }
  }
`);

const USAGE = `Usage: npx tsx examples/reconcile-check.ts [--url URL] [--api-key KEY]

Asks the service for a reconciliation now, prints its summary and each discrepancy, and exits
0 clean, 1 discrepancies (none critical), 3 critical discrepancies, 4 broker unavailable or the
run failed, 2 bad options or the service could not be asked. Needs an admin key when the service
has keys.

${CLIENT_OPTIONS_HELP}`;

async function main(): Promise<number> {
  try {
    const options = clientOptions(process.argv.slice(2), process.env);
    if (options === 'help') {
      process.stdout.write(USAGE);
      return 0;
    }
    const { reconcile: run } = await request(options, Reconcile);
    console.log(run.summary);
    for (const d of run.discrepancies)
      console.log(`  ${d.severity.padEnd(8)} ${d.type.padEnd(18)} ${d.message}`);
    if (run.status === 'BROKER_UNAVAILABLE' || run.status === 'FAILED') return 4;
    if (run.hasCriticalIssues) return 3;
    return run.status === 'DISCREPANCIES' ? 1 : 0;
  } catch (error) {
    console.error(`reconcile-check: ${(error as Error).message}`);
    return 2;
  }
}

process.exitCode = await main();
