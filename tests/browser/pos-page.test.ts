/**
 * The demo, clicked through in a real browser against the real parts: scale unit simulator, dev
 * host with the BUILT extension (dist/), SQLite offline database. Sell online; cut the scale unit
 * off (refuse); the next scan switches the register offline and the sale completes offline; put
 * the scale unit back; press Connect (917): online again, the pending sale uploads, and the
 * scale unit holds it exactly once. Screenshots of each step go to tests/.artifacts/browser/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import got from 'got';
import type { Browser, Page } from 'playwright-core';
import { startHost, type RunningHost } from '../../host/server/index.js';
import { startScaleUnit, type ScaleUnit } from '../../scale-unit/index.js';
import { adminToken, deviceToken, tempDir } from '../host-server/support.js';
import { launchChromium } from './browser.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const distDir = path.join(repoRoot, 'dist');
const shots = path.join(repoRoot, 'tests/.artifacts/browser');

describe('web POS page (browser, built extension)', function () {
  this.timeout(120_000);
  let browser: Browser | undefined;
  let scaleUnit: ScaleUnit | undefined;
  let host: RunningHost | undefined;
  let page: Page;

  before(async function () {
    if (!existsSync(path.join(distDir, 'manifest.json'))) {
      try {
        execFileSync(process.execPath, ['scripts/build.js'], { cwd: repoRoot, stdio: 'inherit' });
      } catch {
        console.log('      skipped: the extension package does not build (dist/ missing)');
        this.skip();
      }
    }
    const launched = await launchChromium();
    if ('reason' in launched) {
      console.log(`      skipped: no Chromium could start (${launched.reason})`);
      this.skip();
    }
    browser = launched.browser;
    mkdirSync(shots, { recursive: true });
    scaleUnit = await startScaleUnit({ dataDir: tempDir('browser-su'), products: 300, customers: 20, deviceToken, adminToken, distributionIntervalMs: 0 });
    // Fast switching, and no timers that would act before the test does.
    scaleUnit.setOfflineProfile('S001-T01', { switchToOfflineTimeoutMs: 500, reconnectIntervalMs: 600_000, uploadIntervalMs: 600_000, downloadIntervalMs: 600_000, systemHealthCheckIntervalMs: 0 });
    await scaleUnit.runDistribution();
    host = await startHost({
      scaleUnitUrl: scaleUnit.url,
      adminUrl: scaleUnit.adminUrl,
      deviceToken,
      adminToken,
      dataDir: tempDir('browser-host'),
      packageDir: distDir,
      statusEventIntervalMs: 500,
      logLevel: 'warning',
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('dialog', (dialog) => void dialog.accept());
    page.on('pageerror', (error) => console.log(`      page error: ${error.message}`));
  });

  after(async () => {
    await browser?.close();
    await host?.close();
    await scaleUnit?.close();
  });

  const shot = (name: string) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
  const header = () => page.getByTestId('connection-text');

  async function scanAndPay(barcode: string, method: 'cash' | 'card') {
    await page.getByTestId('barcode-input').fill(barcode);
    await page.getByTestId('add-line').click();
    await page.getByTestId('cart-line').first().waitFor();
    await page.getByTestId(method === 'cash' ? 'pay-cash' : 'pay-card').click();
    await page.getByTestId('receipt').waitFor({ state: 'visible' });
  }

  it('sells online, keeps selling offline when the scale unit goes away, and uploads once on Connect', async () => {
    const products = await scaleUnit!.services.catalogue.searchProducts('', 0, 2);
    const [first, second] = products as { barcode: string }[];

    await page.goto(`${host!.url}/`);
    await page.getByTestId('logon-button').click();
    await page.waitForFunction(() => document.getElementById('operator-id')?.textContent === '000160');
    await expect(await header().textContent()).to.equal('Connected');
    // The first sign-in starts sync: wait for the offline database to hold the catalogue.
    await page.waitForFunction(async () => {
      const status = await (await fetch('/api/status')).json();
      return status.lastSync?.download?.ok === true && status.pendingDownloads === 0;
    }, undefined, { timeout: 30_000 });
    await shot('1-signed-in');

    await scanAndPay(first!.barcode, 'card');
    expect(await page.getByTestId('receipt-offline').isHidden()).to.equal(true);
    const onlineReceipt = await page.getByTestId('receipt-transaction-id').textContent();
    await shot('2-sold-online');

    await page.getByTestId('fault-mode').selectOption('refuse');
    await page.getByTestId('set-fault').click();
    await page.waitForFunction(() => document.getElementById('fault-current')?.textContent === 'refuse');
    await shot('3-scale-unit-refusing');

    await page.getByTestId('barcode-input').fill(second!.barcode);
    await page.getByTestId('add-line').click();
    await page.getByTestId('priced-offline').waitFor();
    await page.waitForFunction(() => document.getElementById('connection-text')?.textContent === 'Disconnected');
    await shot('4-disconnected-priced-offline');
    await page.getByTestId('pay-cash').click();
    await page.getByTestId('receipt-offline').waitFor({ state: 'visible' });
    const offlineReceipt = await page.getByTestId('receipt-transaction-id').textContent();
    await page.waitForFunction(() => document.getElementById('header-pending-uploads')?.textContent === '1');
    await shot('5-sold-offline');

    await page.getByTestId('fault-mode').selectOption('none');
    await page.getByTestId('set-fault').click();
    await page.waitForFunction(() => document.getElementById('fault-current')?.textContent === 'none');
    await page.waitForFunction(() => document.querySelector('[data-testid="op-917"]')?.textContent === 'Connect');
    await page.getByTestId('op-917').click();
    await page.waitForFunction(() => document.getElementById('connection-text')?.textContent === 'Connected', undefined, { timeout: 15_000 });
    await page.waitForFunction(() => document.getElementById('header-pending-uploads')?.textContent === '0', undefined, { timeout: 15_000 });
    expect(await page.getByTestId('op-917').textContent()).to.equal('Disconnect');
    await page.getByTestId('open-connection-status').click();
    await shot('6-connected-again');

    const stored = await got(`${scaleUnit!.adminUrl}/admin/transactions`, { headers: { authorization: `Bearer ${adminToken}` } }).json<{ transactionId: string }[]>();
    const ids = stored.map((t) => t.transactionId);
    expect(ids.filter((id) => id === offlineReceipt)).to.have.length(1);
    expect(ids).to.include(onlineReceipt);
    expect(ids).to.have.length(2);
  });
});
