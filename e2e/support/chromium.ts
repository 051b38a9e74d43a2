// Debian's Chromium driven by playwright-core. Missing Chromium skips the
// browser tests with a notice, unless HEARTH_REQUIRE_BROWSER=1 (CI), where it fails.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

// Overridable for machines that keep Chromium elsewhere.
export const chromiumPath = process.env.HEARTH_E2E_CHROMIUM || '/usr/bin/chromium';

export const browserAvailable = existsSync(chromiumPath);
if (!browserAvailable) {
  if (process.env.HEARTH_REQUIRE_BROWSER === '1') {
    throw new Error(`HEARTH_REQUIRE_BROWSER=1 but no Chromium at ${chromiumPath} (apt-get install chromium)`);
  }
  console.warn(`[hearth e2e] Chromium not found at ${chromiumPath}: browser tests are skipped.`);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    // Nothing but loopback: no update checks, no sync, no first-run pings.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
