/**
 * A TCP proxy that sits between the dev host and the scale unit and breaks the connection on
 * purpose (this machine has no netem or toxiproxy). The mode is read for every chunk, so a switch
 * applies to open keep-alive sockets as well as to new connections, the way a pulled cable would.
 *
 * - pass: bytes flow both ways untouched.
 * - latency: every chunk, in either direction, is held back `ms` (order kept).
 * - blackhole: connections are accepted, nothing is forwarded, nothing is answered.
 * - reset: every client socket is destroyed with a TCP RST (ECONNRESET at the client).
 * - refuse: the listener is closed (ECONNREFUSED); it listens again on the same port when the mode changes.
 * - drop-after-request: requests reach the server, its replies are swallowed; the client socket is
 *   destroyed on the first reply byte, or left hanging with `keepClient`.
 */
import { EventEmitter } from 'node:events';
import net, { type AddressInfo, type Socket } from 'node:net';

/**
 * Decides from an HTTP request line (`POST /transactions HTTP/1.1`) whether a selective fault
 * applies to that request; requests it declines pass untouched. Without it, every request is hit.
 */
export type RequestMatcher = (requestLine: string) => boolean;

export type FaultProxyMode =
  | { readonly mode: 'pass' }
  | { readonly mode: 'latency'; readonly ms: number; readonly match?: RequestMatcher }
  | { readonly mode: 'blackhole'; readonly match?: RequestMatcher }
  | { readonly mode: 'reset' }
  | { readonly mode: 'refuse' }
  | { readonly mode: 'drop-after-request'; readonly keepClient?: boolean; readonly match?: RequestMatcher };

export type FaultProxyModeName = FaultProxyMode['mode'];

export interface FaultProxyOptions {
  readonly targetHost?: string;
  readonly targetPort: number;
  /** 0 picks a free port. */
  readonly port?: number;
}

export interface FaultProxyStats {
  connections: number;
  /** Client → server chunks that reached the server. */
  forwardedToServer: number;
  /** Server → client chunks that reached the client. */
  forwardedToClient: number;
  /** Chunks thrown away (blackhole, drop-after-request). */
  swallowed: number;
  resets: number;
}

const requestLinePattern = /^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) \S+ HTTP\/1\.[01]/;

/** One client connection and its upstream socket. */
interface Link {
  readonly id: number;
  readonly client: Socket;
  readonly upstream: Socket;
  /** Bytes were thrown away: the HTTP stream is out of step and must not be reused. */
  tainted: boolean;
  /** drop-after-request with keepClient: the client socket stays open even when the server closes. */
  holdClient: boolean;
  /** The request line of the request the client sent last on this link ('' before the first). */
  requestLine: string;
  /** Pending latency timers, cleared when the link closes. */
  readonly timers: Set<NodeJS.Timeout>;
  closed: boolean;
}

/**
 * Events, whatever the mode, each with (linkId, chunk?, requestLine): `clientData` for every
 * client → proxy chunk, `serverData` for every server → proxy chunk, `replyDropped` (linkId,
 * requestLine) when drop-after-request swallows a reply. Tests use them to act at an exact moment (e.g. kill the host once the server answered).
 */
export class FaultProxy extends EventEmitter {
  readonly stats: FaultProxyStats = { connections: 0, forwardedToServer: 0, forwardedToClient: 0, swallowed: 0, resets: 0 };
  private current: FaultProxyMode = { mode: 'pass' };
  private readonly links = new Set<Link>();
  private server: net.Server;
  private nextId = 1;
  private closedForGood = false;

  private constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
    private listenPort: number,
  ) {
    super();
    this.server = this.createServer();
  }

  static async start(options: FaultProxyOptions): Promise<FaultProxy> {
    const proxy = new FaultProxy(options.targetHost ?? '127.0.0.1', options.targetPort, options.port ?? 0);
    await proxy.listen();
    return proxy;
  }

  get port(): number {
    return this.listenPort;
  }

  get url(): string {
    return `http://127.0.0.1:${this.listenPort}`;
  }

  get mode(): FaultProxyMode {
    return this.current;
  }

  get openConnections(): number {
    return this.links.size;
  }

  /** Switches the fault; resolves once the listener matches (closed for refuse, listening otherwise). */
  async setMode(mode: FaultProxyMode): Promise<void> {
    if (this.closedForGood) throw new Error('the fault proxy is closed');
    const previous = this.current;
    this.current = mode;
    // Connections that lost bytes are out of step: a client reusing one would read garbage.
    for (const link of this.links) if (link.tainted) this.destroyLink(link, false);
    if (mode.mode === 'reset') {
      for (const link of this.links) this.destroyLink(link, true);
    }
    if (mode.mode === 'refuse' && previous.mode !== 'refuse') {
      await this.stopListening();
    } else if (mode.mode !== 'refuse' && !this.server.listening) {
      await this.listen();
    }
  }

  async close(): Promise<void> {
    this.closedForGood = true;
    for (const link of this.links) this.destroyLink(link, false);
    await this.stopListening();
    this.removeAllListeners();
  }

  private createServer(): net.Server {
    const server = net.createServer({ noDelay: true }, (client) => this.accept(client));
    server.on('error', (error) => this.emit('proxyError', error));
    return server;
  }

  private listen(): Promise<void> {
    // A closed net.Server can listen again, but a fresh one keeps the old one's state out of the way.
    this.server = this.createServer();
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.listenPort, '127.0.0.1', () => {
        this.server.off('error', reject);
        this.listenPort = (this.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  private stopListening(): Promise<void> {
    if (!this.server.listening) return Promise.resolve();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const link of this.links) this.destroyLink(link, true);
    return closed;
  }

  private accept(client: Socket): void {
    this.stats.connections += 1;
    const mode = this.current.mode;
    if (mode === 'reset' || mode === 'refuse') {
      // refuse: a connection accepted in the instant before the listener closed.
      this.stats.resets += 1;
      client.on('error', () => undefined);
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect({ host: this.targetHost, port: this.targetPort, noDelay: true });
    const link: Link = { id: this.nextId++, client, upstream, tainted: false, holdClient: false, requestLine: '', timers: new Set(), closed: false };
    this.links.add(link);
    // Errors end the link; they are the faults we are here to make, not bugs.
    client.on('error', () => this.destroyLink(link, false));
    upstream.on('error', () => this.destroyLink(link, true));
    // Bytes already in flight (latency) still arrive after the other side closed, as on a real network.
    client.on('close', () => this.closeAfterPending(link));
    upstream.on('close', () => (link.holdClient ? undefined : this.closeAfterPending(link)));
    client.on('data', (chunk: Buffer) => this.fromClient(link, chunk));
    upstream.on('data', (chunk: Buffer) => this.fromServer(link, chunk));
  }

  private fromClient(link: Link, chunk: Buffer): void {
    const head = requestLinePattern.exec(chunk.toString('latin1', 0, Math.min(chunk.length, 512)));
    if (head) link.requestLine = head[0];
    this.emit('clientData', link.id, chunk, link.requestLine);
    const mode = this.current;
    if (mode.mode === 'blackhole' && this.applies(mode, link)) return this.swallow(link);
    this.deliver(link, link.upstream, chunk, mode.mode === 'latency' && this.applies(mode, link) ? mode.ms : 0, 'forwardedToServer');
  }

  private applies(mode: { readonly match?: RequestMatcher }, link: Link): boolean {
    return mode.match === undefined || mode.match(link.requestLine);
  }

  private fromServer(link: Link, chunk: Buffer): void {
    this.emit('serverData', link.id, chunk, link.requestLine);
    const mode = this.current;
    if (mode.mode === 'blackhole' && this.applies(mode, link)) return this.swallow(link);
    if (mode.mode === 'drop-after-request' && this.applies(mode, link)) {
      this.swallow(link);
      this.emit('replyDropped', link.id, link.requestLine);
      if (mode.keepClient) link.holdClient = true;
      else this.destroyLink(link, false);
      return;
    }
    this.deliver(link, link.client, chunk, mode.mode === 'latency' && this.applies(mode, link) ? mode.ms : 0, 'forwardedToClient');
  }

  private swallow(link: Link): void {
    link.tainted = true;
    this.stats.swallowed += 1;
  }

  private deliver(link: Link, to: Socket, chunk: Buffer, delayMs: number, counter: 'forwardedToServer' | 'forwardedToClient'): void {
    const write = (): void => {
      if (link.closed || to.destroyed) return;
      this.stats[counter] += 1;
      to.write(chunk);
    };
    if (delayMs <= 0) return write();
    // Equal delays fire in scheduling order, so chunks keep their order.
    const timer = setTimeout(() => {
      link.timers.delete(timer);
      write();
    }, delayMs);
    link.timers.add(timer);
  }

  private closeAfterPending(link: Link): void {
    if (link.timers.size === 0) return this.destroyLink(link, false);
    const mode = this.current;
    const wait = mode.mode === 'latency' ? mode.ms + 5 : 5;
    const timer = setTimeout(() => this.destroyLink(link, false), wait);
    link.timers.add(timer);
  }

  private destroyLink(link: Link, reset: boolean): void {
    if (link.closed) return;
    link.closed = true;
    this.links.delete(link);
    for (const timer of link.timers) clearTimeout(timer);
    link.timers.clear();
    if (reset && !link.client.destroyed) {
      this.stats.resets += 1;
      link.client.resetAndDestroy();
    } else {
      link.client.destroy();
    }
    link.upstream.destroy();
  }
}
