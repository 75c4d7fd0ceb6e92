import type { SalesTransaction, TransactionIntakeResult } from '#pos-api';
import type { ChannelDb } from './channel-database.js';
import type { RegisterStore } from './register-store.js';

/** `{store}-{terminal}-{n}` with n a positive whole number. */
const transactionIdPattern = /^([A-Za-z0-9_]+)-([A-Za-z0-9_]+)-([1-9][0-9]{0,14})$/;
const amountTolerance = 0.005;

/** A stored transaction as GET /admin/transactions lists it: the body as sent, plus when it came. */
export type StoredTransaction = SalesTransaction & { readonly receivedAt: string };

/**
 * Idempotent intake: the register re-sends whatever it has not seen confirmed, so a known
 * transactionId is a duplicate and never a second row. One bad transaction is rejected with a
 * reason and does not stop the rest of the batch.
 */
export class TransactionIntake {
  constructor(private readonly db: ChannelDb, private readonly registers: RegisterStore) {}

  /** Checks, stores and commits the whole batch in one database transaction before returning. */
  intake(batch: readonly unknown[]): TransactionIntakeResult {
    const exists = this.db.prepare('SELECT 1 FROM transactions WHERE transaction_id = ?').pluck();
    const insert = this.db.prepare('INSERT INTO transactions (transaction_id, register_id, number, total, body, received_at) VALUES (?, ?, ?, ?, ?, ?)');
    const run = this.db.transaction(() => {
      const accepted: string[] = [];
      const duplicates: string[] = [];
      const rejected: { transactionId: string; reason: string }[] = [];
      const receivedAt = new Date().toISOString();
      for (const candidate of batch) {
        const t = (typeof candidate === 'object' && candidate !== null ? candidate : {}) as Record<string, unknown>;
        const transactionId = typeof t.transactionId === 'string' ? t.transactionId : '';
        const match = transactionIdPattern.exec(transactionId);
        if (match && exists.get(transactionId) !== undefined) {
          duplicates.push(transactionId);
          continue;
        }
        const reason = match ? this.problemWith(t, match) : `transactionId must look like {store}-{terminal}-{n}, got ${JSON.stringify(t.transactionId ?? null)}`;
        if (reason) {
          rejected.push({ transactionId, reason });
          continue;
        }
        insert.run(transactionId, t.registerId as string, Number(match![3]), t.total as number, JSON.stringify(t), receivedAt);
        accepted.push(transactionId);
      }
      return { accepted, duplicates, rejected };
    });
    return run();
  }

  all(): StoredTransaction[] {
    const rows = this.db.prepare('SELECT body, received_at FROM transactions ORDER BY received_at, transaction_id').all() as { body: string; received_at: string }[];
    return rows.map((r) => ({ ...(JSON.parse(r.body) as SalesTransaction), receivedAt: r.received_at }));
  }

  /** The first thing wrong with a transaction whose id is well-formed, or null. */
  private problemWith(t: Record<string, unknown>, [, store, terminal]: RegExpExecArray): string | null {
    if (typeof t.registerId !== 'string') return 'registerId is missing';
    const register = this.registers.get(t.registerId);
    if (!register) return `unknown register ${t.registerId}`;
    if (register.storeNumber !== store || register.terminalId !== terminal) {
      return `registerId ${t.registerId} does not match the store and terminal of transactionId (${store}-${terminal})`;
    }
    if (t.storeNumber !== undefined && t.storeNumber !== register.storeNumber) return `storeNumber ${String(t.storeNumber)} does not match register ${register.registerId}`;
    if (t.terminalId !== undefined && t.terminalId !== register.terminalId) return `terminalId ${String(t.terminalId)} does not match register ${register.registerId}`;
    if (!Array.isArray(t.lines) || t.lines.length === 0) return 'lines must be a non-empty list';
    let sum = 0;
    for (const [i, line] of (t.lines as unknown[]).entries()) {
      const l = (line ?? {}) as Record<string, unknown>;
      for (const field of ['quantity', 'unitPrice', 'amount'] as const) {
        if (typeof l[field] !== 'number' || !Number.isFinite(l[field])) return `lines[${i}].${field} must be a number`;
      }
      sum += l.amount as number;
    }
    if (typeof t.total !== 'number' || !Number.isFinite(t.total)) return 'total must be a number';
    if (Math.abs(t.total - sum) > amountTolerance) return `total ${t.total} does not equal the sum of line amounts ${sum.toFixed(2)}`;
    if (t.tenders !== undefined && !Array.isArray(t.tenders)) return 'tenders must be a list';
    return null;
  }
}
