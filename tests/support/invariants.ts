/**
 * The invariants of issue 10, computed from what the customer was handed (the checkout answers)
 * and what the channel database holds (GET /admin/transactions).
 */
import type { Checkout, StoredSale } from './clients.js';

export interface IssuedReceipt extends Checkout {
  readonly at: string;
  /** Which host process (1 = first) answered the checkout. */
  readonly generation: number;
}

export interface InvariantReport {
  readonly receiptsIssued: number;
  /** Issued receipts found in the channel database (by transaction id and receipt id). */
  readonly storedAtScaleUnit: number;
  /** Issued receipts the channel database does not hold. */
  readonly lost: number;
  /** Extra copies in the channel database: a receipt id stored more than once. */
  readonly duplicated: number;
  /** Issued checkouts that got a receipt id or transaction id an earlier checkout already had. */
  readonly receiptNumbersReused: number;
  /** Sales stored that no checkout answered (the host died mid-checkout): allowed, reported. */
  readonly storedUnacknowledged: number;
  readonly problems: readonly string[];
}

export function checkInvariants(issued: readonly IssuedReceipt[], stored: readonly StoredSale[], registerId?: string): InvariantReport {
  const mine = registerId ? stored.filter((s) => s.registerId === registerId) : stored;
  const problems: string[] = [];
  const byTransaction = new Map<string, StoredSale[]>();
  const byReceipt = new Map<string, StoredSale[]>();
  for (const sale of mine) {
    byTransaction.set(sale.transactionId, [...(byTransaction.get(sale.transactionId) ?? []), sale]);
    byReceipt.set(sale.receiptId, [...(byReceipt.get(sale.receiptId) ?? []), sale]);
  }

  let lost = 0;
  let storedAtScaleUnit = 0;
  for (const receipt of issued) {
    const copies = byTransaction.get(receipt.transactionId) ?? [];
    const match = copies.find((c) => c.receiptId === receipt.receiptId);
    if (!match) {
      lost += 1;
      problems.push(`lost: receipt ${receipt.receiptId} (${receipt.transactionId}, ${receipt.savedOffline ? 'offline' : 'online'}, host #${receipt.generation}) is not in the channel database`);
      continue;
    }
    if (Math.abs(match.total - receipt.total) > 0.005) problems.push(`receipt ${receipt.receiptId}: stored total ${match.total} but the customer paid ${receipt.total}`);
    storedAtScaleUnit += 1;
  }

  let duplicated = 0;
  for (const [receiptId, copies] of byReceipt) {
    if (copies.length > 1) {
      duplicated += copies.length - 1;
      problems.push(`duplicated: receipt ${receiptId} is stored ${copies.length} times (${copies.map((c) => c.transactionId).join(', ')})`);
    }
  }

  let receiptNumbersReused = 0;
  const seenReceipts = new Set<string>();
  const seenTransactions = new Set<string>();
  for (const receipt of issued) {
    if (seenReceipts.has(receipt.receiptId) || seenTransactions.has(receipt.transactionId)) {
      receiptNumbersReused += 1;
      problems.push(`reused: receipt ${receipt.receiptId} / ${receipt.transactionId} was handed out twice`);
    }
    seenReceipts.add(receipt.receiptId);
    seenTransactions.add(receipt.transactionId);
  }

  const storedUnacknowledged = mine.filter((s) => !seenTransactions.has(s.transactionId)).length;
  return { receiptsIssued: issued.length, storedAtScaleUnit, lost, duplicated, receiptNumbersReused, storedUnacknowledged, problems };
}
