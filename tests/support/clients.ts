/**
 * Small HTTP clients over the dev host's JSON API and the scale unit's admin API, as tests and
 * the chaos runner use them. No retries: each call reports exactly what one request got.
 */
import type { OfflineProfileData } from '#pos-api';

export const demoOperator = { operatorId: '000160', password: '123' } as const;

export interface ApiAnswer<T> {
  readonly status: number;
  readonly body: T;
}

export interface HostStatus {
  readonly registerId: string;
  readonly connectionStatus: 'Online' | 'SeamlessOffline' | 'ManualOffline';
  readonly button917Label: 'Disconnect' | 'Connect';
  readonly pendingUploads: number;
  readonly rejectedUploads?: number;
  readonly offlineDataAsOf: string | null;
  readonly syncState?: string;
  readonly [more: string]: unknown;
}

export interface Checkout {
  readonly transactionId: string;
  readonly receiptId: string;
  readonly total: number;
  readonly savedOffline: boolean;
}

export interface CartView {
  readonly transactionId: string;
  readonly lines: readonly { barcode: string; quantity: number; unitPrice: number; pricedOffline: boolean }[];
  readonly total: number;
}

export interface StoredSale {
  readonly transactionId: string;
  readonly receiptId: string;
  readonly registerId: string;
  readonly total: number;
  readonly createdOffline?: boolean;
  readonly receivedAt: string;
}

export class HttpCallError extends Error {
  constructor(message: string, readonly code: string | undefined) {
    super(message);
    this.name = 'HttpCallError';
  }
}

async function call<T>(base: string, method: string, route: string, body: unknown, headers: Record<string, string>, timeoutMs: number): Promise<ApiAnswer<T>> {
  let response: Response;
  try {
    response = await fetch(`${base}${route}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    const code = cause?.code ?? (error as { name?: string }).name;
    throw new HttpCallError(`${method} ${route}: ${code ?? (error as Error).message}`, code);
  }
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    // Left as text: a test asserting on the shape will say what came back.
  }
  return { status: response.status, body: parsed as T };
}

/** The dev host's JSON API (system.md). `baseUrl` is read at every call so a restarted host is followed. */
export class HostApi {
  constructor(private readonly baseUrl: () => string, private readonly timeoutMs = 15_000) {}

  request<T = unknown>(method: 'GET' | 'POST', route: string, body?: unknown, timeoutMs = this.timeoutMs): Promise<ApiAnswer<T>> {
    return call<T>(this.baseUrl(), method, route, body, {}, timeoutMs);
  }

  logon(operator: { operatorId: string; password: string } = demoOperator): Promise<ApiAnswer<unknown>> {
    return this.request('POST', '/api/logon', operator);
  }

  async status(): Promise<HostStatus> {
    const answer = await this.request<HostStatus>('GET', '/api/status');
    if (answer.status !== 200) throw new Error(`GET /api/status answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  addLine(barcode: string, quantity = 1): Promise<ApiAnswer<CartView>> {
    return this.request<CartView>('POST', '/api/cart/lines', { barcode, quantity });
  }

  checkout(amount: number): Promise<ApiAnswer<Checkout>> {
    return this.request<Checkout>('POST', '/api/cart/checkout', { tenders: [{ method: 'cash', amount }] });
  }

  voidCart(): Promise<ApiAnswer<unknown>> {
    return this.request('POST', '/api/cart/void', {});
  }

  operation(operationId: number, body: unknown = {}): Promise<ApiAnswer<unknown>> {
    return this.request('POST', `/api/operations/${operationId}`, body);
  }

  sync(): Promise<ApiAnswer<unknown>> {
    return this.request('POST', '/api/sync', {});
  }

  /** One sale of `barcodes`, paid cash with change; throws with the host's answer when a step fails. */
  async sell(barcodes: readonly string[]): Promise<Checkout> {
    for (const barcode of barcodes) {
      const added = await this.addLine(barcode);
      if (added.status !== 200) throw new Error(`add line ${barcode}: ${added.status} ${JSON.stringify(added.body)}`);
    }
    const cart = await this.request<CartView | null>('GET', '/api/cart');
    const total = cart.body?.total ?? 0;
    const done = await this.checkout(Math.ceil(total) + 10);
    if (done.status !== 200) throw new Error(`checkout: ${done.status} ${JSON.stringify(done.body)}`);
    return done.body;
  }
}

/** The scale unit's admin API (loopback, admin token). */
export class ScaleUnitAdmin {
  constructor(readonly adminUrl: string, private readonly adminToken: string, private readonly timeoutMs = 15_000) {}

  request<T = unknown>(method: 'GET' | 'POST' | 'PUT', route: string, body?: unknown, token = this.adminToken): Promise<ApiAnswer<T>> {
    return call<T>(this.adminUrl, method, route, body, token ? { authorization: `Bearer ${token}` } : {}, this.timeoutMs);
  }

  private async ok<T>(method: 'GET' | 'POST' | 'PUT', route: string, body?: unknown): Promise<T> {
    const answer = await this.request<T>(method, route, body);
    if (answer.status !== 200) throw new Error(`${method} ${route} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  transactions(): Promise<StoredSale[]> {
    return this.ok('GET', '/admin/transactions');
  }

  setFault(mode: 'none' | 'refuse' | 'blackhole' | 'latency' | 'error503' | 'drop-reply', latencyMs?: number): Promise<unknown> {
    return this.ok('POST', '/admin/faults', { mode, ...(latencyMs === undefined ? {} : { latencyMs }) });
  }

  setOfflineProfile(registerId: string, profile: Partial<OfflineProfileData>): Promise<unknown> {
    return this.ok('PUT', `/admin/registers/${encodeURIComponent(registerId)}/offline-profile`, profile);
  }

  upsertProducts(products: readonly unknown[]): Promise<unknown> {
    return this.ok('POST', '/admin/products', { products });
  }

  runDistribution(): Promise<{ packages: { id: string; kind: string; rows: number }[] }> {
    return this.ok('POST', '/admin/distribution/run', {});
  }
}

/** Polls `probe` until it answers something truthy; fails naming `what` after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs: number, what: string, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${(lastError as Error).message})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
