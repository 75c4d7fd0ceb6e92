import Fastify, { type FastifyInstance } from 'fastify';
import { installErrorReplies } from './errorReply.js';
import type { HostServices } from './HostServices.js';
import { registerCartRoutes } from './routes/cart.js';
import { registerEventRoutes } from './routes/events.js';
import { registerOperationRoutes } from './routes/operations.js';
import { registerPageRoutes } from './routes/page.js';
import { registerProductRoutes } from './routes/products.js';
import { registerSessionRoutes } from './routes/session.js';
import { registerStatusRoutes } from './routes/status.js';

/** The page and the JSON API of system.md over the host's services. */
export function createApp(services: HostServices): FastifyInstance {
  const app = Fastify({
    logger: services.options.logger ? { level: 'info' } : false,
    bodyLimit: 256 * 1024,
    // Tell every keep-alive socket to go on close, so stopping the host never hangs on a browser.
    forceCloseConnections: true,
  });
  installErrorReplies(app);
  registerStatusRoutes(app, services);
  registerSessionRoutes(app, services);
  registerProductRoutes(app, services);
  registerCartRoutes(app, services);
  registerOperationRoutes(app, services);
  registerEventRoutes(app, services);
  registerPageRoutes(app, services);
  return app;
}
