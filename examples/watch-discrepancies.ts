/**
 * Prints the discrepancies active now, then every change as it happens, over WebSocket: it asks
 * for the list with its cursor, then subscribes from that cursor, so nothing that happens in
 * between is missed. When the connection drops (a restart of the service, a network blip), it
 * reconnects and resumes after the last event it printed, so nothing is missed and nothing
 * printed twice. Runs until stopped; exits 2 on a bad option or an API key the service refuses.
 *
 *   npx tsx examples/watch-discrepancies.ts --url http://127.0.0.1:4000/graphql [--api-key KEY]
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { CLIENT_OPTIONS_HELP, type ClientOptions, clientOptions } from './client-options.js';
import type { WatchDiscrepanciesSubscription } from './gql/graphql.js';
import { graphql } from './gql/index.js';
import { GraphQLRequestError, request } from './graphql-request.js';

const ActiveNow = graphql(`
  query WatchDiscrepanciesNow {
    discrepanciesWithCursor {
      cursor
      discrepancies {
        id
        type
        severity
        status
        account
        message
      }
    }
  }
`);

const DiscrepancyChanged = graphql(`
  subscription WatchDiscrepancies($after: String) {
    discrepancyChanged(after: $after) {
      cursor
      kind
      at
      discrepancy {
        id
        type
        severity
        status
        account
        message
      }
    }
  }
`);

type Line = { severity: string; type: string; account: string; message: string };
const print = (when: string, what: string, d: Line) =>
  console.log(
    `${when} ${what.padEnd(12)} ${d.severity.padEnd(8)} ${d.type.padEnd(18)} ${d.account} ${d.message}`,
  );

/** Prints what is active now and returns the cursor its changes continue from. */
async function printActiveNow(options: ClientOptions): Promise<string> {
  const { discrepanciesWithCursor: now } = await request(options, ActiveNow);
  console.error(`${now.discrepancies.length} active now; then every change`);
  for (const d of now.discrepancies) print('now'.padEnd(24), d.status, d);
  return now.cursor;
}

async function watch(options: ClientOptions): Promise<void> {
  const wsUrl = options.url.replace(/^http/, 'ws');
  let after: string | undefined;
  let attempts = 0;
  for (;;) {
    if (after === undefined) {
      try {
        after = await printActiveNow(options);
      } catch (error) {
        if (error instanceof GraphQLRequestError && error.status === 401) {
          console.error('the service refused the API key (pass --api-key or SENTINEL_API_KEY)');
          process.exitCode = 2;
          return;
        }
        console.error(`cannot ask ${options.url}: ${(error as Error).message}; retrying in 2 s`);
        await sleep(2000);
        continue;
      }
    }
    const client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {},
    });
    try {
      const events = client.iterate<WatchDiscrepanciesSubscription>({
        query: DiscrepancyChanged.toString(),
        variables: { after },
      });
      console.error(attempts++ === 0 ? `watching ${wsUrl}` : `resuming after ${after}`);
      for await (const result of events) {
        const event = result.data?.discrepancyChanged;
        if (!event) continue;
        after = event.cursor;
        print(event.at, event.kind, event.discrepancy);
      }
    } catch (error) {
      const code = (error as { code?: number }).code;
      if (code === 4401 || code === 4403) {
        console.error('the service refused the API key (pass --api-key or SENTINEL_API_KEY)');
        process.exitCode = 2;
        return;
      }
      // graphql-ws rejects with an Error, a CloseEvent, or the GraphQL errors the service sent.
      const reason = Array.isArray(error)
        ? error.map((e: { message: string }) => e.message).join('; ')
        : error instanceof Error
          ? error.message
          : `connection closed (${code ?? '?'})`;
      console.error(`disconnected: ${reason}; retrying in 2 s`);
    } finally {
      await client.dispose();
    }
    await sleep(2000);
  }
}

const USAGE = `Usage: npx tsx examples/watch-discrepancies.ts [--url URL] [--api-key KEY]

Prints the discrepancies active now (lines starting with "now"), then every change as it happens
(lines starting with its time), over WebSocket; resumes after the last one it printed when the
connection comes back. Runs until stopped; exits 2 on a bad option or an API key the service
refuses.

${CLIENT_OPTIONS_HELP}`;

let options: ClientOptions | 'help';
try {
  options = clientOptions(process.argv.slice(2), process.env);
} catch (error) {
  console.error(`watch-discrepancies: ${(error as Error).message}`);
  process.exit(2);
}
if (options === 'help') process.stdout.write(USAGE);
else await watch(options);
