/**
 * A headless Chromium for page tests: CHROMIUM_PATH when set, else the one @sparticuz/chromium
 * ships inside npm (so `npm ci` is all a clean machine needs). Null, with the reason, when neither
 * starts: the caller skips rather than failing on a machine that cannot run a browser.
 */
import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Browser } from 'playwright-core';

export async function launchChromium(): Promise<{ browser: Browser } | { reason: string }> {
  const reasons: string[] = [];
  const candidates: (() => Promise<string>)[] = [];
  if (process.env.CHROMIUM_PATH) candidates.push(async () => process.env.CHROMIUM_PATH!);
  candidates.push(() => chromium.executablePath());
  for (const candidate of candidates) {
    try {
      const executablePath = await candidate();
      const browser = await playwright.launch({ executablePath, headless: true, args: [...chromium.args, '--no-sandbox'] });
      return { browser };
    } catch (error) {
      reasons.push((error as Error).message.split('\n')[0]!);
    }
  }
  return { reason: reasons.join('; ') };
}
