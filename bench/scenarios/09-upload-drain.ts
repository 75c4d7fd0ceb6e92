/**
 * 9. Upload drain: the extension's uploader empties a queue of N offline sales (read batch, post,
 * mark uploaded, one batch after another) vs got posting the same batches straight to the same
 * route. Fresh transaction ids for every run, so the scale unit does the same intake work for both.
 */
import path from 'node:path';
import { SqliteOfflineStore } from '../../src/offline/store/index.js';
import { ScaleUnitClient } from '../../src/offline/scaleUnit/ScaleUnitClient.js';
import { OfflineTransactionUploader } from '../../src/offline/sync/index.js';
import { defaultOfflineProfile } from '../../src/offline/profile/OfflineProfile.js';
import { systemClock } from '../../src/platform/Clock.js';
import { QuietLogger, sale } from '../lib/env.js';
import { network } from '../lib/network.js';
import { median, now } from '../lib/stats.js';
import { row } from '../lib/report.js';
import { size, type Scenario } from '../lib/context.js';
import type { SalesTransaction, TransactionIntakeResult } from '#pos-api';

const batchSize = defaultOfflineProfile.uploadBatchSize;

export const uploadDrainScenario: Scenario = {
  id: 9,
  name: 'upload drain of offline sales',
  async run(ctx) {
    const net = await network(ctx);
    const dir = ctx.ws.dir('s9');
    const [small, large] = size(ctx, [200, 1_000], [1_000, 10_000]);
    // More runs of the small size: it is short, so noise from other work on the machine weighs more.
    const repsFor = (n: number) => (ctx.quick ? 1 : n === small ? 7 : 3);
    let nextNumber = 2_000_000;
    const take = (n: number): SalesTransaction[] => Array.from({ length: n }, () => sale(nextNumber++));

    const oursRun = async (n: number, rep: number): Promise<number> => {
      const store = await SqliteOfflineStore.open(path.join(dir, `queue-${n}-${rep}.sqlite`));
      try {
        for (const t of take(n)) await store.saveOfflineTransaction(t);
        const client = new ScaleUnitClient({ baseUrl: net.su.url, deviceToken: net.su.options.deviceToken });
        const uploader = new OfflineTransactionUploader(client, store, { isOnline: true }, { profile: { ...defaultOfflineProfile, uploadBatchSize: batchSize } }, systemClock, new QuietLogger());
        const t0 = now();
        const result = await uploader.drain(new AbortController().signal);
        const ms = now() - t0;
        if (!result.ok || result.uploaded !== n) throw new Error(`the uploader uploaded ${result.uploaded} of ${n}: ${result.error ?? ''}`);
        return ms;
      } finally {
        await store.close();
      }
    };
    const anchorRun = async (n: number): Promise<number> => {
      const sales = take(n);
      const t0 = now();
      for (let i = 0; i < sales.length; i += batchSize) {
        const answer = await net.got.post('transactions', { json: { transactions: sales.slice(i, i + batchSize) } }).json<TransactionIntakeResult>();
        if (answer.accepted.length !== Math.min(batchSize, n - i)) throw new Error('the anchor batch was not accepted whole');
      }
      return now() - t0;
    };

    const times: Record<string, { ours: number[]; anchor: number[] }> = {};
    for (const n of [small, large]) {
      times[n] = { ours: [], anchor: [] };
      // A warm-up drain so the first measured run does not pay JIT and the first connections.
      if (n === small) {
        await oursRun(small, -1);
        await anchorRun(small);
      }
      for (let rep = 0; rep < repsFor(n); rep++) {
        // Alternate who goes first: the channel database grows with every run.
        if (rep % 2 === 0) {
          times[n]!.anchor.push(await anchorRun(n));
          times[n]!.ours.push(await oursRun(n, rep));
        } else {
          times[n]!.ours.push(await oursRun(n, rep));
          times[n]!.anchor.push(await anchorRun(n));
        }
      }
    }
    const m = (n: number, who: 'ours' | 'anchor') => median(times[n]![who]);
    const drainMiss = (n: number) =>
      `Per batch of ${batchSize} the uploader also reads the batch from the offline database (parsing each stored body) and marks the sales uploaded (set-based statements, no fsync of its own); got only posts. ${(((m(n, 'ours') - m(n, 'anchor')) / (n / batchSize))).toFixed(1)} ms per batch extra. Reading the next batch while the previous post is in flight would narrow it.`;
    return {
      seed: ctx.seed,
      sizes: { small, large, batchSize, repsSmall: repsFor(small), repsLarge: repsFor(large) },
      details: { ms: times, statistic: 'median of reps' },
      rows: [
        row({ scenario: 9, label: `upload drain ${small.toLocaleString('en-US')} sales`, unit: 'ms', ours: m(small, 'ours'), anchorName: 'got posting the same batches', anchor: m(small, 'anchor'), targetOn: 'ratio', limit: 1.5, target: 'ratio <= 1.5', missNote: drainMiss(small) }),
        row({ scenario: 9, label: `upload drain ${large.toLocaleString('en-US')} sales`, unit: 'ms', ours: m(large, 'ours'), anchorName: 'got posting the same batches', anchor: m(large, 'anchor'), targetOn: 'ratio', limit: 1.5, target: 'ratio <= 1.5', missNote: drainMiss(large) }),
        row({
          scenario: 9, label: `drain scaling time(${large / 1000}k)/time(${small >= 1000 ? `${small / 1000}k` : small})`, unit: 'x',
          ours: m(large, 'ours') / m(small, 'ours'), anchorName: 'got scaling', anchor: m(large, 'anchor') / m(small, 'anchor'),
          targetOn: 'ours', limit: 1.2 * (large / small), target: `<= ${(1.2 * (large / small)).toFixed(0)}x (12 for 10x the sales)`,
          missNote: 'The drain does not scale linearly: a per-batch cost grows with the queue (reading the oldest batch, or the scale unit intake, slows as tables grow).',
        }),
      ],
    };
  },
};
