import { inject, injectable } from 'inversify';
import {
  ExtensionError,
  SubmitTransactionClientRequest,
  SubmitTransactionClientResponse,
  dataResult,
  type ICancelableDataResult,
  type SalesTransaction,
} from '#pos-api';
import { TOKENS } from '../tokens.js';
import type { OnlineCallOptions, OnlineFallbackPolicy } from '../offline/policy/OnlineFallbackPolicy.js';
import type { ScaleUnitClient } from '../offline/scaleUnit/ScaleUnitClient.js';
import type { OfflineStore } from '../offline/store/OfflineStore.js';
import type { RegisterConfigurationService } from '../offline/profile/RegisterConfigurationService.js';
import type { IClientRequestHandler } from './IClientRequestHandler.js';
import { replacementHandlerFor } from './resolveHandler.js';

type Req = SubmitTransactionClientRequest;
type Res = SubmitTransactionClientResponse;

/**
 * End of a sale. Online: post it to the scale unit. Offline, or when the post's outcome is unknown
 * (a timeout after the request left), save it in the offline database and its upload queue in one
 * local transaction, under the SAME transaction id: if the scale unit did store it, the later
 * upload is answered as a duplicate and ignored. Never two sales.
 */
@injectable()
export class SubmitTransactionHandler implements IClientRequestHandler<Req, Res> {
  constructor(
    @inject(TOKENS.OnlineFallbackPolicy) private readonly policy: OnlineFallbackPolicy,
    @inject(TOKENS.ScaleUnitClient) private readonly client: ScaleUnitClient,
    @inject(TOKENS.OfflineStore) private readonly store: OfflineStore,
    @inject(TOKENS.RegisterConfigurationService) private readonly register: RegisterConfigurationService,
  ) {}

  async executeAsync(request: Req): Promise<ICancelableDataResult<Res>> {
    const transaction: SalesTransaction = { ...request.transaction, serverTimeOffsetMs: this.register.serverTimeOffsetMs };
    const { source } = await this.policy.execute(
      'submit transaction',
      (call) => this.post(transaction, call),
      () => this.store.saveOfflineTransaction({ ...transaction, createdOffline: true }),
    );
    return dataResult(new SubmitTransactionClientResponse(transaction.transactionId, transaction.receiptId, source === 'offline'));
  }

  private async post(transaction: SalesTransaction, call: OnlineCallOptions): Promise<void> {
    const result = await this.client.postTransactions([transaction], call);
    const rejected = result.rejected.find((r) => r.transactionId === transaction.transactionId);
    if (rejected) throw new ExtensionError(`The scale unit refused transaction ${transaction.transactionId}: ${rejected.reason}`, 'TransactionRejected');
    const stored = result.accepted.includes(transaction.transactionId) || result.duplicates.includes(transaction.transactionId);
    if (!stored) throw new ExtensionError(`The scale unit did not confirm transaction ${transaction.transactionId}.`, 'TransactionNotConfirmed');
  }
}

export default class SubmitTransactionClientRequestHandlerExt extends replacementHandlerFor<Req, Res>(SubmitTransactionClientRequest, TOKENS.SubmitTransactionHandler) {}
