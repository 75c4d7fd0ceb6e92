/**
 * 3. Failover with the scale unit refusing connections: time from the cashier's scan to an answer
 * (from the offline database) on a register that was online a moment ago, vs what an unguarded got
 * call with its default retries costs before it even fails.
 */
import got from 'got';
import { GetProductByBarcodeClientRequest } from '#pos-api';
import { demoBarcode } from '../../scale-unit/index.js';
import { newHost } from '../lib/env.js';
import { network } from '../lib/network.js';
import { median, now } from '../lib/stats.js';
import { row } from '../lib/report.js';
import { size, type Scenario } from '../lib/context.js';

export const refusedFailoverScenario: Scenario = {
  id: 3,
  name: 'failover, scale unit refusing: first call to an answer',
  async run(ctx) {
    const net = await network(ctx);
    const barcode = demoBarcode(7);
    const trials = size(ctx, 3, 7);
    const ours: number[] = [];
    for (let t = 0; t < trials; t++) {
      const host = await newHost(net.su, net.templateDb);
      try {
        // Online first: configuration loaded, a keep-alive socket open, as on a register mid-shift.
        const warm = await host.executeAsync(new GetProductByBarcodeClientRequest(barcode));
        if (warm.data?.source !== 'online') throw new Error('the register was not online before the fault');
        await net.su.setFault('refuse');
        const t0 = now();
        const answer = await host.executeAsync(new GetProductByBarcodeClientRequest(barcode));
        ours.push(now() - t0);
        if (answer.data?.source !== 'offline' || answer.data.product?.barcode !== barcode) throw new Error(`no offline answer: ${JSON.stringify(answer.data)}`);
      } finally {
        await net.su.setFault('none');
        await host.stop();
      }
    }

    // got as a partner would call it without a policy: default retries (2 for GET, with backoff).
    const anchorTrials = size(ctx, 1, 2);
    const anchor: number[] = [];
    await net.su.setFault('refuse');
    try {
      for (let t = 0; t < anchorTrials; t++) {
        const t0 = now();
        const code = await got(`${net.su.url}/products/by-barcode/${barcode}`, { headers: { authorization: `Bearer ${net.su.options.deviceToken}` } })
          .then(() => 'answered')
          .catch((error: { code?: string }) => error.code ?? 'error');
        anchor.push(now() - t0);
        if (code !== 'ECONNREFUSED') throw new Error(`the refused anchor call ended with ${code}`);
      }
    } finally {
      await net.su.setFault('none');
    }
    const o = median(ours);
    return {
      seed: ctx.seed,
      sizes: { trials, anchorTrials },
      details: { oursMs: ours, anchorMs: anchor, statistic: 'median of trials; each trial a fresh register that was online' },
      rows: [
        row({
          scenario: 3, label: 'refused: first answer', unit: 'ms', ours: o, anchorName: 'got, default retries (fails)', anchor: median(anchor),
          targetOn: 'ours', limit: 50, target: 'first answer <= 50 ms',
          missNote: 'A refused connection should fail in about a millisecond on loopback; the time goes to the failover itself (classification, state change, status publishing) before the offline lookup.',
          note: `worst trial ${Math.max(...ours).toFixed(1)} ms.`,
        }),
      ],
    };
  },
};
