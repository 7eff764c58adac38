import { InMemoryAlertOutbox } from '../support/in-memory-alert-outbox.js';
import { describeAlertOutbox } from './alert-outbox-contract.js';

describeAlertOutbox('in memory', async () => {
  const outbox = new InMemoryAlertOutbox();
  return { outbox, inTransaction: (write) => write(undefined) };
});
