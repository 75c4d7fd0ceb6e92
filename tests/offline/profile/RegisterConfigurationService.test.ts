import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ExtensionError, type RegisterConfiguration } from '#pos-api';
import { silentLogger } from '../../support/fixtures.js';
import { RegisterConfigurationService } from '../../../src/offline/profile/RegisterConfigurationService.js';
import { SqliteOfflineStore } from '../../../src/offline/store/index.js';
import type { OfflineStore } from '../../../src/offline/store/OfflineStore.js';
import { ScaleUnitClient } from '../../../src/offline/scaleUnit/ScaleUnitClient.js';
import { ScaleUnitError } from '../../../src/offline/scaleUnit/errors.js';

const device = { registerId: 'S001-T01', scaleUnitUrl: 'http://127.0.0.1:9', deviceToken: 't', offlineDatabase: { kind: 'sqlite' as const, path: '' } };
const config: RegisterConfiguration = {
  registerId: 'S001-T01',
  storeNumber: 'S001',
  terminalId: 'T01',
  supportOffline: true,
  offlineProfile: { switchToOfflineTimeoutMs: 700, reconnectIntervalMs: 1, uploadIntervalMs: 1, downloadIntervalMs: 1, uploadBatchSize: 1, retryCountToOffline: 0, systemHealthCheckIntervalMs: 0 },
};

/** A client whose answers the test chooses (the seam this unit isolates). */
function clientAnswering(register: () => Promise<unknown>): ScaleUnitClient {
  const client = new ScaleUnitClient({ baseUrl: device.scaleUnitUrl, deviceToken: 't' });
  Object.assign(client, { getRegister: register, getHealth: async () => ({ ok: true, serverTime: new Date(Date.now() + 5_000).toISOString() }) });
  return client;
}
const unreachable = async () => {
  throw new ScaleUnitError('Unreachable', 'register configuration: ECONNREFUSED');
};

describe('RegisterConfigurationService', () => {
  let dir: string;
  let store: OfflineStore;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'register-config-'));
    store = await SqliteOfflineStore.open(path.join(dir, 'offline.db'));
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  const service = (client: ScaleUnitClient) => new RegisterConfigurationService(device, client, store, { now: () => Date.now() }, silentLogger);

  it('reads the configuration at sign-in, resolves the profile and caches both in the offline database', async () => {
    const loaded = await service(clientAnswering(async () => config)).reload();
    expect(loaded.profile.switchToOfflineTimeoutMs).to.equal(700);
    expect(await store.getSetting('registerConfiguration')).to.deep.equal(config);
  });

  it('keeps the server-time offset for offline sales', async () => {
    const s = service(clientAnswering(async () => config));
    await s.reload();
    expect(s.serverTimeOffsetMs).to.be.within(4_000, 6_000);
  });

  it('starts without a connection from the cached copy', async () => {
    await service(clientAnswering(async () => config)).reload();
    const offline = service(clientAnswering(unreachable));
    expect((await offline.ensureLoaded()).profile.switchToOfflineTimeoutMs).to.equal(700);
  });

  it('says the register was never configured when there is neither a connection nor a cached copy', async () => {
    const error = await service(clientAnswering(unreachable)).ensureLoaded().catch((e: unknown) => e);
    expect(ExtensionError.is(error) && error.code).to.equal('RegisterNotConfigured');
  });

  it('refuses an invalid profile with an error naming the field, and caches nothing', async () => {
    const bad = { ...config, offlineProfile: { ...config.offlineProfile, switchToOfflineTimeoutMs: 0 } };
    const error = await service(clientAnswering(async () => bad)).reload().catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RangeError);
    expect((error as Error).message).to.match(/switchToOfflineTimeoutMs must be greater than 0/);
    expect(await store.getSetting('registerConfiguration')).to.equal(null);
  });

  it('shares one load between concurrent callers', async () => {
    let calls = 0;
    const s = service(clientAnswering(async () => (calls++, config)));
    await Promise.all([s.ensureLoaded(), s.ensureLoaded(), s.ensureLoaded()]);
    expect(calls).to.equal(1);
  });
});
