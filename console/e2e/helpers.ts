// What every journey shares: the served URL, error watching, screenshots and the axe check.
import AxeBuilder from '@axe-core/playwright';
import { expect, Page } from '@playwright/test';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { STATE_FILE } from './global-setup';

export const { url } = JSON.parse(readFileSync(STATE_FILE, 'utf8')) as { url: string };
export const CONSOLE = `${url}/console`;
const SHOTS = resolve(import.meta.dirname, '../test-results/screenshots');
const DOCS = resolve(import.meta.dirname, '../../docs/console');
mkdirSync(SHOTS, { recursive: true });

/** Every page is checked for console errors and uncaught exceptions. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${r.request().method()} ${r.url()}`);
  });
  return errors;
}

export async function shot(page: Page, name: string) {
  const file = resolve(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  // SQLUP_UPDATE_SCREENSHOTS=1 refreshes the committed ones (docs/console.md)
  if (process.env.SQLUP_UPDATE_SCREENSHOTS) {
    mkdirSync(DOCS, { recursive: true });
    copyFileSync(file, resolve(DOCS, `${name}.png`));
  }
}

/** axe: no serious or critical violation. */
export async function expectAccessible(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    ),
  ).toEqual([]);
}
