import { inject, injectable } from 'inversify';
import {
  GetOfflinePendingTransactionCountClientRequest,
  GetOfflinePendingTransactionCountClientResponse,
  dataResult,
  type ICancelableDataResult,
} from '#pos-api';
import { TOKENS } from '../tokens.js';
import type { OfflineStore } from '../offline/store/OfflineStore.js';
import type { IClientRequestHandler } from './IClientRequestHandler.js';
import { replacementHandlerFor } from './resolveHandler.js';

type Req = GetOfflinePendingTransactionCountClientRequest;
type Res = GetOfflinePendingTransactionCountClientResponse;

/** Offline sales not yet accepted by the scale unit: the count the period-close checklist needs. */
@injectable()
export class GetOfflinePendingTransactionCountHandler implements IClientRequestHandler<Req, Res> {
  constructor(@inject(TOKENS.OfflineStore) private readonly store: OfflineStore) {}

  async executeAsync(): Promise<ICancelableDataResult<Res>> {
    const { count } = await this.store.getPendingUploadSummary();
    return dataResult(new GetOfflinePendingTransactionCountClientResponse(count));
  }
}

export default class GetOfflinePendingTransactionCountClientRequestHandlerExt extends replacementHandlerFor<Req, Res>(GetOfflinePendingTransactionCountClientRequest, TOKENS.GetOfflinePendingTransactionCountHandler) {}
