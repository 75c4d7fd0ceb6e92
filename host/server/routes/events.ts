import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { merge, map, type Subscription } from 'rxjs';
import { ConnectionStatusType } from '#pos-api';
import type { HostServices } from '../HostServices.js';
import { cartView } from './cart.js';

/**
 * GET /api/events: server-sent events. Every posHost event goes out under its own type (plus a
 * fresh `status` after each, so the page needs one handler for the header), cart changes as
 * `cart`, extension failures as `failure`, and a periodic `status` heartbeat.
 */
export function registerEventRoutes(app: FastifyInstance, services: HostServices): void {
  const { posHost, cart, options } = services;
  const open = new Set<ServerResponse>();

  app.get('/api/events', (_request, reply) => {
    reply.hijack();
    const out = reply.raw;
    out.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const send = (event: string, data: unknown): void => {
      if (!out.writableEnded) out.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    out.write('retry: 1000\n\n');
    send('status', services.status());
    send('cart', cartView(cart.cart));

    const subscription: Subscription = merge(
      posHost.events$.pipe(map((event) => ({ name: event.type as string, data: withStatusName(event) }))),
      posHost.failures$.pipe(map((failure) => ({ name: 'failure', data: failure }))),
      cart.cart$.pipe(map((c) => ({ name: 'cart', data: cartView(c) }))),
    ).subscribe(({ name, data }) => {
      send(name, data);
      if (name !== 'cart' && name !== 'failure') send('status', services.status());
    });
    const heartbeat = setInterval(() => send('status', services.status()), options.statusEventIntervalMs);
    open.add(out);
    const cleanup = (): void => {
      clearInterval(heartbeat);
      subscription.unsubscribe();
      open.delete(out);
    };
    // The response's 'close' (not the request's, which may fire once its empty body is read)
    // says the browser went away.
    out.on('close', cleanup);
  });

  // An event stream never ends by itself: end them so close() does not wait on the browser.
  app.addHook('preClose', (done) => {
    for (const out of open) out.end();
    open.clear();
    done();
  });
}

function withStatusName(event: object): unknown {
  const e = event as { connectionStatus?: ConnectionStatusType; previousConnectionStatus?: ConnectionStatusType };
  if (e.connectionStatus === undefined) return event;
  return {
    ...event,
    connectionStatusName: ConnectionStatusType[e.connectionStatus],
    ...(e.previousConnectionStatus === undefined ? {} : { previousConnectionStatusName: ConnectionStatusType[e.previousConnectionStatus] }),
  };
}
