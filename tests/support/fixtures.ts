/** Fixtures several suites (and the benchmarks) share. */
import type { ILogger, SalesTransaction } from '#pos-api';

/** A logger that says nothing: for units whose logging is not what the test is about. */
export const silentLogger: ILogger = {
  logVerbose: () => {},
  logInformational: () => {},
  logWarning: () => {},
  logError: () => {},
  logCriticalError: () => {},
  getNewCorrelationId: () => 'c',
};

/** A valid sale of register S001-T01 with number `n` (the intake checks the total and the id); `overrides` break it on purpose. */
export function validSale(n: number, overrides: Partial<Record<keyof SalesTransaction, unknown>> = {}): SalesTransaction {
  return {
    transactionId: `S001-T01-${n}`,
    receiptId: `R-S001-T01-${n}`,
    registerId: 'S001-T01',
    storeNumber: 'S001',
    terminalId: 'T01',
    operatorId: '000160',
    lines: [
      { productId: 'P0000001', barcode: '2000012345678', description: 'Mug', quantity: 2, unitPrice: 10.5, amount: 21, pricedOffline: false },
      { productId: 'P0000002', barcode: '2000091535700', description: 'Jacket', quantity: 1, unitPrice: 5.25, amount: 5.25, pricedOffline: false },
    ],
    tenders: [{ method: 'cash', amount: 26.25 }],
    total: 26.25,
    localTime: new Date().toISOString(),
    serverTimeOffsetMs: 0,
    createdOffline: true,
    ...overrides,
  } as SalesTransaction;
}
