import { describeAlertOutbox } from '../../support/alert-outbox-contract.js';
import { InMemoryAlertOutbox } from '../../support/in-memory-alert-outbox.js';

describeAlertOutbox('in memory', async () => {
  const outbox = new InMemoryAlertOutbox();
  return { outbox, inTransaction: (write) => write(undefined) };
});
