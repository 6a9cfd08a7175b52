import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fixtures } from '../../test-fixtures';
import { ok, recordedClient, renderPage } from '../../test-fixtures/recorded-api';
import UpgradePage from '.';
import { EMPTY_SWITCH_FORM } from '../commons/switch-settings';
import { confirmState, normalize, requestKey, toRequest } from './form-logic';

const GUIDE = '/instances/rm-guide-600g/upgrade';
const PATTERN = '/instances/:instanceId/upgrade';

function guideApi() {
  return recordedClient({
    'GET /instances/rm-guide-600g/upgrade-options': ok(fixtures.optionsGuide),
    'POST /instances/rm-guide-600g/upgrades': (init) =>
      JSON.parse(String(init?.body)).dryRun ? ok(fixtures.dryRunGuide) : { status: 202, body: fixtures.submitGuide },
  });
}

const isDisabled = (el: HTMLElement) => el.hasAttribute('disabled') || el.getAttribute('aria-disabled') === 'true';

describe('Upgrade page', () => {
  it('dry-runs the default target (2022, current editions and type) and shows the 6 h 34 min estimate', async () => {
    const { client, calls } = guideApi();
    renderPage(<UpgradePage />, { url: GUIDE, pattern: PATTERN, client });
    fireEvent.click(await screen.findByRole('button', { name: 'Dry run' }));
    expect(await screen.findByText('Dry run passed: estimated 6 h 34 min in total')).toBeTruthy();
    expect(screen.getByTestId('estimate-total').textContent).toBe('6 h 34 min');
    expect(screen.getByText('ReplicationTasksWillStop')).toBeTruthy();
    expect(screen.getByText('Back up full data')).toBeTruthy();
    expect(calls.at(-1)?.body).toEqual({
      engineVersion: '2022',
      sqlEdition: 'Standard',
      rdsEdition: 'HighAvailability',
      instanceType: 'mssql.x4.large',
      switchTime: 'Immediate',
      dryRun: true,
    });
  });

  it('keeps Confirm disabled until the terms are accepted, then a double click submits one task with one token', async () => {
    const { client, calls } = guideApi();
    renderPage(<UpgradePage />, { url: GUIDE, pattern: PATTERN, client });
    fireEvent.click(await screen.findByRole('button', { name: 'Dry run' }));
    await screen.findByTestId('estimate-total');
    const confirm = screen.getByRole('button', { name: 'Confirm' });
    expect(isDisabled(confirm)).toBe(true);
    fireEvent.click(screen.getByRole('checkbox', { name: 'I have read and accept the terms of this upgrade' }));
    await waitFor(() => expect(isDisabled(screen.getByRole('button', { name: 'Confirm' }))).toBe(false));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
      fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    });
    expect(await screen.findByText('navigated away')).toBeTruthy();
    const submissions = calls.filter((c) => c.method === 'POST' && !(c.body as { dryRun?: boolean }).dryRun);
    expect(submissions).toHaveLength(1);
    expect((submissions[0].body as { clientToken: string }).clientToken).toMatch(/^console-[A-Za-z0-9._:-]+$/);
  });

  it('offers every switch time the API accepts; ScheduledTime asks for its UTC day and time before a dry run', async () => {
    const { client, calls } = guideApi();
    renderPage(<UpgradePage />, { url: GUIDE, pattern: PATTERN, client });
    for (const label of [
      'Switch immediately after data migration',
      'Switch within the maintenance window',
      'Switch when approved',
    ]) {
      expect(await screen.findByRole('radio', { name: label })).toBeTruthy();
    }
    fireEvent.click(screen.getByRole('radio', { name: 'Switch at a scheduled time' }));
    expect(await screen.findByText('Choose the day and the time (UTC) of the switch')).toBeTruthy();
    expect(isDisabled(screen.getByRole('button', { name: 'Dry run' }))).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: 'Switch when approved' }));
    fireEvent.click(screen.getByRole('button', { name: 'Dry run' }));
    await screen.findByTestId('estimate-total');
    expect((calls.at(-1)?.body as { switchTime: string }).switchTime).toBe('OnApproval');
  });

  it('shows the refusal code of a limited instance and cannot submit', async () => {
    const { client } = recordedClient({ 'GET /instances/rm-ad-joined/upgrade-options': ok(fixtures.optionsAdJoined) });
    renderPage(<UpgradePage />, { url: '/instances/rm-ad-joined/upgrade', pattern: PATTERN, client });
    expect(await screen.findByText('ADDomainJoinedNotSupported', { selector: 'strong' })).toBeTruthy();
    expect(isDisabled(screen.getByRole('button', { name: 'Confirm' }))).toBe(true);
    expect(isDisabled(screen.getByRole('button', { name: 'Dry run' }))).toBe(true);
  });
});

describe('form logic', () => {
  const options = fixtures.optionsGuide;

  it('starts at the newest version with the current editions and type', () => {
    const s = normalize(options, { ...EMPTY_SWITCH_FORM, acceleratedDatabaseRecovery: false });
    expect(toRequest(s)).toEqual({
      engineVersion: '2022',
      sqlEdition: 'Standard',
      rdsEdition: 'HighAvailability',
      instanceType: 'mssql.x4.large',
      switchTime: 'Immediate',
    });
  });

  it('drops choices the new version does not offer (2019 has no same-type target)', () => {
    const s = normalize(options, {
      ...EMPTY_SWITCH_FORM,
      engineVersion: '2019',
      instanceType: 'mssql.x4.large',
      acceleratedDatabaseRecovery: true,
    });
    expect(s.instanceType).toBe('mssql.x4.xlarge');
    expect(s.acceleratedDatabaseRecovery).toBe(true);
  });

  it('sends a ScheduledTime with its UTC switchAt and only the guards typed in; an incomplete time makes no request', () => {
    const base = { ...EMPTY_SWITCH_FORM, acceleratedDatabaseRecovery: false, switchTime: 'ScheduledTime' };
    expect(toRequest(normalize(options, base))).toBeUndefined();
    const r = toRequest(
      normalize(options, {
        ...base,
        switchDate: '2026-12-05',
        switchClock: '19:30',
        guards: { maxDowntimeSeconds: '600', maxLogLagMb: ' ' },
      }),
    )!;
    expect(r.switchTime).toBe('ScheduledTime');
    expect(r.switchAt).toBe('2026-12-05T19:30:00.000Z');
    expect(r.cutoverGuards).toEqual({ maxDowntimeSeconds: 600 });
    expect(
      toRequest(normalize(options, { ...base, switchTime: 'OnApproval', guards: { recheckSeconds: '5' } })),
    ).toBeUndefined();
    expect(toRequest(normalize(options, { ...base, switchTime: 'OnApproval' }))).toMatchObject({
      switchTime: 'OnApproval',
    });
    expect(toRequest(normalize(options, { ...base, switchTime: 'OnApproval' }))!.switchAt).toBeUndefined();
  });

  it('a dry run answers for one switch setting: another time or guard needs a new dry run', () => {
    const base = toRequest(
      normalize(options, { ...EMPTY_SWITCH_FORM, acceleratedDatabaseRecovery: false, switchTime: 'OnApproval' }),
    )!;
    expect(requestKey(base)).not.toBe(requestKey({ ...base, cutoverGuards: { maxDowntimeSeconds: 600 } }));
    expect(requestKey({ ...base, switchTime: 'ScheduledTime', switchAt: '2026-12-05T19:30:00.000Z' })).not.toBe(
      requestKey({ ...base, switchTime: 'ScheduledTime', switchAt: '2026-12-05T20:30:00.000Z' }),
    );
  });

  it('requires a dry run of this exact request, an upgradable result and the terms', () => {
    const request = toRequest(normalize(options, { ...EMPTY_SWITCH_FORM, acceleratedDatabaseRecovery: false }))!;
    const base = {
      options,
      request,
      dryRun: fixtures.dryRunGuide,
      dryRunKey: requestKey(request),
      termsAccepted: true,
      submitting: false,
    };
    expect(confirmState(base)).toEqual({ enabled: true });
    expect(confirmState({ ...base, termsAccepted: false }).enabled).toBe(false);
    expect(
      confirmState({ ...base, dryRunKey: requestKey({ ...request, switchTime: 'MaintenanceWindow' }) }).reason,
    ).toBe('Run the dry run for this target first');
    expect(confirmState({ ...base, dryRun: fixtures.dryRunAdJoined }).reason).toBe('ADDomainJoinedNotSupported');
    expect(confirmState({ ...base, options: fixtures.optionsAdJoined }).reason).toBe('ADDomainJoinedNotSupported');
    expect(confirmState({ ...base, submitting: true }).enabled).toBe(false);
  });
});
