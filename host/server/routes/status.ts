import type { FastifyInstance } from 'fastify';
import { HttpError } from '../HttpError.js';
import { pageOperations, type HostServices } from '../HostServices.js';
import { demoFaultModes, type DemoFaultMode } from '../DemoFaults.js';

export function registerStatusRoutes(app: FastifyInstance, services: HostServices): void {
  const { posHost, layouts, demoFaults } = services;

  app.get('/api/status', async () => services.status());

  // Live labels: a button whose operation an extension labelled (917: Disconnect / Connect) shows that label.
  app.get<{ Querystring: { name?: string } }>(
    '/api/layout',
    { schema: { querystring: { type: 'object', properties: { name: { type: 'string', maxLength: 100 } } } } },
    async (request) => {
      const name = request.query.name ?? 'default';
      const layout = layouts.get(name);
      if (!layout) throw new HttpError(404, 'LayoutNotFound', `No screen layout named ${name}.`);
      return {
        ...layout,
        buttonGrids: layout.buttonGrids.map((grid) => ({
          ...grid,
          buttons: grid.buttons.map((button) => ({
            ...button,
            actionParameters: button.actionParameters ?? [],
            label: posHost.buttonLabels.get(button.operationId) ?? button.label,
            designLabel: button.label,
            handledBy: pageOperations.has(button.operationId) ? 'page' : posHost.hasOperation(button.operationId) ? 'extension' : 'unavailable',
            pageAction: pageOperations.get(button.operationId) ?? null,
          })),
        })),
      };
    },
  );

  app.get('/api/demo/faults', async () => {
    if (!demoFaults) throw new HttpError(501, 'DemoNotConfigured', 'Start the host with --admin-url to switch scale unit faults.');
    return { ...demoFaults.lastSet, modes: demoFaultModes };
  });

  app.post<{ Body: { mode: DemoFaultMode; latencyMs?: number } }>(
    '/api/demo/faults',
    {
      schema: {
        body: {
          type: 'object',
          required: ['mode'],
          properties: { mode: { type: 'string', enum: [...demoFaultModes] }, latencyMs: { type: 'integer', minimum: 0, maximum: 600000 } },
        },
      },
    },
    async (request) => {
      if (!demoFaults) throw new HttpError(501, 'DemoNotConfigured', 'Start the host with --admin-url to switch scale unit faults.');
      const answer = await demoFaults.set(request.body.mode, request.body.latencyMs);
      return { ...demoFaults.lastSet, scaleUnit: answer };
    },
  );
}
