/** Small statistics and timing helpers: the figures every scenario reports are built here. */
import { performance } from 'node:perf_hooks';

export interface Summary {
  readonly n: number;
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
}

/** Nearest-rank-with-interpolation percentile of an ascending array (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean: sorted.length ? sum / sorted.length : Number.NaN,
    min: sorted[0] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
  };
}

export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

/** Milliseconds, sub-microsecond resolution. */
export const now = (): number => performance.now();

/** Runs `fn` and answers how long it took (ms) with its value. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = now();
  const value = await fn();
  return { ms: now() - t0, value };
}

/** mulberry32 (the scale unit's demo-data PRNG): the same seed gives the same picks, so two runs ask for the same barcodes. */
export { mulberry32 as prng } from '../../scale-unit/db/demo-data.js';

/**
 * Times `ours` and `anchor` call by call, alternating which goes first, so both share the same
 * noise (GC, other processes on the machine). Warm-up calls are made the same way and dropped.
 * Each pair gets its own index 0 .. warmup + count - 1 (warm-up first), so inputs are never reused.
 */
export async function interleave(
  count: number,
  warmup: number,
  ours: (i: number) => Promise<unknown> | unknown,
  anchor: (i: number) => Promise<unknown> | unknown,
): Promise<{ ours: number[]; anchor: number[] }> {
  const result = { ours: [] as number[], anchor: [] as number[] };
  for (let i = -warmup; i < count; i++) {
    const k = i + warmup;
    const pair: ['ours' | 'anchor', (i: number) => Promise<unknown> | unknown][] = [
      ['ours', ours],
      ['anchor', anchor],
    ];
    if (i % 2 !== 0) pair.reverse();
    for (const [name, fn] of pair) {
      const t0 = now();
      await fn(k);
      const ms = now() - t0;
      if (i >= 0) result[name].push(ms);
    }
  }
  return result;
}
