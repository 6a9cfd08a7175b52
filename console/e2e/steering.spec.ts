import { expect, Page, test } from '@playwright/test';
import { instance, post } from './fleet';
import { CONSOLE, expectAccessible, shot, url, watchErrors } from './helpers';

// Cutover control and campaigns through the console, against the same `sqlup serve` (virtual clock). This
// file runs after console.spec.ts (one worker, files in name order), whose backed-up estimate needs the
// clock unmoved. Each journey registers its own instances through the API.

async function api<T>(path: string): Promise<T> {
  return (await (await fetch(url + path)).json()) as T;
}

test('an OnApproval upgrade waits for approval; Approve switch (confirmed) follows it to Succeeded', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await post(url, '/instances', instance('rm-approval'));
  await page.goto(`${CONSOLE}/instances/rm-approval/upgrade`);
  await page.getByRole('radio', { name: 'Switch when approved' }).check();
  await page.getByRole('button', { name: 'Dry run' }).click();
  await expect(page.getByTestId('estimate-total')).toHaveText('6 h 34 min');
  await page.getByRole('checkbox', { name: 'I have read and accept the terms of this upgrade' }).check();
  await page.getByRole('button', { name: 'Confirm' }).click();

  await expect(page).toHaveURL(new RegExp(`${CONSOLE}/tasks/up-[0-9a-f]{32}$`));
  const taskId = page.url().split('/').pop()!;
  // caught up, log shipping on: the task waits for the approval the API now lists as an action
  await expect(page.getByText('WaitingForApproval').first()).toBeVisible({ timeout: 60_000 });
  const approve = page.getByRole('button', { name: 'Approve switch' });
  await expect(approve).toBeVisible();
  await expect(page.getByText('Switch when approved').first()).toBeVisible();
  await shot(page, 'task-waiting-for-approval');
  await expectAccessible(page);

  await approve.click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText(/cannot be undone/)).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Approve switch' }).click();
  await expect(page.getByText('Upgrade succeeded')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('table', { name: 'Switch history' }).getByText('SwitchNow')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Approve switch' })).toHaveCount(0);

  const task = await api<{
    status: string;
    actions: string[];
    cutover: { history: { action: string; from: string }[] };
  }>(`/tasks/${taskId}`);
  expect(task.status).toBe('Succeeded');
  expect(task.actions).toEqual([]);
  expect(task.cutover.history.map((h) => [h.action, h.from])).toEqual([['SwitchNow', 'OnApproval']]);
  expect(errors).toEqual([]);
});

test('a small campaign is planned (dry run) and started from the console, approved after its canary, and succeeds', async ({
  page,
}) => {
  const errors = watchErrors(page);
  for (const id of ['rm-wave-1', 'rm-wave-2', 'rm-wave-3']) {
    await post(
      url,
      '/instances',
      instance(
        id,
        { engineVersion: '2017', dataSizeGb: 20, tags: { fleet: 'e2e-campaign' }, replicationTasks: [] },
        {
          databases: [{ name: 'app', sizeGb: 20, recoveryModel: 'FULL' }],
        },
      ),
    );
  }
  await page.goto(`${CONSOLE}/campaigns`);
  await expect(page.getByRole('heading', { level: 1, name: 'Campaigns' })).toBeVisible();
  await page.getByRole('button', { name: 'Plan campaign' }).click();
  await expect(page).toHaveURL(`${CONSOLE}/campaigns/new`);
  await page.getByRole('textbox', { name: 'Campaign name' }).fill('e2e-2022');
  await page.getByRole('textbox', { name: 'Tags' }).fill('fleet=e2e-campaign');
  await page.getByRole('radio', { name: 'Switch each instance as soon as its copy is caught up' }).check();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('textbox', { name: 'Wave 1 size' })).toHaveValue('1');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByTestId('plan-end')).toBeVisible();
  const waves = page.getByRole('table', { name: 'Planned waves' });
  await expect(waves.getByRole('row', { name: /canary/ })).toContainText('rm-wave-1');
  await expect(waves.getByRole('row', { name: /rest/ })).toContainText('rm-wave-2, rm-wave-3');
  await expect(page.getByText('Plan: 3 of 3 instances in 2 waves', { exact: false })).toBeVisible();
  await shot(page, 'campaign-plan');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Start campaign' }).click();

  await expect(page).toHaveURL(new RegExp(`${CONSOLE}/campaigns/cp-[0-9a-f]{32}$`));
  const campaignId = page.url().split('/').pop()!;
  await expect(page.getByText('Waiting for your approval')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('table', { name: 'Waves' }).getByRole('row', { name: /canary/ })).toContainText(
    'Completed',
  );
  await shot(page, 'campaign');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Approve next wave' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Approve next wave' }).click();
  await expect(page.getByText('Campaign succeeded')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('table', { name: 'Waves' }).getByRole('row', { name: /rest/ })).toContainText(
    'Completed',
  );

  const campaign = await api<{ status: string; counts: { succeeded: number; total: number } }>(
    `/campaigns/${campaignId}`,
  );
  expect(campaign.status).toBe('Succeeded');
  expect(campaign.counts).toMatchObject({ succeeded: 3, total: 3 });

  await page.goto(`${CONSOLE}/campaigns`);
  await expect(page.getByRole('table', { name: 'Campaigns' }).getByRole('link', { name: 'e2e-2022' })).toBeVisible();
  await shot(page, 'campaigns');
  await expectAccessible(page);
  expect(errors).toEqual([]);
});

test('the campaign and task pages are readable at 390 px', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  const { campaigns } = await api<{ campaigns: { campaignId: string }[] }>('/campaigns');
  const { tasks } = await api<{ tasks: { taskId: string }[] }>('/instances/rm-approval/tasks');
  const pages: [string, string, (p: Page) => ReturnType<Page['getByRole']>][] = [
    ['campaigns-390', `${CONSOLE}/campaigns`, (p) => p.getByRole('link', { name: 'e2e-2022' })],
    ['campaign-390', `${CONSOLE}/campaigns/${campaigns[0].campaignId}`, (p) => p.getByRole('table', { name: 'Waves' })],
    ['campaign-plan-390', `${CONSOLE}/campaigns/new`, (p) => p.getByRole('textbox', { name: 'Campaign name' })],
    [
      'task-cutover-390',
      `${CONSOLE}/tasks/${tasks[0].taskId}`,
      (p) => p.getByRole('table', { name: 'Switch history' }),
    ],
  ];
  for (const [name, target, loaded] of pages) {
    await page.goto(target);
    await expect(loaded(page)).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${name} scrolls sideways`).toBeLessThanOrEqual(0);
    await shot(page, name);
    await expectAccessible(page);
  }
  expect(errors).toEqual([]);
  await context.close();
});
