import { BehaviorSubject, type Observable } from 'rxjs';
import {
  GetNextTransactionNumberClientRequest,
  GetProductByBarcodeClientRequest,
  SubmitTransactionClientRequest,
  type Cart,
  type CartLine,
  type SalesTransaction,
} from '#pos-api';
import type { IPosHost, TriggerRunResult } from '../runtime/types.js';
import { CartError } from './CartError.js';
import { roundMoney, sumMoney } from './money.js';
import type { RegisterIdentity } from './RegisterIdentity.js';
import { settleTenders } from './tenders.js';

export interface CheckoutResult {
  readonly transactionId: string;
  readonly receiptId: string;
  readonly total: number;
  readonly savedOffline: boolean;
  readonly tendered: number;
  readonly change: number;
  readonly transaction: SalesTransaction;
}

const maxQuantity = 9999;

/**
 * The register's one open cart. Every step runs through the host pipeline, so the extension
 * decides where data comes from (online or offline). Operations are serialized: a double-clicked
 * checkout or two quick scans can never open two transactions or submit one twice.
 */
export class CartEngine {
  private readonly state = new BehaviorSubject<Cart | null>(null);
  private tail: Promise<unknown> = Promise.resolve();

  /** The open cart after every change (null when none is open). */
  readonly cart$: Observable<Cart | null> = this.state.asObservable();

  constructor(
    private readonly posHost: IPosHost,
    private readonly register: RegisterIdentity,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get cart(): Cart | null {
    return this.state.value;
  }

  /** Adds a line, opening a transaction first when none is open (BeginTransaction, then its number). */
  addLine(barcode: string, quantity: number): Promise<Cart> {
    return this.serialize(async () => {
      checkQuantity(quantity);
      const cart = this.state.value ?? (await this.begin());
      const result = await this.posHost.executeAsync(new GetProductByBarcodeClientRequest(barcode));
      if (result.canceled || !result.data) throw new CartError('Canceled', 'Adding the product was canceled.');
      const { product, source } = result.data;
      if (!product) throw new CartError('ProductNotFound', `No product has barcode ${barcode}.`);
      const line: CartLine = {
        productId: product.productId,
        barcode: product.barcode,
        description: product.name,
        quantity,
        unitPrice: product.price,
        amount: roundMoney(product.price * quantity),
        pricedOffline: source === 'offline',
      };
      return this.publish({ ...cart, lines: [...cart.lines, line] });
    });
  }

  /** Changes the quantity of line `lineNumber` (1-based, as the page numbers them). */
  setQuantity(lineNumber: number, quantity: number): Promise<Cart> {
    return this.serialize(async () => {
      checkQuantity(quantity);
      const cart = this.requireCart();
      const index = lineNumber - 1;
      const line = cart.lines[index];
      if (!line) throw new CartError('LineNotFound', `The cart has no line ${lineNumber}.`);
      const lines = cart.lines.with(index, { ...line, quantity, amount: roundMoney(line.unitPrice * quantity) });
      return this.publish({ ...cart, lines });
    });
  }

  /** Voids the open cart (PreVoidTransaction may cancel). */
  voidCart(): Promise<Cart> {
    return this.serialize(async () => {
      const cart = this.requireCart();
      stopIfCanceled(await this.posHost.runTriggers('PreVoidTransaction', { cart }), 'Voiding the transaction was canceled.');
      this.state.next(null);
      await this.runPostTrigger('PostVoidTransaction', { cart });
      return cart;
    });
  }

  /**
   * Ends the sale. A failed submit leaves the cart open with the same ids, so a retry sends the
   * very same transaction and the scale unit's idempotent intake cannot count it twice.
   */
  checkout(tenders: unknown, operatorId: string): Promise<CheckoutResult> {
    return this.serialize(async () => {
      const cart = this.requireCart();
      if (cart.lines.length === 0) throw new CartError('EmptyCart', 'The cart has no lines to pay for.');
      const settled = settleTenders(tenders, cart.total);
      stopIfCanceled(await this.posHost.runTriggers('PreEndTransaction', { cart }), 'Ending the transaction was canceled.');
      const transaction: SalesTransaction = {
        transactionId: cart.transactionId,
        receiptId: cart.receiptId,
        registerId: this.register.registerId,
        storeNumber: this.register.storeNumber,
        terminalId: this.register.terminalId,
        operatorId,
        lines: cart.lines,
        tenders: settled.recorded,
        total: cart.total,
        localTime: this.now().toISOString(),
        // The host knows no server clock; the extension fills in what it measured.
        serverTimeOffsetMs: 0,
        createdOffline: false,
      };
      const result = await this.posHost.executeAsync(new SubmitTransactionClientRequest(transaction));
      if (result.canceled || !result.data) throw new CartError('Canceled', 'Saving the transaction was canceled.');
      const { transactionId, receiptId, savedOffline } = result.data;
      this.state.next(null);
      await this.runPostTrigger('PostEndTransaction', { receipts: [transaction], savedOffline });
      return { transactionId, receiptId, total: cart.total, savedOffline, tendered: settled.tendered, change: settled.change, transaction };
    });
  }

  private async begin(): Promise<Cart> {
    stopIfCanceled(await this.posHost.runTriggers('BeginTransaction', {}), 'Starting the transaction was canceled.');
    const result = await this.posHost.executeAsync(new GetNextTransactionNumberClientRequest());
    if (result.canceled || !result.data) throw new CartError('Canceled', 'Numbering the transaction was canceled.');
    return this.publish({ transactionId: result.data.transactionId, receiptId: result.data.receiptId, lines: [], total: 0 });
  }

  /** Post-triggers run after the commit, so a failing one cannot undo the flow: it is only logged. */
  private async runPostTrigger(type: 'PostVoidTransaction' | 'PostEndTransaction', options: unknown): Promise<void> {
    try {
      const result = await this.posHost.runTriggers(type, options);
      if (result.errorMessage) this.posHost.context.logger.logWarning(`${type}: ${result.errorMessage}`);
    } catch (error) {
      this.posHost.context.logger.logError(`${type} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private requireCart(): Cart {
    const cart = this.state.value;
    if (!cart) throw new CartError('NoOpenCart', 'No transaction is open.');
    return cart;
  }

  private publish(cart: Cart): Cart {
    const next = { ...cart, total: sumMoney(cart.lines.map((l) => l.amount)) };
    this.state.next(next);
    return next;
  }

  private serialize<T>(step: () => Promise<T>): Promise<T> {
    const run = this.tail.then(step, step);
    this.tail = run.catch(() => undefined);
    return run;
  }
}

function checkQuantity(quantity: number): void {
  if (typeof quantity !== 'number' || !Number.isFinite(quantity) || quantity <= 0 || quantity > maxQuantity) {
    throw new CartError('InvalidQuantity', `Quantity must be a number above 0 and at most ${maxQuantity}.`);
  }
}

/** A trigger's ExtensionError message goes to the cashier as is; a quiet cancel gets ours. */
function stopIfCanceled(result: TriggerRunResult, fallbackMessage: string): void {
  if (result.canceled || result.errorMessage) throw new CartError('Canceled', result.errorMessage ?? fallbackMessage);
}
