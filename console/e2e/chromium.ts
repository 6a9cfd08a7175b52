import { existsSync } from 'node:fs';

/** The browser the journeys drive: $CHROMIUM_PATH, else Debian's /usr/bin/chromium (Playwright cannot download its own here). */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** Fails (never skips) with what to do when the browser is missing. */
export function requireChromium(): void {
  const path = chromiumPath();
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}: the console's end-to-end tests need a real browser. ` +
        'Install it with `apt-get install -y chromium` (Debian/Ubuntu; .ci/run does this), ' +
        'or point CHROMIUM_PATH at a Chromium/Chrome binary.',
    );
  }
}
