/**
 * 2. Online product lookup: the extension's handler through the host pipeline (PosHost with the
 * built package → policy → got → scale unit) vs a bare keep-alive got call to the same route.
 * Calls alternate one by one so both see the same noise.
 */
import path from 'node:path';
import { GetProductByBarcodeClientRequest } from '#pos-api';
import { demoBarcode } from '../../scale-unit/index.js';
import { newHost } from '../lib/env.js';
import { network } from '../lib/network.js';
import { interleave, prng, summarize } from '../lib/stats.js';
import { row } from '../lib/report.js';
import { size, type Scenario } from '../lib/context.js';

export const onlineLookupScenario: Scenario = {
  id: 2,
  name: 'online product lookup, p50 and p99',
  async run(ctx) {
    const net = await network(ctx);
    const dbPath = path.join(ctx.ws.dir('s2'), 'offline.sqlite');
    let host = await newHost(net.su, dbPath);
    // A call that fell back (a connectivity blip switches the register offline at once with
    // retryCountToOffline 0) is no online lookup: its sample and the next one (which brings up a
    // fresh register) are dropped, and the count is reported.
    const fellBack: number[] = [];
    const dropped = new Set<number>();
    let replaceHost = false;
    try {
      const random = prng(ctx.seed + 2);
      const count = size(ctx, 400, 4_000);
      const warmup = size(ctx, 50, 300);
      const barcodes = Array.from({ length: count + warmup + 1 }, () => demoBarcode(Math.floor(random() * net.products)));
      const viaHandler = async (i: number) => {
        if (replaceHost) {
          replaceHost = false;
          dropped.add(i);
          await host.stop();
          host = await newHost(net.su, dbPath);
        }
        const result = await host.executeAsync(new GetProductByBarcodeClientRequest(barcodes[i]!));
        if (result.data?.source === 'offline') {
          fellBack.push(i);
          dropped.add(i);
          replaceHost = true;
          return;
        }
        if (result.data?.product?.barcode !== barcodes[i]) throw new Error(`handler answered ${JSON.stringify(result.data)}`);
      };
      const viaGot = async (i: number) => {
        const body = await net.got(`products/by-barcode/${barcodes[i]}`).json<{ barcode: string }>();
        if (body.barcode !== barcodes[i]) throw new Error('got answered another product');
      };
      // The first call loads the register configuration; it is not what a scan costs.
      await viaHandler(0);
      const samples = await interleave(count, warmup, (i) => viaHandler(i + 1), (i) => viaGot(i + 1));
      // Sample j is the pair with input index j + warmup + 1.
      const keep = (_: number, j: number) => !dropped.has(j + warmup + 1);
      const ours = samples.ours.filter(keep);
      const anchor = samples.anchor.filter(keep);
      if (fellBack.length > count / 10) throw new Error(`${fellBack.length} of ${count} online lookups fell back offline`);
      const o = summarize(ours);
      const a = summarize(anchor);
      const overhead = o.p50 - a.p50;
      return {
        seed: ctx.seed,
        sizes: { catalogue: net.products, calls: count, warmup },
        details: { ours: o, anchor: a, p50OverheadMs: overhead, fellBackOffline: fellBack.length, droppedPairs: dropped.size },
        rows: [
          row({
            scenario: 2, label: 'online lookup p50', unit: 'ms', ours: o.p50, anchorName: 'bare got, same route', anchor: a.p50,
            targetOn: 'ratio', limit: 1.1, target: 'ratio <= 1.10',
            missNote: `The handler adds ${(overhead * 1000).toFixed(0)} µs at p50 over bare got: the host pipeline, the bound handler, the policy's backstop timer and got's own timeout option (which the policy uses instead of an AbortSignal per call, the costlier way measured earlier). Next step: a lighter got instance for the hot routes (no hooks, no JSON parsing through got).`,
          }),
          row({
            scenario: 2, label: 'online lookup p99', unit: 'ms', ours: o.p99, anchorName: 'bare got, same route', anchor: a.p99, targetOn: 'none',
            ...(fellBack.length
              ? { note: `${fellBack.length} of ${count} lookups fell back offline mid-run (one connectivity failure switches the register offline with retryCountToOffline 0); those pairs were dropped and a fresh register carried on.` }
              : {}),
          }),
        ],
      };
    } finally {
      await host.stop();
    }
  },
};
