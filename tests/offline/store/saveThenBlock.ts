// Child process for the durability test: saves one sale, says so, then waits to be killed with SIGKILL.
import { SqliteOfflineStore } from '../../../src/offline/store/index.js';
import { sale } from './fixtures.js';

const file = process.argv[2];
if (file === undefined) throw new Error('usage: saveThenBlock.ts DB_FILE');
const store = await SqliteOfflineStore.open(file);
await store.saveOfflineTransaction(sale(1));
await store.nextNumber('receipt', 7);
process.stdout.write('saved\n');
setInterval(() => undefined, 60_000);
