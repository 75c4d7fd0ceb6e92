import {
  dataResult,
  ExtensionError,
  GetCurrentCartClientResponse,
  GetNextTransactionNumberClientResponse,
  SubmitTransactionClientResponse,
  type Cart,
  type GetCurrentCartClientRequest,
  type GetNextTransactionNumberClientRequest,
  type ICancelableDataResult,
  type NumberSequenceSeeds,
  type RegisterConfiguration,
  type SubmitTransactionClientRequest,
  type TransactionIntakeResult,
} from '#pos-api';
import { formatReceiptId, formatTransactionId, lastUsedNumber } from './numbering.js';
import type { ScaleUnitHttp } from './ScaleUnitHttp.js';

/**
 * Numbers and saves transactions online only: the "no extension" behaviour. The counter lives in
 * host memory and is re-seeded from the scale unit on every call, so numbers never go backwards
 * even when another process sold on this register meanwhile.
 */
export class TransactionHandlers {
  private lastIssued = 0;
  private register: RegisterConfiguration | null = null;

  constructor(
    private readonly scaleUnit: ScaleUnitHttp,
    private readonly registerId: string,
    private readonly currentCart: () => Cart | null,
  ) {}

  async nextNumber(_request: GetNextTransactionNumberClientRequest): Promise<ICancelableDataResult<GetNextTransactionNumberClientResponse>> {
    const register = await this.registerConfiguration();
    const seeds = await this.scaleUnit.get<NumberSequenceSeeds>(`number-sequences/${encodeURIComponent(this.registerId)}`, 'number sequences');
    const n = Math.max(lastUsedNumber(seeds), this.lastIssued) + 1;
    this.lastIssued = n;
    return dataResult(
      new GetNextTransactionNumberClientResponse(
        formatTransactionId(register.storeNumber, register.terminalId, n),
        formatReceiptId(register.storeNumber, register.terminalId, n),
      ),
    );
  }

  /** A duplicate counts as saved: intake is idempotent by transaction id, so it is the same sale. */
  async submit(request: SubmitTransactionClientRequest): Promise<ICancelableDataResult<SubmitTransactionClientResponse>> {
    const { transaction } = request;
    const result = await this.scaleUnit.post<TransactionIntakeResult>('transactions', { transactions: [transaction] }, 'transaction submit');
    const rejected = result.rejected.find((r) => r.transactionId === transaction.transactionId);
    if (rejected) throw new ExtensionError(`The scale unit rejected the sale: ${rejected.reason}`, 'TransactionRejected');
    if (!result.accepted.includes(transaction.transactionId) && !result.duplicates.includes(transaction.transactionId)) {
      throw new ExtensionError('The scale unit did not confirm the sale', 'TransactionNotConfirmed');
    }
    return dataResult(new SubmitTransactionClientResponse(transaction.transactionId, transaction.receiptId, false));
  }

  async getCurrentCart(_request: GetCurrentCartClientRequest): Promise<ICancelableDataResult<GetCurrentCartClientResponse>> {
    return dataResult(new GetCurrentCartClientResponse(this.currentCart()));
  }

  private async registerConfiguration(): Promise<RegisterConfiguration> {
    this.register ??= await this.scaleUnit.get<RegisterConfiguration>(`registers/${encodeURIComponent(this.registerId)}`, 'register configuration');
    return this.register;
  }
}
