/**
 * A real scale unit on free ports plus the dev host in-process, and a JSON client that never
 * throws on 4xx/5xx (the tests assert the error shape).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import got, { type Got } from 'got';
import type { ExtensionClass, LoadedExtensionPackage, OperationRequestFactory, RequestHandlerInstance, TriggerInstance } from '../../host/loader/index.js';
import { startHost, type RunningHost, type StartHostOptions } from '../../host/server/index.js';
import type { TriggerType } from '#pos-api';
import { startScaleUnit, type ScaleUnit } from '../../scale-unit/index.js';

export const deviceToken = 'host-test-device-token';
export const adminToken = 'host-test-admin-token';

export interface Stack {
  readonly scaleUnit: ScaleUnit;
  readonly host: RunningHost;
  readonly api: Got;
  close(): Promise<void>;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}

/** Scale unit (200 products, no distribution timer) and a host WITHOUT the extension unless `packages` is given. */
export async function startStack(hostOptions: StartHostOptions = {}): Promise<Stack> {
  const scaleUnit = await startScaleUnit({ dataDir: tempDir('host-test-su'), products: 200, customers: 20, deviceToken, adminToken, distributionIntervalMs: 0 });
  let host: RunningHost;
  try {
    host = await startHost({
      scaleUnitUrl: scaleUnit.url,
      adminUrl: scaleUnit.adminUrl,
      deviceToken,
      adminToken,
      dataDir: tempDir('host-test-data'),
      packageDir: null,
      scaleUnitTimeoutMs: 1000,
      logLevel: 'silent',
      ...hostOptions,
    });
  } catch (error) {
    await scaleUnit.close();
    throw error;
  }
  const api = got.extend({ prefixUrl: host.url, retry: { limit: 0 }, throwHttpErrors: false, responseType: 'json', timeout: { request: 10000 } });
  return {
    scaleUnit,
    host,
    api,
    close: async () => {
      await host.close();
      await scaleUnit.close();
    },
  };
}

export async function signIn(api: Got): Promise<void> {
  const response = await api.post('api/logon', { json: { operatorId: '000160', password: '123' } });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${JSON.stringify(response.body)}`);
}

/** The barcode of the scale unit's product at `index` (its demo catalogue is deterministic). */
export async function barcodeAt(stack: Stack, index: number): Promise<{ barcode: string; price: number; productId: string }> {
  const response = await stack.api.get<{ products: { barcode: string; price: number; productId: string }[] }>('api/products', {
    searchParams: { search: '', top: index + 1 },
  });
  const products = response.body.products;
  const product = products[index];
  if (!product) throw new Error(`no product at ${index}`);
  return product;
}

interface PackageParts {
  readonly triggers?: readonly { readonly triggerType: TriggerType; readonly type: ExtensionClass<TriggerInstance> }[];
  readonly replacementRequestHandlers?: readonly ExtensionClass<RequestHandlerInstance>[];
  readonly operations?: readonly { readonly operationId: number; readonly factory: OperationRequestFactory; readonly handler: ExtensionClass<RequestHandlerInstance> }[];
}

/** An extension package built in memory, as the loader would hand it over (no webpack needed). */
export function inMemoryPackage(parts: PackageParts): LoadedExtensionPackage {
  const module = <T>(exported: T, modulePath: string) => ({ modulePath, file: `/memory/${modulePath}.js`, exported });
  return {
    name: 'test-extension',
    publisher: 'tests',
    version: '1.0.0',
    directory: '/memory',
    manifest: { name: 'test-extension', publisher: 'tests', version: '1.0.0', minimumPosVersion: '9.0.0', description: 'in-memory', components: {} },
    triggers: (parts.triggers ?? []).map((t, i) => ({ ...module(t.type, `trigger${i}`), triggerType: t.triggerType })),
    replacementRequestHandlers: (parts.replacementRequestHandlers ?? []).map((h, i) => module(h, `handler${i}`)),
    requestHandlers: [],
    operations: (parts.operations ?? []).map((o, i) => ({
      operationId: o.operationId,
      factory: module(o.factory, `op${i}/factory`),
      handler: module(o.handler, `op${i}/handler`),
    })),
  };
}

/** Reads server-sent events from `url` until `until` says stop; resolves with what it saw. */
export async function readEvents(url: string, until: (events: { event: string; data: unknown }[]) => boolean, timeoutMs = 5000): Promise<{ event: string; data: unknown }[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const events: { event: string; data: unknown }[] = [];
  try {
    const response = await fetch(url, { signal: controller.signal });
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data !== undefined) events.push({ event, data: JSON.parse(data) });
      }
      if (until(events)) break;
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}
