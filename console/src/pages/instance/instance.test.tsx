import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fixtures } from '../../test-fixtures';
import { ok, recordedClient, renderPage } from '../../test-fixtures/recorded-api';
import InstancePage, { databasesOf, upgradeDisabledReason } from '.';

function routes(instance: object, options: object, tasks: object = { tasks: [] }) {
  const id = (instance as { instanceId: string }).instanceId;
  return recordedClient({
    [`GET /instances/${id}`]: ok(instance),
    [`GET /instances/${id}/upgrade-options`]: ok(options),
    [`GET /instances/${id}/tasks?limit=100`]: ok(tasks),
  }).client;
}

describe('Instance page', () => {
  it('offers Upgrade Version for an upgradable instance and lists its databases and tasks', async () => {
    const client = routes(fixtures.instanceGuide, fixtures.optionsGuide, fixtures.tasksGuide);
    renderPage(<InstancePage />, { url: '/instances/rm-guide-600g', pattern: '/instances/:instanceId', client });
    const button = await screen.findByRole('button', { name: 'Upgrade Version' });
    await screen.findByText('Configuration information');
    expect(button.hasAttribute('disabled') || button.getAttribute('aria-disabled') === 'true').toBe(false);
    const dbs = await screen.findByRole('table', { name: 'Databases' });
    expect(within(dbs).getByText('sales')).toBeTruthy();
    expect(within(dbs).getByText('FULL')).toBeTruthy();
    expect(within(dbs).getByText('559 GiB')).toBeTruthy(); // 600 GB of data, as discovered
    expect(within(dbs).getByText('ONLINE')).toBeTruthy();
    expect(screen.getByText(/^Discovered .* from the simulated fleet model \(not a server\)$/)).toBeTruthy();
    expect(screen.getByText('Standard Edition (64-bit)')).toBeTruthy();
    const history = screen.getByRole('table', { name: 'Task history' });
    expect(within(history).getByText(fixtures.tasksGuide.tasks[0].taskId)).toBeTruthy();
  });

  it('disables Upgrade Version with the refusal code for a limited instance', async () => {
    const client = routes(fixtures.instanceAdJoined, fixtures.optionsAdJoined);
    renderPage(<InstancePage />, { url: '/instances/rm-ad-joined', pattern: '/instances/:instanceId', client });
    expect(await screen.findByText('ADDomainJoinedNotSupported', { selector: 'strong' })).toBeTruthy();
    const button = screen.getByRole('button', { name: 'Upgrade Version' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
  });

  it('gives the reason from the blockers', () => {
    expect(upgradeDisabledReason(fixtures.optionsGuide)).toBeUndefined();
    expect(upgradeDisabledReason(fixtures.optionsAdJoined)).toMatch(/^ADDomainJoinedNotSupported: /);
    expect(upgradeDisabledReason(undefined)).toBe('Loading the upgrade options');
  });

  it('reads the discovered inventory: sizes, recovery model, last full backup and whether its file is readable', () => {
    const recorded = databasesOf(fixtures.instanceGuide)!;
    expect(recorded.source).toBe('discovered');
    expect(recorded.simulated).toBe(true);
    expect(recorded.databases[0]).toMatchObject({
      name: 'sales',
      dataBytes: 600000000000,
      logBytes: 60000000000,
      recoveryModel: 'FULL',
    });
    const inventory = {
      ...fixtures.instanceGuide.inventory!,
      databases: [
        {
          name: 'erp',
          dataBytes: 12e9,
          recoveryModel: 'SIMPLE',
          lastFullBackup: { finishedAt: '2026-12-02T00:00:00.000Z', filePresent: false },
        },
      ],
    };
    expect(databasesOf({ ...fixtures.instanceGuide, inventory })!.databases[0]).toMatchObject({
      name: 'erp',
      recoveryModel: 'SIMPLE',
      lastFullBackupAt: '2026-12-02T00:00:00.000Z',
      backupFilePresent: false,
    });
    const { inventory: _none, ...neverDiscovered } = fixtures.instanceGuide;
    expect(databasesOf(neverDiscovered)?.source).toBe('simulated');
    expect(databasesOf({ ...neverDiscovered, engine: { binding: 'sqlserver' } })).toBeUndefined();
  });

  it('discovers the source again on Discover and shows the new inventory', async () => {
    const { inventory: _none, ...neverDiscovered } = fixtures.instanceGuide;
    let discovered = false;
    const { client, calls } = recordedClient({
      'GET /instances/rm-guide-600g': () => ok(discovered ? fixtures.instanceGuide : neverDiscovered),
      'GET /instances/rm-guide-600g/upgrade-options': ok(fixtures.optionsGuide),
      'GET /instances/rm-guide-600g/tasks?limit=100': ok({ tasks: [] }),
      'POST /instances/rm-guide-600g/discover': () => {
        discovered = true;
        return ok(fixtures.discoverGuide);
      },
    });
    renderPage(<InstancePage />, { url: '/instances/rm-guide-600g', pattern: '/instances/:instanceId', client });
    expect(await screen.findByText('From the simulated fleet model (not discovered from a server)')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Discover' }));
    expect(await screen.findByText(/^Discovered .* from the simulated fleet model \(not a server\)$/)).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/instances/rm-guide-600g/discover']);
  });
});
