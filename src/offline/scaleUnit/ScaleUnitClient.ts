import http from 'node:http';
import https from 'node:https';
import got, { type Got } from 'got';
import type {
  Customer,
  DataPackageInfo,
  DataPackageStatus,
  NumberSequenceSeeds,
  Product,
  RegisterConfiguration,
  SalesTransaction,
  TransactionIntakeResult,
} from '#pos-api';
import { classifyFailure } from './classifyFailure.js';
import { ScaleUnitError } from './errors.js';

export interface ScaleUnitClientOptions {
  readonly baseUrl: string;
  readonly deviceToken: string;
}

/** Per-call options: every call can be abandoned through a signal (a late reply is dropped). */
export interface CallOptions {
  readonly signal?: AbortSignal;
  /** Client-side bound for calls outside the fallback policy (probes, sync). */
  readonly timeoutMs?: number;
}

export interface HealthAnswer {
  readonly ok: boolean;
  readonly serverTime: string;
}

/**
 * The Commerce Scale Unit's device API (the routes of system.md), over got. got's own retries
 * are off: the fallback policy and the sync engine decide what a failure means.
 */
export class ScaleUnitClient {
  private readonly http: Got;

  constructor(readonly options: ScaleUnitClientOptions) {
    this.http = got.extend({
      prefixUrl: options.baseUrl,
      headers: { authorization: `Bearer ${options.deviceToken}` },
      retry: { limit: 0 },
      // Keep-alive halves loopback latency; a socket the server closed meanwhile shows up as
      // ECONNRESET, which classifyFailure treats as a connectivity failure.
      agent: { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) },
      responseType: 'json',
    });
  }

  getHealth(call: CallOptions = {}): Promise<HealthAnswer> {
    return this.get('health', 'health check', call, isObject);
  }

  getRegister(registerId: string, call: CallOptions = {}): Promise<RegisterConfiguration> {
    return this.get(`registers/${encodeURIComponent(registerId)}`, 'register configuration', call, isObject);
  }

  /** Null when the scale unit knows no product with this barcode (404). */
  async getProductByBarcode(barcode: string, call: CallOptions = {}): Promise<Product | null> {
    return this.orNullOn404(this.get(`products/by-barcode/${encodeURIComponent(barcode)}`, 'product by barcode', call, isProduct));
  }

  async getProduct(productId: string, call: CallOptions = {}): Promise<Product | null> {
    return this.orNullOn404(this.get(`products/${encodeURIComponent(productId)}`, 'product by id', call, isProduct));
  }

  searchProducts(searchText: string, skip: number, top: number, call: CallOptions = {}): Promise<Product[]> {
    const query = new URLSearchParams({ search: searchText, skip: String(skip), top: String(top) });
    return this.get(`products?${query}`, 'product search', call, isArrayOf(isProduct));
  }

  searchCustomers(searchText: string, call: CallOptions = {}): Promise<Customer[]> {
    return this.get(`customers?${new URLSearchParams({ search: searchText })}`, 'customer search', call, isArrayOf(isObject));
  }

  getNumberSequences(registerId: string, call: CallOptions = {}): Promise<NumberSequenceSeeds> {
    return this.get(`number-sequences/${encodeURIComponent(registerId)}`, 'number sequences', call, isObject);
  }

  postTransactions(transactions: readonly SalesTransaction[], call: CallOptions = {}): Promise<TransactionIntakeResult> {
    return this.send('post', 'transactions', { transactions }, 'transaction upload', call, isIntakeResult);
  }

  listDataPackages(registerId: string, afterSequence: number, call: CallOptions = {}): Promise<DataPackageInfo[]> {
    const query = new URLSearchParams({ registerId, after: String(afterSequence) });
    return this.get(`data-packages?${query}`, 'data package list', call, isArrayOf(isObject));
  }

  /** The package body as a byte stream (never buffered whole). */
  streamDataPackage(packageId: string, call: CallOptions = {}): NodeJS.ReadableStream {
    return this.http.stream(`data-packages/${encodeURIComponent(packageId)}`, {
      signal: call.signal,
      ...(call.timeoutMs ? { timeout: { response: call.timeoutMs } } : {}),
    });
  }

  async reportDataPackageStatus(packageId: string, registerId: string, status: DataPackageStatus, error: string | null, call: CallOptions = {}): Promise<void> {
    await this.send('post', `data-packages/${encodeURIComponent(packageId)}/status`, { registerId, status, ...(error ? { error } : {}) }, 'package status report', call, () => true);
  }

  private get<T>(path: string, what: string, call: CallOptions, check: (v: unknown) => boolean): Promise<T> {
    return this.send('get', path, undefined, what, call, check);
  }

  private async send<T>(method: 'get' | 'post', path: string, json: unknown, what: string, call: CallOptions, check: (v: unknown) => boolean): Promise<T> {
    let body: unknown;
    try {
      const response = await this.http(path, {
        method,
        ...(json === undefined ? {} : { json }),
        signal: call.signal,
        ...(call.timeoutMs ? { timeout: { request: call.timeoutMs } } : {}),
      });
      // got passes 1xx-3xx answers through (a 304 has no body); the contract answers 2xx only.
      if (response.statusCode < 200 || response.statusCode > 299) {
        throw new ScaleUnitError('BadResponse', `${what}: the scale unit answered ${response.statusCode}`, response.statusCode);
      }
      body = response.body;
    } catch (error) {
      throw classifyFailure(error, what, call.signal?.aborted === true && isTimeoutReason(call.signal.reason));
    }
    if (!check(body)) throw new ScaleUnitError('BadResponse', `${what}: the scale unit's answer does not match the contract`);
    return body as T;
  }

  private async orNullOn404<T>(call: Promise<T>): Promise<T | null> {
    try {
      return await call;
    } catch (error) {
      if (ScaleUnitError.is(error) && error.statusCode === 404) return null;
      throw error;
    }
  }
}

function isTimeoutReason(reason: unknown): boolean {
  return (reason as { name?: string } | undefined)?.name === 'TimeoutError';
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isProduct(value: unknown): boolean {
  const p = value as Product;
  return isObject(value) && typeof p.productId === 'string' && typeof p.barcode === 'string' && typeof p.price === 'number';
}

function isArrayOf(check: (v: unknown) => boolean): (v: unknown) => boolean {
  return (value) => Array.isArray(value) && value.every(check);
}

function isIntakeResult(value: unknown): boolean {
  const r = value as TransactionIntakeResult;
  return isObject(value) && Array.isArray(r.accepted) && Array.isArray(r.duplicates) && Array.isArray(r.rejected);
}
