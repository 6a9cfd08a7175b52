import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../api/types';
import { fixtures } from '../../test-fixtures';
import { ok, recordedClient, renderPage } from '../../test-fixtures/recorded-api';
import CampaignPage from '../campaign';
import CampaignCreatePage from '../campaign-create';
import CampaignsPage from '.';
import {
  allowedCampaignActions,
  campaignFormErrors,
  countsText,
  EMPTY_CAMPAIGN_FORM,
  toCampaignRequest,
} from './campaign-logic';

const waiting = fixtures.campaignWaitingApproval;
const id = waiting.campaignId;

describe('Campaigns page', () => {
  it('lists the campaigns with status, wave and counts', async () => {
    const { client } = recordedClient({ 'GET /campaigns': ok(fixtures.campaigns) });
    renderPage(<CampaignsPage />, { url: '/campaigns', pattern: '/campaigns', client });
    const table = await screen.findByRole('table', { name: 'Campaigns' });
    expect(await within(table).findByRole('link', { name: 'demo-2022' })).toBeTruthy();
    expect(within(table).getByText('WaitingForApproval')).toBeTruthy();
    expect(within(table).getByText('1 of 3 succeeded, 0 failed')).toBeTruthy();
    expect(within(table).getByText('pending')).toBeTruthy();
  });
});

describe('Campaign page', () => {
  function api(c: Campaign, action = ok(fixtures.campaignActionPaused)) {
    return recordedClient({
      [`GET /campaigns/${c.campaignId}`]: ok(c),
      [`POST /campaigns/${c.campaignId}/actions`]: action,
    });
  }

  it('shows the per-wave table and the instances, and asks for the approval', async () => {
    const { client } = api(waiting);
    renderPage(<CampaignPage />, { url: `/campaigns/${id}`, pattern: '/campaigns/:campaignId', client });
    const waves = await screen.findByRole('table', { name: 'Waves' });
    expect(within(waves).getByText('1. canary')).toBeTruthy();
    expect(within(waves).getByText('Completed')).toBeTruthy();
    expect(within(waves).getByText('2. rest')).toBeTruthy();
    const members = screen.getByRole('table', { name: 'Campaign instances' });
    expect(within(members).getByRole('link', { name: waiting.instances[0].taskId! })).toBeTruthy();
    expect(screen.getByText('Waiting for your approval')).toBeTruthy();
    for (const name of ['Approve next wave', 'Pause', 'Halt'])
      expect(screen.getByRole('button', { name })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Resume' })).toBeNull();
  });

  it('sends an action only after its confirmation', async () => {
    const { client, calls } = api(waiting);
    renderPage(<CampaignPage />, { url: `/campaigns/${id}`, pattern: '/campaigns/:campaignId', client });
    fireEvent.click(await screen.findByRole('button', { name: 'Halt' }));
    const dialog = await screen.findByRole('dialog');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Reason' }), {
      target: { value: 'canary regression' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Halt' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ action: 'halt', reason: 'canary regression' });
  });

  it("shows the API's refusal code in the dialog", async () => {
    const { client } = api(waiting, { status: 409, body: fixtures.campaignActionRefused });
    renderPage(<CampaignPage />, { url: `/campaigns/${id}`, pattern: '/campaigns/:campaignId', client });
    fireEvent.click(await screen.findByRole('button', { name: 'Pause' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Pause' }));
    expect(await within(dialog).findByText(/^IncorrectCampaignState: /)).toBeTruthy();
  });

  it('a finished campaign offers no action', async () => {
    const { client } = api(fixtures.campaignSucceeded);
    renderPage(<CampaignPage />, { url: `/campaigns/${id}`, pattern: '/campaigns/:campaignId', client });
    expect(await screen.findByText('Campaign succeeded')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Halt' })).toBeNull();
  });
});

describe('Plan campaign wizard', () => {
  it('plans (dry run) on reaching the review, then starts once with a client token', async () => {
    const { client, calls } = recordedClient({
      'GET /instances': ok(fixtures.instances),
      'POST /campaigns': (init) =>
        JSON.parse(String(init?.body)).dryRun
          ? ok(fixtures.campaignPlan)
          : { status: 202, body: fixtures.campaignCreated },
    });
    renderPage(<CampaignCreatePage />, { url: '/campaigns/new', pattern: '/campaigns/new', client });
    fireEvent.click(await screen.findByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Select instances, tags or an engine version')).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: 'Campaign name' }), { target: { value: 'demo-2022' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Tags' }), { target: { value: 'campaign=demo' } });
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByRole('textbox', { name: 'Wave 1 size' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByTestId('plan-end')).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Planned waves' })).toBeTruthy();
    const plans = calls.filter((c) => c.method === 'POST');
    expect(plans).toHaveLength(1);
    expect(plans[0].body).toMatchObject({
      name: 'demo-2022',
      selection: { tags: { campaign: 'demo' } },
      target: { engineVersion: '2022' },
      dryRun: true,
    });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Start campaign' }));
      fireEvent.click(screen.getByRole('button', { name: 'Start campaign' }));
    });
    expect(await screen.findByText('navigated away')).toBeTruthy();
    const starts = calls.filter((c) => c.method === 'POST' && !(c.body as { dryRun?: boolean }).dryRun);
    expect(starts).toHaveLength(1);
    expect((starts[0].body as { clientToken: string }).clientToken).toMatch(/^console-/);
  });
});

describe('campaign logic', () => {
  it("allows the actions of docs/campaigns.md's table", () => {
    expect(allowedCampaignActions({ status: 'Running', approvalPending: false })).toEqual(['pause', 'halt']);
    expect(allowedCampaignActions({ status: 'WaitingForApproval', approvalPending: true })).toEqual([
      'approve',
      'pause',
      'halt',
    ]);
    expect(allowedCampaignActions({ status: 'Paused', approvalPending: true })).toEqual(['approve', 'resume', 'halt']);
    expect(allowedCampaignActions({ status: 'Halted', approvalPending: false })).toEqual([]);
    expect(allowedCampaignActions({ status: 'Succeeded', approvalPending: false })).toEqual([]);
  });

  it('makes the create request from the form: counts, percentages, the last wave taking the rest', () => {
    const form = {
      ...EMPTY_CAMPAIGN_FORM,
      name: 'eol',
      engineVersion: '2016',
      waves: [
        {
          name: 'canary',
          size: '1%',
          maxConcurrency: '5',
          toleratedFailures: '0',
          bakeSeconds: '3600',
          approvalRequired: true,
        },
        {
          name: '',
          size: '',
          maxConcurrency: '100',
          toleratedFailures: '5%',
          bakeSeconds: '',
          approvalRequired: false,
        },
      ],
    };
    expect(toCampaignRequest(form)).toEqual({
      name: 'eol',
      selection: { engineVersion: '2016' },
      target: { engineVersion: '2022' },
      switchPolicy: 'OwnMaintenanceWindow',
      waves: [
        {
          name: 'canary',
          size: '1%',
          maxConcurrency: 5,
          toleratedFailures: 0,
          bakeSeconds: 3600,
          approvalRequired: true,
        },
        { name: 'wave-2', maxConcurrency: 100, toleratedFailures: '5%' },
      ],
    });
    const bad = {
      ...form,
      tags: 'nokey',
      waves: [
        { ...form.waves[0], size: '' },
        { ...form.waves[1], maxConcurrency: '0' },
      ],
    };
    expect(Object.keys(campaignFormErrors(bad)).sort()).toEqual(['tags', 'waves.0.size', 'waves.1.maxConcurrency']);
    expect(toCampaignRequest(bad)).toBeUndefined();
  });

  it('counts in words', () => {
    expect(countsText(fixtures.campaignSucceeded)).toBe('3 of 3 succeeded, 0 failed');
  });
});
