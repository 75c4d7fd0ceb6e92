import { inject, injectable } from 'inversify';
import {
  GetNextTransactionNumberClientRequest,
  GetNextTransactionNumberClientResponse,
  dataResult,
  type ICancelableDataResult,
} from '#pos-api';
import { TOKENS } from '../tokens.js';
import type { TransactionNumberService } from '../offline/numbers/TransactionNumberService.js';
import type { IClientRequestHandler } from './IClientRequestHandler.js';
import { replacementHandlerFor } from './resolveHandler.js';

type Req = GetNextTransactionNumberClientRequest;
type Res = GetNextTransactionNumberClientResponse;

/** Numbers come from the register's durable counter in both modes, so they never collide. */
@injectable()
export class GetNextTransactionNumberHandler implements IClientRequestHandler<Req, Res> {
  constructor(@inject(TOKENS.TransactionNumberService) private readonly numbers: TransactionNumberService) {}

  async executeAsync(): Promise<ICancelableDataResult<Res>> {
    const { transactionId, receiptId } = await this.numbers.next();
    return dataResult(new GetNextTransactionNumberClientResponse(transactionId, receiptId));
  }
}

export default class GetNextTransactionNumberClientRequestHandlerExt extends replacementHandlerFor<Req, Res>(GetNextTransactionNumberClientRequest, TOKENS.GetNextTransactionNumberHandler) {}
