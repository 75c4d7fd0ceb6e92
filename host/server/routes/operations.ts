import type { FastifyInstance } from 'fastify';
import { HttpError } from '../HttpError.js';
import { pageOperations, syncOperationId, type HostServices } from '../HostServices.js';

export function registerOperationRoutes(app: FastifyInstance, { posHost }: HostServices): void {
  const run = async (operationId: number, actionParameters: string[], confirm: boolean | undefined) => {
    const result = await posHost.executeOperation(operationId, actionParameters, confirm === undefined ? {} : { confirm });
    return { operationId, canceled: result.canceled, data: result.data };
  };

  app.post<{ Params: { operationId: number }; Body: { actionParameters?: string[]; confirm?: boolean } | undefined }>(
    '/api/operations/:operationId',
    {
      schema: {
        params: { type: 'object', properties: { operationId: { type: 'integer', minimum: 1 } } },
        body: {
          type: ['object', 'null'],
          properties: { actionParameters: { type: 'array', items: { type: 'string' } }, confirm: { type: 'boolean' } },
        },
      },
    },
    async (request) => {
      const { operationId } = request.params;
      if (!posHost.hasOperation(operationId)) {
        const hint = pageOperations.has(operationId) ? ' The page runs it through the cart routes.' : '';
        throw new HttpError(404, 'UnknownOperation', `Operation ${operationId} is not available on this register.${hint}`);
      }
      return run(operationId, request.body?.actionParameters ?? [], request.body?.confirm);
    },
  );

  // The host has no sync of its own: "Sync data" is the extension's operation.
  app.post('/api/sync', async () => {
    if (!posHost.hasOperation(syncOperationId)) {
      throw new HttpError(501, 'SyncNotAvailable', 'Offline sync is not available: no extension provides it.');
    }
    return run(syncOperationId, [], undefined);
  });
}
