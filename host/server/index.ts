/**
 * The dev host in one call: loads the extension package (through its manifest only), wires the
 * runtime, default handlers, cart engine and HTTP server, and starts listening. Used by
 * host/main.ts and by in-process tests.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { DeviceConfiguration } from '#pos-api';
import { CartEngine, registerIdentityOf } from '../cart/index.js';
import { resolveHostOptions, type HostOptions, type ResolvedHostOptions } from '../config.js';
import { registerDefaultHandlers } from '../defaults/index.js';
import { loadExtensionPackage, type LoadedExtensionPackage } from '../loader/index.js';
import { PosHost } from '../runtime/index.js';
import { createApp } from './createApp.js';
import { DemoFaults } from './DemoFaults.js';
import { loadLayouts } from './layouts.js';
import { createHostLogger } from './logger.js';
import { Session } from './Session.js';
import { buildStatus } from './status.js';

/** The POS version this dev host claims; packages needing a newer one are refused. */
export const hostPosVersion = '9.60.0';

export interface StartHostOptions extends HostOptions {
  /** Packages already loaded (tests build them in memory); used instead of `packageDir`. */
  readonly packages?: readonly LoadedExtensionPackage[];
  readonly layoutsDir?: string;
  readonly publicDir?: string;
}

export interface RunningHost {
  readonly url: string;
  readonly port: number;
  readonly posHost: PosHost;
  readonly cart: CartEngine;
  readonly app: FastifyInstance;
  readonly options: ResolvedHostOptions;
  /** Runs ApplicationStop triggers, then closes the server (event streams included). */
  close(): Promise<void>;
}

const hostDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

export function deviceConfigurationOf(options: ResolvedHostOptions): DeviceConfiguration {
  return {
    registerId: options.registerId,
    scaleUnitUrl: options.scaleUnitUrl,
    deviceToken: options.deviceToken,
    offlineDatabase: options.offlineDbUrl
      ? { kind: 'sqlserver', connectionString: options.offlineDbUrl }
      : { kind: 'sqlite', path: path.resolve(options.dataDir, 'offline.db') },
  };
}

export async function startHost(startOptions: StartHostOptions = {}): Promise<RunningHost> {
  const { packages: givenPackages, layoutsDir, publicDir, ...hostOptions } = startOptions;
  const options = resolveHostOptions(hostOptions);
  mkdirSync(options.dataDir, { recursive: true });
  const layouts = loadLayouts(layoutsDir ?? path.join(hostDir, 'layouts'));
  const packages = givenPackages ?? (options.packageDir ? [await loadExtensionPackage(options.packageDir, { hostVersion: hostPosVersion })] : []);

  const posHost = new PosHost({
    packages,
    deviceConfiguration: deviceConfigurationOf(options),
    logger: createHostLogger(options.logLevel),
    hostVersion: hostPosVersion,
  });
  const cart = new CartEngine(posHost, registerIdentityOf(options.registerId));
  registerDefaultHandlers(posHost, {
    scaleUnitUrl: options.scaleUnitUrl,
    deviceToken: options.deviceToken,
    registerId: options.registerId,
    timeoutMs: options.scaleUnitTimeoutMs,
    currentCart: () => cart.cart,
  });
  const session = new Session(options.operators);
  const demoFaults = options.adminUrl ? new DemoFaults(options.adminUrl, options.adminToken) : null;
  const extension = packages[0] ? { name: packages[0].name, version: packages[0].version } : null;
  const status = () =>
    buildStatus({
      posHost,
      registerId: options.registerId,
      scaleUnitUrl: options.scaleUnitUrl,
      extension,
      signedInOperator: () => session.operatorId,
      demoFaultsAvailable: demoFaults !== null,
    });

  await posHost.start();
  const app = createApp({ options, posHost, cart, session, layouts, demoFaults, status, publicDir: publicDir ?? path.join(hostDir, 'public') });
  try {
    await app.listen({ port: options.port, host: options.bindAddress });
  } catch (error) {
    await posHost.stop();
    throw error;
  }
  const port = (app.server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost(options.bindAddress)}:${port}`,
    port,
    posHost,
    cart,
    app,
    options,
    close: () =>
      (closing ??= (async () => {
        try {
          await posHost.stop();
        } finally {
          await app.close();
        }
      })()),
  };
}

/** A wildcard bind is reached on loopback from this machine; IPv6 literals need brackets. */
function urlHost(bindAddress: string): string {
  if (bindAddress === '0.0.0.0' || bindAddress === '::') return '127.0.0.1';
  return bindAddress.includes(':') ? `[${bindAddress}]` : bindAddress;
}

export { createApp } from './createApp.js';
export { toErrorReply } from './errorReply.js';
export { HttpError } from './HttpError.js';
export type { HostServices } from './HostServices.js';
export type { HostStatus } from './status.js';
