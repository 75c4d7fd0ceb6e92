import { Request, Response } from '../framework.js';
import type { Cart, SalesTransaction } from '../entities.js';

/** The ids a new transaction gets; fixed when the cart opens and kept across retries. */
export class GetNextTransactionNumberClientResponse extends Response {
  constructor(public readonly transactionId: string, public readonly receiptId: string) {
    super();
  }
}
export class GetNextTransactionNumberClientRequest extends Request<GetNextTransactionNumberClientResponse> {}

export class SubmitTransactionClientResponse extends Response {
  constructor(
    public readonly transactionId: string,
    public readonly receiptId: string,
    /** True when the sale went to the offline database and its upload queue. */
    public readonly savedOffline: boolean,
  ) {
    super();
  }
}
/** Ends a sale: the completed transaction goes to the scale unit (or, offline, to the upload queue). */
export class SubmitTransactionClientRequest extends Request<SubmitTransactionClientResponse> {
  constructor(public readonly transaction: SalesTransaction, correlationId?: string) {
    super(correlationId);
  }
}

export class GetCurrentCartClientResponse extends Response {
  constructor(public readonly cart: Cart | null) {
    super();
  }
}
/** The cart in progress on this register, if any. */
export class GetCurrentCartClientRequest extends Request<GetCurrentCartClientResponse> {}
