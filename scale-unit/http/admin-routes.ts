import type { FastifyInstance } from 'fastify';
import type { OfflineProfileData } from '#pos-api';
import type { CustomerChange, ProductChange } from '../db/catalogue-store.js';
import type { FaultInjector, FaultMode } from '../faults/fault-injector.js';
import { toPackageInfo } from '../packages/distribution-schedule.js';
import type { ScaleUnitServices } from '../services.js';
import { bearerMatches, sendError, unauthorized } from './common.js';
import { found } from './http-error.js';
import { schemas } from './schemas.js';

/** Loopback in every form Node reports it (IPv4, IPv6, IPv4-mapped IPv6). */
export function isLoopback(address: string | undefined): boolean {
  return address !== undefined && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}

/** The admin API: tests, benches and demos drive the scale unit through it, never registers. */
export function registerAdminRoutes(app: FastifyInstance, services: ScaleUnitServices, faults: FaultInjector, adminToken: string): void {
  const { catalogue, registers, intake, distribution } = services;

  app.addHook('onRequest', async (request, reply) => {
    // Bound to loopback already; checked again in case someone binds it wider by mistake.
    if (!isLoopback(request.socket.remoteAddress)) return sendError(reply, 403, 'Forbidden', 'the admin API answers loopback callers only');
    if (!bearerMatches(request, adminToken)) return unauthorized(reply);
  });

  app.get('/admin/registers', async () => registers.overview());

  app.put<{ Params: { registerId: string }; Body: Partial<OfflineProfileData> }>(
    '/admin/registers/:registerId/offline-profile',
    { schema: schemas.offlineProfile },
    async (request) => found(registers.updateOfflineProfile(request.params.registerId, request.body), `register ${request.params.registerId}`),
  );

  app.post<{ Body: { products?: ProductChange[]; deleteProductIds?: string[] } }>('/admin/products', { schema: schemas.products }, async (request) => {
    return catalogue.changeProducts(request.body?.products ?? [], request.body?.deleteProductIds ?? []);
  });

  app.post<{ Body: { customers?: CustomerChange[]; deleteCustomerIds?: string[] } }>('/admin/customers', { schema: schemas.customers }, async (request) => {
    return catalogue.changeCustomers(request.body?.customers ?? [], request.body?.deleteCustomerIds ?? []);
  });

  app.post('/admin/distribution/run', async () => ({ packages: (await distribution.run()).map(toPackageInfo) }));

  app.get('/admin/transactions', async () => intake.all());

  app.get('/admin/faults', async () => faults.current);

  app.post<{ Body: { mode: FaultMode; latencyMs?: number } }>('/admin/faults', { schema: schemas.faults }, async (request) => {
    await faults.set(request.body.mode, request.body.latencyMs ?? 0);
    return { ...faults.current, listening: faults.isListening };
  });
}
