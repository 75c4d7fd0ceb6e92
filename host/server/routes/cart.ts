import type { FastifyInstance } from 'fastify';
import type { Cart } from '#pos-api';
import type { HostServices } from '../HostServices.js';

/** The cart as the JSON API answers it (system.md's shape, plus receiptId, line numbers and counts). */
export function cartView(cart: Cart | null): unknown {
  if (!cart) return null;
  return {
    transactionId: cart.transactionId,
    receiptId: cart.receiptId,
    lines: cart.lines.map((line, i) => ({ lineNumber: i + 1, ...line })),
    total: cart.total,
    pricedOfflineLines: cart.lines.filter((l) => l.pricedOffline).length,
  };
}

const tender = {
  type: 'object',
  required: ['method', 'amount'],
  properties: { method: { type: 'string', enum: ['cash', 'card'] }, amount: { type: 'number' } },
};

export function registerCartRoutes(app: FastifyInstance, { cart, session }: HostServices): void {
  app.get('/api/cart', async () => cartView(cart.cart));

  app.post<{ Body: { barcode: string; quantity?: number } }>(
    '/api/cart/lines',
    {
      schema: {
        body: {
          type: 'object',
          required: ['barcode'],
          properties: { barcode: { type: 'string', minLength: 1, maxLength: 64 }, quantity: { type: 'number' } },
        },
      },
    },
    async (request) => {
      session.requireOperator();
      return cartView(await cart.addLine(request.body.barcode.trim(), request.body.quantity ?? 1));
    },
  );

  app.put<{ Params: { lineNumber: number }; Body: { quantity: number } }>(
    '/api/cart/lines/:lineNumber',
    {
      schema: {
        params: { type: 'object', properties: { lineNumber: { type: 'integer', minimum: 1 } } },
        body: { type: 'object', required: ['quantity'], properties: { quantity: { type: 'number' } } },
      },
    },
    async (request) => {
      session.requireOperator();
      return cartView(await cart.setQuantity(request.params.lineNumber, request.body.quantity));
    },
  );

  // Answers the cart as it stands after the void (none), like every cart route; the voided
  // transaction's id travels in a header for whoever wants it.
  app.post('/api/cart/void', async (_request, reply) => {
    session.requireOperator();
    const voided = await cart.voidCart();
    return reply.header('x-voided-transaction-id', voided.transactionId).type('application/json').send('null');
  });

  app.post<{ Body: { tenders: unknown[] } }>(
    '/api/cart/checkout',
    { schema: { body: { type: 'object', required: ['tenders'], properties: { tenders: { type: 'array', items: tender } } } } },
    async (request) => {
      const operatorId = session.requireOperator();
      const { transaction, ...result } = await cart.checkout(request.body.tenders, operatorId);
      return { ...result, lines: transaction.lines, tenders: transaction.tenders, localTime: transaction.localTime, operatorId };
    },
  );
}
