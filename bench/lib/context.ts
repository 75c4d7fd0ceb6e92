/** What run.ts hands every scenario: mode, seed, the temp workspace and shared fixtures. */
import type { ScenarioResult } from './report.js';
import type { Workspace } from './env.js';

export interface BenchContext {
  readonly quick: boolean;
  readonly seed: number;
  readonly ws: Workspace;
  /** Fixtures one scenario makes and a later one reuses (the 1M catalogue, the loopback scale unit). */
  readonly shared: Map<string, unknown>;
  /** Cleanups run when the whole bench ends, last registered first. */
  readonly cleanups: (() => Promise<void> | void)[];
  /** Progress to stderr; the table goes to stdout. */
  log(message: string): void;
}

export interface Scenario {
  readonly id: number;
  readonly name: string;
  run(ctx: BenchContext): Promise<Omit<ScenarioResult, 'id' | 'name'>>;
}

/** Picks the quick or the full figure. */
export const size = <T>(ctx: BenchContext, quick: T, full: T): T => (ctx.quick ? quick : full);
