import { expect } from 'chai';
import { CartError, settleTenders } from '../../host/cart/index.js';
import { hostDefaults, hostOptionsFromCommandLine, parseOperators, resolveHostOptions } from '../../host/config.js';

describe('settling tenders', () => {
  it('records cash net of change so the tenders add up to the total', () => {
    const settled = settleTenders([{ method: 'card', amount: 10 }, { method: 'cash', amount: 20 }], 25.5);
    expect(settled).to.deep.equal({ recorded: [{ method: 'card', amount: 10 }, { method: 'cash', amount: 15.5 }], tendered: 30, change: 4.5 });
  });

  it('takes change from the last cash tenders first and drops a tender that is all change', () => {
    const settled = settleTenders([{ method: 'cash', amount: 10 }, { method: 'cash', amount: 5 }], 9.99);
    expect(settled.recorded).to.deep.equal([{ method: 'cash', amount: 9.99 }]);
    expect(settled.change).to.equal(5.01);
  });

  it('rounds to cents before comparing, so 0.1 + 0.2 covers 0.3', () => {
    expect(settleTenders([{ method: 'card', amount: 0.1 }, { method: 'card', amount: 0.2 }], 0.3).change).to.equal(0);
  });

  for (const [name, tenders, code] of [
    ['no tenders', [], 'InvalidTender'],
    ['an unknown method', [{ method: 'voucher', amount: 5 }], 'InvalidTender'],
    ['a zero amount', [{ method: 'cash', amount: 0 }], 'InvalidTender'],
    ['too little', [{ method: 'cash', amount: 4.99 }], 'InsufficientTender'],
    ['a card over the total', [{ method: 'card', amount: 6 }], 'CardOverpayment'],
  ] as const) {
    it(`refuses ${name}`, () => {
      try {
        settleTenders(tenders, 5);
        expect.fail('should throw');
      } catch (error) {
        expect(CartError.is(error)).to.equal(true);
        expect((error as CartError).code).to.equal(code);
      }
    });
  }
});

describe('host settings', () => {
  it('takes flags over environment variables over defaults', () => {
    const options = hostOptionsFromCommandLine(['--port', '8123', '--register-id', 'S001-T02'], { HOST_PORT: '9000', SCALE_UNIT_URL: 'http://127.0.0.1:7000', SCALE_UNIT_DEVICE_TOKEN: 'tok' });
    expect(options).to.include({ port: 8123, registerId: 'S001-T02', scaleUnitUrl: 'http://127.0.0.1:7000', deviceToken: 'tok', packageDir: 'dist' });
  });

  it('runs without the package on --no-extension', () => {
    expect(hostOptionsFromCommandLine(['--no-extension'], {}).packageDir).to.equal(null);
    expect(hostOptionsFromCommandLine([], { HOST_NO_EXTENSION: '1' }).packageDir).to.equal(null);
  });

  it('puts the offline database on SQL Server when given a connection string', () => {
    expect(hostOptionsFromCommandLine([], { OFFLINE_DB_MSSQL_URL: 'Server=.\\SQLEXPRESS;Database=OfflineDb' }).offlineDbUrl).to.match(/SQLEXPRESS/);
  });

  it('names the bad setting', () => {
    expect(() => resolveHostOptions({ port: 70000 })).to.throw(RangeError, /port/);
    expect(() => resolveHostOptions({ scaleUnitUrl: 'not a url' })).to.throw(RangeError, /scaleUnitUrl/);
    expect(() => resolveHostOptions({ scaleUnitTimeoutMs: 0 })).to.throw(RangeError, /scaleUnitTimeoutMs/);
    expect(() => hostOptionsFromCommandLine(['--port', 'x'], {})).to.throw(RangeError, /port/);
    expect(() => hostOptionsFromCommandLine(['--bogus'], {})).to.throw();
  });

  it('parses operators as id:password pairs', () => {
    expect(parseOperators('000160:123, 000161:a:b')).to.deep.equal({ '000160': '123', '000161': 'a:b' });
    expect(hostDefaults.operators).to.deep.equal({ '000160': '123' });
  });
});
