import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fixtures } from '../../test-fixtures';
import { ok, recordedClient, renderPage } from '../../test-fixtures/recorded-api';
import InstancesPage, { instanceFilterText } from '.';

describe('Instances page', () => {
  it('lists the fleet with its data plane marked simulated, and filters it', async () => {
    const { client } = recordedClient({ 'GET /instances': ok(fixtures.instances) });
    renderPage(<InstancesPage />, { url: '/', pattern: '/', client });
    const table = await screen.findByRole('table', { name: 'Instances' });
    expect(await within(table).findByRole('link', { name: 'rm-guide-600g' })).toBeTruthy();
    expect(within(table).getByRole('link', { name: 'rm-ad-joined' })).toBeTruthy();
    const n = fixtures.instances.instances.length;
    expect(within(table).getAllByText('simulated')).toHaveLength(n);
    expect(within(table).getAllByText('High-availability Edition').length).toBeGreaterThan(0);
    expect(within(table).getAllByText('18:00Z-22:00Z')).toHaveLength(n);

    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter instances' }), { target: { value: 'ad-joined' } });
    expect(within(table).queryByRole('link', { name: 'rm-guide-600g' })).toBeNull();
    expect(within(table).getByRole('link', { name: 'rm-ad-joined' })).toBeTruthy();
  });

  it('matches the filter on every column shown', () => {
    const text = instanceFilterText(fixtures.instanceGuide);
    for (const word of [
      'rm-guide-600g',
      '2019',
      'standard',
      'highavailability',
      'mssql.x4.large',
      'running',
      'simulated',
    ]) {
      expect(text).toContain(word);
    }
  });

  it('says the API is unreachable', async () => {
    const { SqlupClient } = await import('../../api/client');
    const client = new SqlupClient({ fetch: async () => Promise.reject(new TypeError('Failed to fetch')) });
    renderPage(<InstancesPage />, { url: '/', pattern: '/', client });
    expect(await screen.findByText('API unreachable')).toBeTruthy();
  });
});
