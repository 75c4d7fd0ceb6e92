import { expect } from 'chai';
import sinon from 'sinon';
import { ConnectionStatusType, ExtensionError } from '#pos-api';
import { ConnectionManager } from '../../../src/offline/connection/ConnectionManager.js';
import { OnlineFallbackPolicy, ScaleUnitUnreachableError, type OnlineCallOptions } from '../../../src/offline/policy/OnlineFallbackPolicy.js';
import { defaultOfflineProfile } from '../../../src/offline/profile/OfflineProfile.js';
import type { RegisterConfigurationService, ResolvedRegister } from '../../../src/offline/profile/RegisterConfigurationService.js';
import { ScaleUnitError } from '../../../src/offline/scaleUnit/errors.js';

function registerStub(overrides: Partial<ResolvedRegister> = {}, profile = {}): RegisterConfigurationService {
  const current: ResolvedRegister = {
    registerId: 'S001-T01',
    storeNumber: 'S001',
    terminalId: 'T01',
    supportOffline: true,
    profile: { ...defaultOfflineProfile, switchToOfflineTimeoutMs: 2_000, ...profile },
    ...overrides,
  };
  return { current, profile: current.profile, ensureLoaded: async () => current } as unknown as RegisterConfigurationService;
}

/** A blackholed scale unit behind a client that honours its timeout, as got does (TimeoutError, ETIMEDOUT). */
const blackholed = (call: OnlineCallOptions) =>
  new Promise<string>((_, reject) =>
    setTimeout(() => reject(Object.assign(new Error(`Timeout awaiting 'request' for ${call.timeoutMs}ms`), { name: 'TimeoutError', code: 'ETIMEDOUT' })), call.timeoutMs),
  );
/** An online call that ignores its timeout and never answers. */
const neverAnswers = () => new Promise<string>(() => undefined);

describe('OnlineFallbackPolicy', () => {
  let clock: sinon.SinonFakeTimers;
  let connection: ConnectionManager;

  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: 0 });
    connection = new ConnectionManager({ now: () => Date.now() });
  });
  afterEach(() => clock.restore());

  it('answers online while the scale unit answers', async () => {
    const policy = new OnlineFallbackPolicy(connection, registerStub());
    const answer = await policy.execute('lookup', async () => 'online', async () => 'offline');
    expect(answer).to.deep.equal({ value: 'online', source: 'online' });
  });

  it('switches to SeamlessOffline after the timeout and answers the same call from the offline database', async () => {
    const policy = new OnlineFallbackPolicy(connection, registerStub());
    const pending = policy.execute('lookup', blackholed, async () => 'offline');
    await clock.tickAsync(1_999);
    expect(connection.status).to.equal(ConnectionStatusType.Online);
    await clock.tickAsync(1);
    expect(await pending).to.deep.equal({ value: 'offline', source: 'offline' });
    expect(connection.status).to.equal(ConnectionStatusType.SeamlessOffline);
    expect(connection.current.reason).to.match(/lookup: no answer from the scale unit in time/);
  });

  it('goes straight to the offline database once offline, without calling the scale unit', async () => {
    connection.reportConnectivityFailure('earlier timeout', 0);
    const online = sinon.spy(async () => 'online');
    const policy = new OnlineFallbackPolicy(connection, registerStub());
    expect(await policy.execute('lookup', online, async () => 'offline')).to.deep.equal({ value: 'offline', source: 'offline' });
    expect(online.called).to.equal(false);
  });

  it('falls back at once on a refused connection, without waiting for the timeout', async () => {
    const policy = new OnlineFallbackPolicy(connection, registerStub());
    const refused = async () => {
      throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    };
    expect(await policy.execute('lookup', refused, async () => 'offline')).to.deep.equal({ value: 'offline', source: 'offline' });
    expect(Date.now()).to.equal(0);
  });

  it('tries the scale unit again while the retry count allows', async () => {
    const policy = new OnlineFallbackPolicy(connection, registerStub({}, { retryCountToOffline: 1 }));
    let calls = 0;
    const flaky = async () => {
      calls += 1;
      if (calls === 1) throw Object.assign(new Error('reset'), { code: 'ECONNRESET' });
      return 'online';
    };
    expect(await policy.execute('lookup', flaky, async () => 'offline')).to.deep.equal({ value: 'online', source: 'online' });
    expect(calls).to.equal(2);
    expect(connection.status).to.equal(ConnectionStatusType.Online);
  });

  for (const status of [400, 401, 403, 404]) {
    it(`treats a ${status} answer as an error for the user and stays Online`, async () => {
      const policy = new OnlineFallbackPolicy(connection, registerStub());
      const answered = async () => {
        throw Object.assign(new Error(`Response code ${status}`), { response: { statusCode: status } });
      };
      const error = await policy.execute('lookup', answered, async () => 'offline').catch((e: unknown) => e);
      expect(ScaleUnitError.is(error) && error.code).to.equal('Rejected');
      expect(connection.status).to.equal(ConnectionStatusType.Online);
    });
  }

  for (const status of [502, 503, 504]) {
    it(`treats a ${status} answer as an outage`, async () => {
      const policy = new OnlineFallbackPolicy(connection, registerStub());
      const gateway = async () => {
        throw Object.assign(new Error(`Response code ${status}`), { response: { statusCode: status } });
      };
      expect((await policy.execute('lookup', gateway, async () => 'offline')).source).to.equal('offline');
    });
  }

  it('passes an ExtensionError from the online call through untouched', async () => {
    const policy = new OnlineFallbackPolicy(connection, registerStub());
    const refusedSale = async () => {
      throw new ExtensionError('refused', 'TransactionRejected');
    };
    const error = await policy.execute('submit', refusedSale, async () => 'offline').catch((e: unknown) => e);
    expect(ExtensionError.is(error) && error.code).to.equal('TransactionRejected');
    expect(connection.status).to.equal(ConnectionStatusType.Online);
  });

  it('never falls back on a register without offline support: it reports the scale unit unreachable', async () => {
    const policy = new OnlineFallbackPolicy(connection, registerStub({ supportOffline: false }));
    const offline = sinon.spy(async () => 'offline');
    const pending = policy.execute('lookup', blackholed, offline).catch((e: unknown) => e);
    await clock.tickAsync(2_000);
    expect(await pending).to.be.instanceOf(ScaleUnitUnreachableError);
    expect(offline.called).to.equal(false);
  });

  it('hands the online call the profile timeout', async () => {
    const policy = new OnlineFallbackPolicy(connection, registerStub());
    let given: OnlineCallOptions | undefined;
    await policy.execute('lookup', async (call) => ((given = call), 'online'), async () => 'offline');
    expect(given).to.deep.equal({ timeoutMs: 2_000 });
  });

  it('stops waiting on a call that ignores its timeout shortly after the timeout (the backstop)', async () => {
    const policy = new OnlineFallbackPolicy(connection, registerStub());
    const pending = policy.execute('lookup', neverAnswers, async () => 'offline');
    await clock.tickAsync(2_099);
    expect(connection.status).to.equal(ConnectionStatusType.Online);
    await clock.tickAsync(1);
    expect(await pending).to.deep.equal({ value: 'offline', source: 'offline' });
    expect(connection.current.reason).to.match(/timed out|in time/);
  });

  it('clears its timer when the call answers, leaving nothing scheduled', async () => {
    const policy = new OnlineFallbackPolicy(connection, registerStub());
    await policy.execute('lookup', async () => 'online', async () => 'offline');
    expect(clock.countTimers()).to.equal(0);
  });
});
