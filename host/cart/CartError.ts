/**
 * A cart operation the cashier must fix or retry: `code` for programs, `message` for people,
 * `httpStatus` for the JSON API. Marker property so guards work across module copies.
 */
const marker = Symbol.for('offline-pos.host.CartError');

export type CartErrorCode =
  | 'NoOpenCart'
  | 'EmptyCart'
  | 'ProductNotFound'
  | 'LineNotFound'
  | 'InvalidQuantity'
  | 'InvalidTender'
  | 'InsufficientTender'
  | 'CardOverpayment'
  /** A cancelable trigger or the pipeline canceled the flow. */
  | 'Canceled';

const statusByCode: Record<CartErrorCode, number> = {
  NoOpenCart: 409,
  EmptyCart: 409,
  ProductNotFound: 404,
  LineNotFound: 404,
  InvalidQuantity: 400,
  InvalidTender: 400,
  InsufficientTender: 400,
  CardOverpayment: 400,
  Canceled: 409,
};

export class CartError extends Error {
  readonly [marker] = true;

  constructor(readonly code: CartErrorCode, message: string) {
    super(message);
    this.name = 'CartError';
  }

  get httpStatus(): number {
    return statusByCode[this.code];
  }

  static is(value: unknown): value is CartError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
