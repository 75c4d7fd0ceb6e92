import type { FastifyInstance } from 'fastify';
import type { HostServices } from '../HostServices.js';

export function registerSessionRoutes(app: FastifyInstance, { session, posHost }: HostServices): void {
  app.post<{ Body: { operatorId: string; password: string } }>(
    '/api/logon',
    {
      schema: {
        body: {
          type: 'object',
          required: ['operatorId', 'password'],
          properties: { operatorId: { type: 'string', maxLength: 64 }, password: { type: 'string', maxLength: 256 } },
        },
      },
    },
    async (request) => {
      const { operatorId, firstSignIn } = session.signIn(request.body.operatorId, request.body.password);
      // The extension starts offline sync from its PostLogOn trigger (the first sign-in starts sync).
      const triggers = await posHost.runTriggers('PostLogOn', { operatorId });
      return { operatorId, signedIn: true, firstSignIn, ...(triggers.errorMessage ? { message: triggers.errorMessage } : {}) };
    },
  );

  app.post('/api/logoff', async () => {
    session.signOut();
    return { signedIn: false };
  });
}
