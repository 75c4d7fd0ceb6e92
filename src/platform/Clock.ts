/** Time as a dependency, so tests drive it with fake timers and the code never reads globals directly. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
