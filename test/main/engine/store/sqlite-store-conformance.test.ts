// The SQLite store passes the QueueStore conformance suite on a real WAL file.
import { describeStoreConformance } from './store-conformance.ts';
import { tempStore } from './store-helpers.ts';

describeStoreConformance('SQLite', () => {
  const t = tempStore();
  return { store: t.store, close: () => t.close() };
});
