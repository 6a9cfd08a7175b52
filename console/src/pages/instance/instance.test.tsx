import { screen, within } from '@testing-library/react';
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
    expect(screen.getByText('From the simulated fleet model (not discovered from a server)')).toBeTruthy();
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

  it('prefers discovered inventory over the simulation model when the API has it', () => {
    const withInventory = {
      ...fixtures.instanceGuide,
      inventory: { discoveredAt: '2026-12-03T10:00:00.000Z', databases: [{ name: 'erp', sizeGb: 12, recoveryModel: 'SIMPLE', lastFullBackupAt: '2026-12-02T00:00:00.000Z' }] },
    };
    expect(databasesOf(withInventory)).toEqual({ source: 'discovered', databases: withInventory.inventory.databases, discoveredAt: '2026-12-03T10:00:00.000Z' });
    expect(databasesOf(fixtures.instanceGuide)?.source).toBe('simulated');
    expect(databasesOf({ ...fixtures.instanceGuide, engine: { binding: 'sqlserver' } })).toBeUndefined();
  });
});
