import { expect, Page, test } from '@playwright/test';
import { CONSOLE, expectAccessible, shot, url, watchErrors } from './helpers';

// Journeys of issue 16 in a real Chromium against `sqlup serve` (virtual clock), through the console only;
// the API is called directly only to check what the console did (one task after a double click).

// One worker, file order: the backed-up dry run must come before any upgrade moves the virtual clock.
test.describe.configure({ mode: 'default' });

async function apiTasks(instanceId: string): Promise<{ taskId: string; status: string }[]> {
  const response = await fetch(`${url}/instances/${instanceId}/tasks`);
  return ((await response.json()) as { tasks: { taskId: string; status: string }[] }).tasks;
}

async function dryRun(page: Page, instanceId: string) {
  await page.goto(`${CONSOLE}/instances/${instanceId}/upgrade`);
  await expect(page.getByRole('heading', { level: 1, name: `Upgrade Engine Version: ${instanceId}` })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Upgrade to' })).toContainText('SQL Server 2022');
  await page.getByRole('button', { name: 'Dry run' }).click();
}

test('the instance list shows the fleet and opens rm-guide-600g', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`${url}/`);
  await expect(page).toHaveURL(`${CONSOLE}/`);
  await expect(page.getByRole('heading', { level: 1, name: 'Instances' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Instances' });
  await expect(table.getByRole('link', { name: 'rm-guide-600g' })).toBeVisible();
  await expect(table.getByText('simulated').first()).toBeVisible();
  await page.getByRole('searchbox', { name: 'Filter instances' }).fill('ad-joined');
  await expect(table.getByRole('link', { name: 'rm-guide-600g' })).toHaveCount(0);
  await expect(table.getByRole('link', { name: 'rm-ad-joined' })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Filter instances' }).fill('');
  await shot(page, 'instances');
  await expectAccessible(page);

  await table.getByRole('link', { name: 'rm-guide-600g' }).click();
  await expect(page).toHaveURL(`${CONSOLE}/instances/rm-guide-600g`);
  await expect(page.getByRole('heading', { level: 1, name: 'rm-guide-600g' })).toBeVisible();
  await expect(page.getByText('SQL Server 2019 Standard').first()).toBeVisible();
  await expect(page.getByRole('table', { name: 'Databases' }).getByText('sales')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Upgrade Version' })).toBeEnabled();
  await shot(page, 'instance');
  await expectAccessible(page);
  // back/forward work: the client router keeps real URLs
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Instances' })).toBeVisible();
  await page.goForward();
  await expect(page.getByRole('heading', { level: 1, name: 'rm-guide-600g' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('the backed-up example estimates 3 h 34 min (full backup within 36 h reused)', async ({ page }) => {
  const errors = watchErrors(page);
  await dryRun(page, 'rm-backed-up-600g');
  await expect(page.getByTestId('estimate-total')).toHaveText('3 h 34 min');
  await expect(page.getByText('skipped (a full backup within 36 hours is reused)')).toBeVisible();
  expect(errors).toEqual([]);
});

test('a limited instance shows its refusal code and cannot submit', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`${CONSOLE}/instances/rm-ad-joined`);
  await expect(page.getByRole('strong').filter({ hasText: 'ADDomainJoinedNotSupported' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Upgrade Version' })).toBeDisabled();
  await expectAccessible(page);
  await page.goto(`${CONSOLE}/instances/rm-ad-joined/upgrade`);
  await expect(page.getByRole('strong').filter({ hasText: 'ADDomainJoinedNotSupported' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Confirm' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Dry run' })).toBeDisabled();
  await shot(page, 'upgrade-refused');
  expect(await apiTasks('rm-ad-joined')).toEqual([]);
  expect(errors).toEqual([]);
});

test('dry run to 2022 shows 6 h 34 min; Confirm starts the task, followed to Succeeded with timeline and graph', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto(`${CONSOLE}/instances/rm-guide-600g`);
  await page.getByRole('button', { name: 'Upgrade Version' }).click();
  await expect(page).toHaveURL(`${CONSOLE}/instances/rm-guide-600g/upgrade`);
  await expect(page.getByRole('button', { name: 'Confirm' })).toBeDisabled();
  await page.getByRole('button', { name: 'Dry run' }).click();
  await expect(page.getByTestId('estimate-total')).toHaveText('6 h 34 min');
  await expect(page.getByText('Dry run passed: estimated 6 h 34 min in total')).toBeVisible();
  const prechecks = page.getByRole('table', { name: 'Prechecks' });
  await expect(prechecks.getByText('ReplicationTasksWillStop')).toBeVisible();
  await expect(prechecks.getByText('VipWillChange')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Estimate per phase' }).getByText('Back up full data')).toBeVisible();
  // Confirm waits for the terms
  await expect(page.getByRole('button', { name: 'Confirm' })).toBeDisabled();
  await page.getByRole('checkbox', { name: 'I have read and accept the terms of this upgrade' }).check();
  await shot(page, 'upgrade');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Confirm' }).click();

  await expect(page).toHaveURL(new RegExp(`${CONSOLE}/tasks/up-[0-9a-f]{32}$`));
  await expect(page.getByText('Upgrade succeeded')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('Upgrade complete').first()).toBeVisible();
  await expect(page.getByText('Measured downtime')).toBeVisible();
  const timeline = page.getByRole('table', { name: 'Timeline' });
  for (const step of [
    'Create and configure the new instance',
    'Back up full data',
    'Restore the full backup',
    'Switch workloads',
  ]) {
    await expect(timeline.getByRole('rowheader', { name: step })).toBeVisible();
  }
  await expect(timeline.getByRole('row', { name: /Back up full data/ })).toContainText('3 h');
  await expect(page.getByText('dts-rm-guide-600g-to-dwh').first()).toBeVisible();
  // the graph: the path taken ends in Upgraded; nothing is current any more
  const graph = page.getByRole('img', { name: /Upgrade state machine/ });
  await expect(graph).toBeVisible();
  await expect(graph.locator('[data-state="Upgraded"]')).toHaveAttribute('data-status', 'succeeded');
  await expect(graph.locator('[data-state="CreateTarget"]')).toHaveAttribute('data-status', 'succeeded');
  await expect(graph.locator('[data-state="UpgradeFailed"]')).toHaveAttribute('data-status', 'not-run');
  await expect(graph.locator('[data-status="current"]')).toHaveCount(0);
  await shot(page, 'task');
  await expectAccessible(page);

  const tasks = await apiTasks('rm-guide-600g');
  expect(tasks).toHaveLength(1);
  expect(tasks[0].status).toBe('Succeeded');
  expect(errors).toEqual([]);
});

test('a double-clicked Confirm makes one task', async ({ page }) => {
  const errors = watchErrors(page);
  await dryRun(page, 'rm-double-click');
  await expect(page.getByTestId('estimate-total')).toBeVisible();
  await page.getByRole('checkbox', { name: 'I have read and accept the terms of this upgrade' }).check();
  await page.getByRole('button', { name: 'Confirm' }).dblclick();
  await expect(page).toHaveURL(new RegExp(`${CONSOLE}/tasks/up-`));
  const tasks = await apiTasks('rm-double-click');
  expect(tasks).toHaveLength(1);
  expect(page.url()).toContain(tasks[0].taskId);
  expect(errors).toEqual([]);
});

test('the task list filters by instance and status', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`${CONSOLE}/tasks`);
  await expect(page.getByRole('heading', { level: 1, name: 'Upgrade tasks' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Upgrade tasks' });
  await expect(table.getByRole('link', { name: 'rm-guide-600g' })).toBeVisible();
  await expect(table.getByRole('link', { name: 'rm-double-click' })).toBeVisible();
  await shot(page, 'tasks');
  await expectAccessible(page);
  await page.goto(`${CONSOLE}/tasks?instance=rm-double-click`);
  await expect(table.getByRole('link', { name: 'rm-double-click' })).toBeVisible();
  await expect(table.getByRole('link', { name: 'rm-guide-600g' })).toHaveCount(0);
  await page.goto(`${CONSOLE}/tasks?status=Failed`);
  await expect(page.getByText('No task matches the filters.')).toBeVisible();
  expect(errors).toEqual([]);
});

test('every page is readable at 390 px', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  const taskId = (await apiTasks('rm-guide-600g'))[0].taskId;
  // each page with what shows it has loaded (not just its heading)
  const pages: [string, string, string, (p: Page) => ReturnType<Page['getByRole']>][] = [
    ['instances', `${CONSOLE}/`, 'Instances', (p) => p.getByRole('link', { name: 'rm-guide-600g' })],
    [
      'instance',
      `${CONSOLE}/instances/rm-guide-600g`,
      'rm-guide-600g',
      (p) => p.getByRole('table', { name: 'Databases' }),
    ],
    [
      'upgrade',
      `${CONSOLE}/instances/rm-backed-up-600g/upgrade`,
      'Upgrade Engine Version: rm-backed-up-600g',
      (p) => p.getByRole('button', { name: 'Dry run' }),
    ],
    ['task', `${CONSOLE}/tasks/${taskId}`, `Task ${taskId}`, (p) => p.getByRole('table', { name: 'Timeline' })],
    ['tasks', `${CONSOLE}/tasks`, 'Upgrade tasks', (p) => p.getByRole('link', { name: taskId })],
  ];
  for (const [name, target, heading, loaded] of pages) {
    await page.goto(target);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(loaded(page)).toBeVisible();
    // nothing wider than the screen but scrollable tables and the graph's own scroll region
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${name} scrolls sideways`).toBeLessThanOrEqual(0);
    await shot(page, `${name}-390`);
    await expectAccessible(page);
  }
  expect(errors).toEqual([]);
  await context.close();
});

/** Presses Tab until `target` has the focus (at most 80 times), as a keyboard user would. */
async function tabTo(page: Page, target: ReturnType<Page['getByRole']>) {
  for (let i = 0; i < 80 && !(await target.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('keyboard only: from the list to the instance and a dry run', async ({ page }) => {
  await page.goto(`${CONSOLE}/`);
  const link = page.getByRole('table', { name: 'Instances' }).getByRole('link', { name: 'rm-backed-up-600g' });
  await expect(link).toBeVisible();
  await tabTo(page, link);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`${CONSOLE}/instances/rm-backed-up-600g`);
  const upgrade = page.getByRole('button', { name: 'Upgrade Version' });
  await expect(upgrade).toBeEnabled();
  await tabTo(page, upgrade);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`${CONSOLE}/instances/rm-backed-up-600g/upgrade`);
  const dryRun = page.getByRole('button', { name: 'Dry run' });
  await expect(dryRun).toBeEnabled();
  await tabTo(page, dryRun);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('estimate-total')).toBeVisible();
  await tabTo(page, page.getByRole('checkbox', { name: 'I have read and accept the terms of this upgrade' }));
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Confirm' })).toBeEnabled();
});

test('the API being unreachable is said, and the page recovers', async ({ page }) => {
  const errors = watchErrors(page);
  let down = true;
  await page.route(`${url}/instances`, (route) => (down ? route.abort('connectionrefused') : route.continue()));
  await page.goto(`${CONSOLE}/`);
  await expect(page.getByText('API unreachable')).toBeVisible();
  down = false;
  await expect(page.getByRole('table', { name: 'Instances' }).getByRole('link', { name: 'rm-guide-600g' })).toBeVisible(
    { timeout: 30_000 },
  );
  await expect(page.getByText('API unreachable')).toHaveCount(0);
  // the aborted request is the browser's own console error; nothing else
  expect(errors.filter((e) => !e.includes('ERR_CONNECTION_REFUSED') && !e.includes('Failed to load resource'))).toEqual(
    [],
  );
});
