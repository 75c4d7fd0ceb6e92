import { expect } from 'chai';
import { defaultOfflineProfile, resolveOfflineProfile } from '../../../src/offline/profile/OfflineProfile.js';

describe('resolveOfflineProfile', () => {
  it('fills fields the scale unit did not send with the defaults', () => {
    expect(resolveOfflineProfile({ switchToOfflineTimeoutMs: 500 })).to.deep.equal({ ...defaultOfflineProfile, switchToOfflineTimeoutMs: 500 });
  });

  it('allows 0 where 0 means "off" and the retry count', () => {
    const p = resolveOfflineProfile({ systemHealthCheckIntervalMs: 0, retryCountToOffline: 0 });
    expect(p.systemHealthCheckIntervalMs).to.equal(0);
    expect(p.retryCountToOffline).to.equal(0);
  });

  const bad: [string, unknown, RegExp][] = [
    ['a zero timeout', { switchToOfflineTimeoutMs: 0 }, /switchToOfflineTimeoutMs must be greater than 0, got 0/],
    ['a negative interval', { reconnectIntervalMs: -1 }, /reconnectIntervalMs must be greater than 0, got -1/],
    ['a negative retry count', { retryCountToOffline: -2 }, /retryCountToOffline must be 0 or more, got -2/],
    ['a string', { uploadBatchSize: '100' }, /uploadBatchSize must be a whole number, got "100"/],
    ['a fraction', { downloadIntervalMs: 1.5 }, /downloadIntervalMs must be a whole number, got 1.5/],
    ['NaN', { uploadIntervalMs: Number.NaN }, /uploadIntervalMs must be a whole number, got NaN/],
    ['not an object', 'fast', /expected an object, got "fast"/],
  ];
  for (const [what, input, message] of bad) {
    it(`refuses ${what} with an error naming the field`, () => {
      expect(() => resolveOfflineProfile(input)).to.throw(RangeError, message);
    });
  }

  it('returns a frozen object', () => {
    expect(Object.isFrozen(resolveOfflineProfile({}))).to.equal(true);
  });
});
