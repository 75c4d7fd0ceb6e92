import type { TenderLine } from '#pos-api';
import { CartError } from './CartError.js';
import { roundMoney, sumMoney } from './money.js';

export interface SettledTenders {
  /** What the sale records: cash reduced by the change, so the lines add up to the total. */
  readonly recorded: readonly TenderLine[];
  readonly tendered: number;
  readonly change: number;
}

/**
 * Checks what the customer hands over against the total. Only cash can overpay (the difference is
 * change); a card is charged exactly, so card tenders alone may not exceed the total.
 */
export function settleTenders(tenders: unknown, total: number): SettledTenders {
  if (!Array.isArray(tenders) || tenders.length === 0) throw new CartError('InvalidTender', 'Add at least one tender (cash or card).');
  const lines: TenderLine[] = tenders.map((t: unknown, i) => {
    const { method, amount } = (t ?? {}) as { method?: unknown; amount?: unknown };
    if (method !== 'cash' && method !== 'card') throw new CartError('InvalidTender', `Tender ${i + 1}: method must be cash or card.`);
    if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0) {
      throw new CartError('InvalidTender', `Tender ${i + 1}: amount must be a positive number.`);
    }
    return { method, amount: roundMoney(amount) };
  });
  const tendered = sumMoney(lines.map((l) => l.amount));
  if (tendered < total) throw new CartError('InsufficientTender', `Tendered ${tendered.toFixed(2)} does not cover the total ${total.toFixed(2)}.`);
  const card = sumMoney(lines.filter((l) => l.method === 'card').map((l) => l.amount));
  if (card > total) throw new CartError('CardOverpayment', `Card tenders ${card.toFixed(2)} exceed the total ${total.toFixed(2)}; only cash gives change.`);

  const change = roundMoney(tendered - total);
  let changeLeft = change;
  const recorded: TenderLine[] = [];
  // Take the change out of the last cash tenders first: that is the cash the drawer gives back.
  for (const line of [...lines].reverse()) {
    if (line.method === 'cash' && changeLeft > 0) {
      const kept = roundMoney(Math.max(0, line.amount - changeLeft));
      changeLeft = roundMoney(changeLeft - (line.amount - kept));
      if (kept > 0) recorded.unshift({ method: 'cash', amount: kept });
    } else {
      recorded.unshift(line);
    }
  }
  return { recorded, tendered, change };
}
