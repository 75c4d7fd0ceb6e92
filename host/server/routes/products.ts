import type { FastifyInstance } from 'fastify';
import { SearchProductsClientRequest } from '#pos-api';
import { HttpError } from '../HttpError.js';
import type { HostServices } from '../HostServices.js';

export function registerProductRoutes(app: FastifyInstance, { posHost }: HostServices): void {
  app.get<{ Querystring: { search?: string; top?: number; skip?: number } }>(
    '/api/products',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: {
            search: { type: 'string', maxLength: 200 },
            top: { type: 'integer', minimum: 1, maximum: 100 },
            skip: { type: 'integer', minimum: 0 },
          },
        },
      },
    },
    async (request) => {
      const { search = '', top = 20, skip = 0 } = request.query;
      const result = await posHost.executeAsync(new SearchProductsClientRequest(search.trim(), skip, top));
      if (result.canceled || !result.data) throw new HttpError(409, 'Canceled', 'The product search was canceled.');
      return { products: result.data.products, source: result.data.source };
    },
  );
}
