import { expect } from 'chai';
import sinon from 'sinon';
import { ConnectionStatusType } from '#pos-api';
import { ConnectionManager } from '../../../src/offline/connection/ConnectionManager.js';

describe('ConnectionManager', () => {
  let clock: sinon.SinonFakeTimers;
  let manager: ConnectionManager;

  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: 1_000_000 });
    manager = new ConnectionManager({ now: () => Date.now() });
  });
  afterEach(() => clock.restore());

  it('starts Online', () => {
    expect(manager.status).to.equal(ConnectionStatusType.Online);
  });

  it('goes SeamlessOffline on the first connectivity failure when the retry count is 0', () => {
    expect(manager.reportConnectivityFailure('timeout', 0)).to.equal(true);
    expect(manager.status).to.equal(ConnectionStatusType.SeamlessOffline);
    expect(manager.current.reason).to.equal('timeout');
  });

  it('stays Online until failures exceed the retry count, and a success starts the count over', () => {
    expect(manager.reportConnectivityFailure('refused', 2)).to.equal(false);
    expect(manager.reportConnectivityFailure('refused', 2)).to.equal(false);
    manager.reportSuccess();
    expect(manager.reportConnectivityFailure('refused', 2)).to.equal(false);
    expect(manager.reportConnectivityFailure('refused', 2)).to.equal(false);
    expect(manager.reportConnectivityFailure('refused', 2)).to.equal(true);
    expect(manager.status).to.equal(ConnectionStatusType.SeamlessOffline);
  });

  it('makes a reconnect due only after the interval, and only from SeamlessOffline', () => {
    manager.reportConnectivityFailure('timeout', 0);
    expect(manager.isReconnectDue(30_000)).to.equal(false);
    clock.tick(30_000);
    expect(manager.isReconnectDue(30_000)).to.equal(true);
    manager.recordReconnectAttempt();
    expect(manager.isReconnectDue(30_000)).to.equal(false);
    manager.switchToManualOffline('operator');
    clock.tick(10 * 60_000);
    expect(manager.isReconnectDue(30_000)).to.equal(false);
  });

  it('lets a successful background probe make the reconnect due at once', () => {
    manager.reportConnectivityFailure('timeout', 0);
    manager.markReconnectReady();
    expect(manager.isReconnectDue(30_000)).to.equal(true);
  });

  it('never leaves ManualOffline through failures, probes or successes', () => {
    manager.switchToManualOffline('operator');
    manager.reportSuccess();
    manager.markReconnectReady();
    manager.markUnreachable('probe failed');
    expect(manager.status).to.equal(ConnectionStatusType.ManualOffline);
  });

  it('streams each status change once, with when it happened', () => {
    const seen: ConnectionStatusType[] = [];
    const sub = manager.status$.subscribe((s) => seen.push(s));
    manager.reportConnectivityFailure('timeout', 0);
    manager.reportConnectivityFailure('timeout again', 0);
    clock.tick(5_000);
    manager.goOnline('reconnected');
    sub.unsubscribe();
    expect(seen).to.deep.equal([ConnectionStatusType.Online, ConnectionStatusType.SeamlessOffline, ConnectionStatusType.Online]);
    expect(manager.current.since).to.equal(1_005_000);
  });

  it('switches to SeamlessOffline when the background probe fails while Online', () => {
    manager.markUnreachable('health check failed');
    expect(manager.status).to.equal(ConnectionStatusType.SeamlessOffline);
  });
});
