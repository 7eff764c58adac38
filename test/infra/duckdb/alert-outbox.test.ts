import type { DuckDBConnection } from '@duckdb/node-api';
import { inTransaction } from '../../../src/infra/duckdb/duckdb-sql.js';
import { openStore } from '../../../src/infra/duckdb/open-store.js';
import { describeAlertOutbox } from '../../support/alert-outbox-contract.js';

describeAlertOutbox<DuckDBConnection>('the store', async () => {
  const store = await openStore({ path: ':memory:' });
  const connection = await store.connect();
  return {
    outbox: store.alerts,
    inTransaction: (write) => inTransaction(connection, () => write(connection)),
    close: () => store.close(),
  };
});
