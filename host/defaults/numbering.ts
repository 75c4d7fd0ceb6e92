/**
 * How the host numbers transactions. The transaction id is `{store}-{terminal}-{n}` (the scale
 * unit reads `n` back from it); the receipt id follows the receipt mask `{store}{terminal}{n:8}` (as the extension numbers offline).
 */
import type { NumberSequenceSeeds } from '#pos-api';

export const formatTransactionId = (store: string, terminal: string, n: number): string => `${store}-${terminal}-${n}`;

export const formatReceiptId = (store: string, terminal: string, n: number): string =>
  `${store}${terminal}${String(n).padStart(8, '0')}`;

/**
 * The last used transaction number in the scale unit's answer: its `transaction` sequence when it
 * names one, else the largest value it lists (0 for a register that never sold).
 */
export function lastUsedNumber(seeds: NumberSequenceSeeds): number {
  const named = seeds['transaction'];
  if (typeof named === 'number' && Number.isSafeInteger(named)) return named;
  const values = Object.values(seeds).filter((v): v is number => typeof v === 'number' && Number.isSafeInteger(v));
  return values.length === 0 ? 0 : Math.max(...values);
}
