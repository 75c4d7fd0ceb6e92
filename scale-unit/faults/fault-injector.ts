import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

export const faultModes = ['none', 'refuse', 'blackhole', 'latency', 'error503', 'drop-reply'] as const;
export type FaultMode = (typeof faultModes)[number];

export interface FaultSetting {
  readonly mode: FaultMode;
  /** Only for `latency`: how long every device response is held back. */
  readonly latencyMs: number;
}

/**
 * Network faults on the device port, applied around fastify rather than inside routes:
 * - refuse: stop listening and destroy open sockets (ECONNREFUSED); `none` re-listens on the same port.
 * - blackhole: accept and read requests, never answer (the request is hijacked and left hanging).
 * - latency: hold every response back by latencyMs after the route ran (the work is done, the answer is late).
 * - error503: answer 503 to every request, /health included, before any route runs.
 * - drop-reply: run the route (intake commits), then destroy the socket instead of answering.
 */
export class FaultInjector {
  private setting: FaultSetting = { mode: 'none', latencyMs: 0 };
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;
  private listenPort = 0;
  private listenHost = '127.0.0.1';

  constructor(private readonly app: FastifyInstance) {
    this.server = app.server;
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    app.addHook('onRequest', async (request, reply) => {
      const { mode } = this.setting;
      if (mode === 'blackhole') {
        reply.hijack();
      } else if (mode === 'error503') {
        return reply.code(503).header('retry-after', '1').send({ error: { code: 'ServiceUnavailable', message: 'the scale unit is unavailable (injected fault)' } });
      }
    });
    app.addHook('onSend', async (request, reply, payload) => {
      const { mode, latencyMs } = this.setting;
      if (mode === 'latency' && latencyMs > 0) await delay(latencyMs);
      if (mode === 'drop-reply') request.raw.socket.destroy();
      return payload;
    });
  }

  get current(): FaultSetting {
    return this.setting;
  }

  /** Call once fastify listens: `refuse` → `none` must come back on this very port. */
  rememberAddress(host: string, port: number): void {
    this.listenHost = host;
    this.listenPort = port;
  }

  async set(mode: FaultMode, latencyMs = 0): Promise<void> {
    const wasRefusing = this.setting.mode === 'refuse';
    this.setting = { mode, latencyMs: mode === 'latency' ? latencyMs : 0 };
    if (mode === 'refuse' && !wasRefusing) await this.stopListening();
    if (mode !== 'refuse' && wasRefusing) await this.listenAgain();
  }

  /** Destroys every open device socket (close and refuse both need it: hung requests never end by themselves). */
  destroySockets(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  get isListening(): boolean {
    return this.server.listening;
  }

  private async stopListening(): Promise<void> {
    if (!this.server.listening) return;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.destroySockets();
    await closed;
  }

  private listenAgain(): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      this.server.once('error', onError);
      this.server.listen(this.listenPort, this.listenHost, () => {
        this.server.off('error', onError);
        resolve();
      });
    });
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
