/**
 * The loopback register used by the online and failover scenarios: one scale unit simulator with
 * a small catalogue, its full package applied to a template offline database, and a keep-alive got
 * client for the anchors. Made on first use, shared, closed when the bench ends.
 */
import http from 'node:http';
import path from 'node:path';
import got, { type Got } from 'got';
import type { ScaleUnit } from '../../scale-unit/index.js';
import { applyNewestPackage, makeFullPackage, startBenchScaleUnit } from './env.js';
import { size, type BenchContext } from './context.js';

export interface Network {
  readonly su: ScaleUnit;
  readonly products: number;
  /** Offline database with the scale unit's catalogue applied (copy it before writing to it). */
  readonly templateDb: string;
  /** got as an unguarded register would use it: keep-alive, no retries, JSON. */
  readonly got: Got;
  /** The profile timeout the register runs with (short, so the blackhole scenario stays quick). */
  readonly switchToOfflineTimeoutMs: number;
}

export const switchToOfflineTimeoutMs = 500;

export function network(ctx: BenchContext): Promise<Network> {
  let pending = ctx.shared.get('network') as Promise<Network> | undefined;
  if (!pending) {
    pending = start(ctx);
    ctx.shared.set('network', pending);
  }
  return pending;
}

async function start(ctx: BenchContext): Promise<Network> {
  const products = size(ctx, 2_000, 20_000);
  const dir = ctx.ws.dir('network');
  ctx.log(`network: scale unit with ${products} products`);
  const su = await startBenchScaleUnit({ dataDir: path.join(dir, 'scale-unit'), products, seed: ctx.seed, profile: { switchToOfflineTimeoutMs, retryCountToOffline: 0 } });
  ctx.cleanups.push(() => su.close());
  await makeFullPackage(su);
  const templateDb = path.join(dir, 'template.sqlite');
  await applyNewestPackage(su.url, su.options.deviceToken, templateDb, path.join(dir, 'downloads'));
  const agent = new http.Agent({ keepAlive: true });
  ctx.cleanups.push(() => agent.destroy());
  const client = got.extend({
    prefixUrl: su.url,
    headers: { authorization: `Bearer ${su.options.deviceToken}` },
    retry: { limit: 0 },
    agent: { http: agent },
    responseType: 'json',
  });
  return { su, products, templateDb, got: client, switchToOfflineTimeoutMs };
}
