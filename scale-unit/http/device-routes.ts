import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { DataPackageStatus } from '#pos-api';
import type { ScaleUnitServices } from '../services.js';
import { toPackageInfo } from '../packages/distribution-schedule.js';
import { bearerMatches, unauthorized } from './common.js';
import { found, HttpError } from './http-error.js';
import { schemas } from './schemas.js';

/** Routes a register may call without the device token: the reachability probe only. */
const publicRoutes = new Set(['/health']);

/** The device API of system.md. Faults are attached by the caller before this, so they apply first. */
export function registerDeviceRoutes(app: FastifyInstance, services: ScaleUnitServices, deviceToken: string): void {
  const { catalogue, registers, intake, distribution } = services;

  app.addHook('onRequest', async (request, reply) => {
    if (publicRoutes.has(request.routeOptions.url ?? '')) return;
    if (!bearerMatches(request, deviceToken)) return unauthorized(reply);
  });

  const requireRegister = (registerId: string) => found(registers.get(registerId), `register ${registerId}`);

  app.get('/health', async () => ({ ok: true, serverTime: new Date().toISOString() }));

  app.get<{ Params: { registerId: string } }>('/registers/:registerId', { schema: schemas.registerParams }, async (request) => requireRegister(request.params.registerId));

  app.get<{ Params: { barcode: string } }>('/products/by-barcode/:barcode', async (request) => {
    return found(catalogue.productByBarcode(request.params.barcode), `product with barcode ${request.params.barcode}`);
  });

  app.get<{ Params: { productId: string } }>('/products/:productId', async (request) => {
    return found(catalogue.productById(request.params.productId), `product ${request.params.productId}`);
  });

  app.get<{ Querystring: { search: string; skip: number; top: number } }>('/products', { schema: schemas.productSearch }, async (request) => {
    const { search, skip, top } = request.query;
    return catalogue.searchProducts(search.trim(), skip, top);
  });

  app.get<{ Querystring: { search: string; top: number } }>('/customers', { schema: schemas.customerSearch }, async (request) => {
    return catalogue.searchCustomers(request.query.search.trim(), request.query.top);
  });

  app.get<{ Params: { registerId: string } }>('/number-sequences/:registerId', { schema: schemas.registerParams }, async (request) => {
    const register = requireRegister(request.params.registerId);
    return { transaction: registers.lastTransactionNumber(register.registerId) };
  });

  app.post<{ Body: { transactions: unknown[] } }>('/transactions', { schema: schemas.transactions }, async (request) => {
    // Synchronous and committed before the reply: an answered id is durable.
    return intake.intake(request.body.transactions);
  });

  app.get<{ Querystring: { registerId: string; after: number } }>('/data-packages', { schema: schemas.packageList }, async (request) => {
    const register = requireRegister(request.query.registerId);
    return distribution.list(register.registerId, request.query.after).map(toPackageInfo);
  });

  app.get<{ Params: { packageId: string } }>('/data-packages/:packageId', async (request, reply) => {
    const record = distribution.get(request.params.packageId);
    if (!record) throw HttpError.notFound(`data package ${request.params.packageId}`);
    const body = fs.createReadStream(path.join(distribution.packageDirectory, record.file));
    return reply
      .header('content-type', 'application/x-ndjson')
      .header('content-length', record.bytes)
      .header('x-package-sha256', record.sha256)
      .send(body);
  });

  app.post<{ Params: { packageId: string }; Body: { registerId: string; status: DataPackageStatus; error?: string | null } }>(
    '/data-packages/:packageId/status',
    { schema: schemas.packageStatus },
    async (request) => {
      const { packageId } = request.params;
      const { registerId, status, error } = request.body;
      const record = distribution.get(packageId);
      if (!record || record.registerId !== registerId) throw HttpError.notFound(`data package ${packageId} of register ${registerId}`);
      registers.recordPackageStatus(packageId, registerId, status, error ?? null);
      return { packageId, registerId, status };
    },
  );
}
