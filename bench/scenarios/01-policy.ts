/**
 * 1. Policy cost per call around an already-resolved call: our OnlineFallbackPolicy vs opossum
 * (timeout + fallback) vs cockatiel wrap(fallback, breaker, timeout). Each tinybench sample is a
 * batch of calls, so the timer's own cost is spread over the batch (mitata style).
 */
import { Bench } from 'tinybench';
import CircuitBreaker from 'opossum';
import { ConsecutiveBreaker, TimeoutStrategy, circuitBreaker, fallback, handleAll, timeout, wrap } from 'cockatiel';
import { OnlineFallbackPolicy } from '../../src/offline/policy/OnlineFallbackPolicy.js';
import { ConnectionManager } from '../../src/offline/connection/ConnectionManager.js';
import type { RegisterConfigurationService, ResolvedRegister } from '../../src/offline/profile/RegisterConfigurationService.js';
import { defaultOfflineProfile } from '../../src/offline/profile/OfflineProfile.js';
import { systemClock } from '../../src/platform/Clock.js';
import { median } from '../lib/stats.js';
import { row } from '../lib/report.js';
import { size, type Scenario } from '../lib/context.js';

const timeoutMs = 2_000;
const batch = 1_000;

export const policyScenario: Scenario = {
  id: 1,
  name: 'policy cost per call, around an already-resolved call',
  async run(ctx) {
    const resolved = async (): Promise<number> => 42;
    const offline = async (): Promise<number> => 0;

    const register: ResolvedRegister = { registerId: 'S001-T01', storeNumber: 'S001', terminalId: 'T01', supportOffline: true, profile: { ...defaultOfflineProfile, switchToOfflineTimeoutMs: timeoutMs } };
    // Only `current` and `ensureLoaded` are read on the online path; the configuration is loaded already.
    const registerService = { current: register, ensureLoaded: async () => register } as unknown as RegisterConfigurationService;
    const ours = new OnlineFallbackPolicy(new ConnectionManager(systemClock), registerService);

    const breaker = new CircuitBreaker(resolved, { timeout: timeoutMs });
    breaker.fallback(() => 0);
    ctx.cleanups.push(() => breaker.shutdown());

    const cockatiel = wrap(
      fallback(handleAll, () => 0),
      circuitBreaker(handleAll, { halfOpenAfter: 10_000, breaker: new ConsecutiveBreaker(5) }),
      timeout(timeoutMs, TimeoutStrategy.Cooperative),
    );

    const tasks: Record<string, () => Promise<unknown>> = {
      'bare await': resolved,
      ours: () => ours.execute('bench call', resolved, offline),
      opossum: () => breaker.fire(),
      cockatiel: () => cockatiel.execute(() => resolved()),
    };
    // A wrong wiring (e.g. every call falling back) would make a fast but meaningless figure.
    if ((await ours.execute('check', resolved, offline)).source !== 'online') throw new Error('our policy did not take the online path');
    if ((await breaker.fire()) !== 42 || (await cockatiel.execute(() => resolved())) !== 42) throw new Error('an anchor fell back on a resolved call');

    const rounds = size(ctx, 1, 3);
    const perRound: Record<string, number[]> = Object.fromEntries(Object.keys(tasks).map((k) => [k, []]));
    const names = Object.keys(tasks);
    for (let r = 0; r < rounds; r++) {
      const bench = new Bench({ time: size(ctx, 250, 1_500), warmupTime: size(ctx, 100, 500), iterations: 20 });
      // Rotated each round so no library always runs first (or right after a GC-heavy one).
      for (const name of [...names.slice(r % names.length), ...names.slice(0, r % names.length)]) {
        const fn = tasks[name]!;
        bench.add(name, async () => {
          for (let i = 0; i < batch; i++) await fn();
        });
      }
      await bench.run();
      for (const task of bench.tasks) {
        const result = task.result;
        if (!('latency' in result)) throw new Error(`tinybench task ${task.name} did not complete: ${result.state}`);
        perRound[task.name]!.push((result.latency.p50 / batch) * 1000);
      }
    }
    const us = Object.fromEntries(Object.entries(perRound).map(([k, v]) => [k, median(v)])) as Record<string, number>;
    const bare = us['bare await']!;
    return {
      seed: ctx.seed,
      sizes: { callsPerSample: batch, rounds },
      details: { microsecondsPerCall: us, perRound, timeoutMs, note: 'median over rounds of each task\'s p50 sample, divided by the batch size' },
      rows: [
        row({
          scenario: 1, label: 'policy per call vs opossum', unit: 'us', ours: us.ours!, anchorName: 'opossum', anchor: us.opossum!,
          targetOn: 'ratio', limit: 1, target: 'ours <= opossum',
          missNote: 'Per call the policy allocates one promise and one backstop timer (the timeout itself is handed to got, which cancels the request); opossum allocates about the same. A miss here is within the noise of a shared machine; rerun with --only 1.',
          note: `bare await ${bare.toFixed(3)} µs/call.`,
        }),
        row({ scenario: 1, label: 'policy per call vs cockatiel', unit: 'us', ours: us.ours!, anchorName: 'cockatiel wrap(fallback,breaker,timeout)', anchor: us.cockatiel!, targetOn: 'none' }),
      ],
    };
  },
};
