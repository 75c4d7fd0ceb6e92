import type { SalesTransaction } from '#pos-api';
import { invalidArgument } from './OfflineStoreError.js';

/**
 * Checks the fields the store indexes before anything is written, so a malformed sale fails with a
 * message naming the field instead of leaving half a row. Returns the JSON body stored with it.
 */
export function serializeSalesTransaction(transaction: SalesTransaction): string {
  if (typeof transaction !== 'object' || transaction === null) throw invalidArgument('transaction must be an object');
  const t = transaction as unknown as Record<string, unknown>;
  for (const key of ['transactionId', 'receiptId', 'localTime'] as const) {
    if (typeof t[key] !== 'string' || (t[key] as string).length === 0) throw invalidArgument(`transaction.${key} must be a non-empty string`);
  }
  for (const key of ['total', 'serverTimeOffsetMs'] as const) {
    if (typeof t[key] !== 'number' || !Number.isFinite(t[key])) throw invalidArgument(`transaction.${key} must be a finite number`);
  }
  for (const key of ['lines', 'tenders'] as const) {
    if (!Array.isArray(t[key])) throw invalidArgument(`transaction.${key} must be an array`);
  }
  try {
    return JSON.stringify(transaction);
  } catch (error) {
    throw invalidArgument(`transaction ${String(t['transactionId'])} cannot be stored as JSON: ${(error as Error).message}`);
  }
}

export function checkTransactionIds(ids: readonly string[]): readonly string[] {
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string' || id.length === 0)) {
    throw invalidArgument('transaction ids must be non-empty strings');
  }
  return ids;
}
