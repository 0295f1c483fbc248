/**
 * A delivery worker in its own process, on a fixed clock, for the test that kills one with
 * SIGKILL mid-delivery. It prints "claiming" once it is running.
 */
import { openStore } from '../../../server/store/open';
import { DeliveryWorker } from '../../../server/deliveries/worker';

const store = await openStore({
  dataDir: process.env.SNAG_DATA_DIR ?? '',
  databaseUrl: process.env.DATABASE_URL || undefined,
});
const clockMs = Number(process.env.CHILD_CLOCK_MS);
const worker = new DeliveryWorker({
  store,
  now: () => new Date(clockMs),
  random: () => 0.5,
  baseUrl: 'https://snag.example-council.gov.uk',
  allowEnv: ['127.0.0.0/8'],
  timeoutMs: 60_000,
  leaseMs: 30_000,
});
process.stdout.write('claiming\n');
await worker.runOnce();
await store.close();
