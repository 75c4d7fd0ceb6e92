/** One pass of a sync direction: true when it succeeded (or had nothing to do), false when it failed. */
export type PassRunner = (signal: AbortSignal) => Promise<boolean>;

export interface PeriodicTaskOptions {
  /** The interval in force, read before every wait so a new profile applies at once. */
  readonly intervalMs: () => number;
  /** After failures the wait doubles from the interval up to this many intervals. */
  readonly backoffCapFactor: number;
  readonly onError: (error: unknown) => void;
}

/**
 * A pass that runs at an interval on a setTimeout chain (so fake timers drive it), at most one at a
 * time, with exponential backoff after failures. `runNow()` during a pass queues exactly one more pass
 * and resolves when that one ends, so a sale made while a pass is finishing is never left behind.
 */
export class PeriodicTask {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private current: Promise<void> | null = null;
  private again = false;
  private signal: AbortSignal | null = null;
  private failures = 0;

  constructor(
    private readonly runner: PassRunner,
    private readonly options: PeriodicTaskOptions,
  ) {}

  /** Consecutive failed passes (0 after a success). */
  get consecutiveFailures(): number {
    return this.failures;
  }

  /** Starts the chain; the first pass runs after `firstDelayMs`. Aborting `signal` ends it. */
  start(signal: AbortSignal, firstDelayMs: number): void {
    this.signal = signal;
    this.failures = 0;
    signal.addEventListener('abort', () => this.clearTimer(), { once: true });
    this.schedule(firstDelayMs);
  }

  /** Runs a pass now (or one more after the running one); resolves when it ended. */
  runNow(): Promise<void> {
    const signal = this.signal;
    if (!signal || signal.aborted) return Promise.resolve();
    if (this.current) {
      this.again = true;
      return this.current;
    }
    this.clearTimer();
    this.current = this.loop(signal).finally(() => {
      this.current = null;
      if (!signal.aborted) this.schedule(this.nextDelayMs());
    });
    return this.current;
  }

  /** Resolves once the running pass (if any) ended. */
  async settled(): Promise<void> {
    await this.current;
  }

  private async loop(signal: AbortSignal): Promise<void> {
    do {
      this.again = false;
      let ok = false;
      try {
        ok = await this.runner(signal);
      } catch (error) {
        this.options.onError(error);
      }
      this.failures = ok ? 0 : this.failures + 1;
    } while (this.again && !signal.aborted);
  }

  private nextDelayMs(): number {
    const interval = this.options.intervalMs();
    if (this.failures === 0) return interval;
    return Math.min(interval * 2 ** (this.failures - 1), interval * this.options.backoffCapFactor);
  }

  private schedule(delayMs: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => void this.runNow(), delayMs);
    // A background sync must never keep the process alive on its own.
    (this.timer as { unref?: () => void }).unref?.();
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
