import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Flashbar from '@cloudscape-design/components/flashbar';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import Modal from '@cloudscape-design/components/modal';
import ProgressBar from '@cloudscape-design/components/progress-bar';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import type { Campaign } from '../../api/types';
import { useApi } from '../commons/api-context';
import { LoadProblem } from '../commons/api-unreachable';
import { Breadcrumbs } from '../commons/breadcrumbs';
import { duration, phaseLabel, utc } from '../commons/format';
import { RouterLink } from '../commons/router-link';
import { TaskStatus } from '../commons/status';
import { usePolling } from '../commons/use-polling';
import {
  allowedCampaignActions,
  CAMPAIGN_ACTIONS,
  CampaignActionSpec,
  countsText,
  isFinalCampaign,
} from '../campaigns/campaign-logic';

export default function CampaignPage() {
  const { campaignId = '' } = useParams();
  const client = useApi();
  const polled = usePolling<Campaign>(() => client.getCampaign(campaignId), [client, campaignId], {
    intervalMs: 3000,
    stopWhen: (c) => isFinalCampaign((c as Campaign).status),
  });
  const c = polled.data;
  return (
    <ContentLayout
      breadcrumbs={
        <Breadcrumbs
          items={[
            { text: 'Campaigns', href: '/campaigns' },
            { text: c?.name ?? campaignId, href: `/campaigns/${campaignId}` },
          ]}
        />
      }
      header={
        <Header
          variant="h1"
          description={campaignId}
          actions={c && <CampaignActions campaign={c} onDone={polled.refresh} />}
        >
          {c ? `Campaign ${c.name}` : 'Campaign'}
        </Header>
      }
    >
      <SpaceBetween size="l">
        <LoadProblem {...polled} />
        {c && <Summary campaign={c} />}
        {c && <Waves campaign={c} />}
        {c && <Members campaign={c} />}
      </SpaceBetween>
    </ContentLayout>
  );
}

function Summary({ campaign: c }: { campaign: Campaign }) {
  const done = c.counts.succeeded + c.counts.failed + c.counts.skipped + c.counts.notStarted;
  return (
    <SpaceBetween size="l">
      {c.approvalPending && (
        <Alert type="info" header="Waiting for your approval">
          The wave {c.waves[c.currentWave]?.name ?? c.currentWave + 1} is done; approve to start the next wave.
        </Alert>
      )}
      {c.status === 'Halted' && (
        <Flashbar
          items={[
            { type: 'error', id: 'halted', header: 'Campaign halted', content: c.haltReason ?? 'no reason recorded' },
          ]}
        />
      )}
      {c.status === 'Succeeded' && (
        <Flashbar items={[{ type: 'success', id: 'done', header: 'Campaign succeeded', content: countsText(c) }]} />
      )}
      <Container header={<Header variant="h2">Status</Header>}>
        <SpaceBetween size="l">
          <ProgressBar
            value={c.counts.total ? Math.round((100 * done) / c.counts.total) : 0}
            label="Instances done"
            description={countsText(c)}
            status={c.status === 'Halted' ? 'error' : c.status === 'Succeeded' ? 'success' : 'in-progress'}
            resultText={
              c.status === 'Succeeded' ? 'Campaign complete' : c.status === 'Halted' ? 'Campaign halted' : undefined
            }
          />
          <KeyValuePairs
            columns={4}
            items={[
              { label: 'Status', value: <TaskStatus status={c.status} /> },
              { label: 'Wave', value: `${Math.min(c.currentWave + 1, c.waveCount)} of ${c.waveCount}` },
              { label: 'Target', value: `SQL Server ${c.target.engineVersion}` },
              {
                label: 'Switch policy',
                value:
                  c.switchPolicy === 'Immediate'
                    ? 'Immediately after each copy'
                    : "In each instance's maintenance window",
              },
              { label: 'ETA', value: isFinalCampaign(c.status) ? '-' : utc(c.eta) },
              { label: 'Planned end', value: utc(c.expectedEnd) },
              { label: 'Ended', value: utc(c.endedAt) },
              { label: 'Created', value: utc(c.createdAt) },
            ]}
          />
        </SpaceBetween>
      </Container>
    </SpaceBetween>
  );
}

function Waves({ campaign: c }: { campaign: Campaign }) {
  return (
    <Table
      variant="container"
      items={c.waves}
      wrapLines
      ariaLabels={{ tableLabel: 'Waves' }}
      header={
        <Header variant="h2" counter={`(${c.waves.length})`}>
          Waves
        </Header>
      }
      columnDefinitions={[
        { id: 'name', header: 'Wave', cell: (w) => `${w.index + 1}. ${w.name}`, isRowHeader: true },
        { id: 'status', header: 'Status', cell: (w) => <TaskStatus status={w.status} /> },
        { id: 'size', header: 'Instances', cell: (w) => w.size },
        { id: 'limit', header: 'At once', cell: (w) => w.maxConcurrency },
        { id: 'tolerated', header: 'Tolerated failures', cell: (w) => w.toleratedFailures },
        { id: 'approval', header: 'Approval after', cell: (w) => (w.approvalRequired ? 'yes' : 'no') },
        {
          id: 'counts',
          header: 'Succeeded / failed / skipped',
          cell: (w) => `${w.counts.succeeded} / ${w.counts.failed} / ${w.counts.skipped}`,
        },
        { id: 'started', header: 'Started', cell: (w) => utc(w.startedAt) },
        { id: 'ended', header: 'Ended', cell: (w) => utc(w.endedAt) },
      ]}
    />
  );
}

function Members({ campaign: c }: { campaign: Campaign }) {
  return (
    <Table
      variant="container"
      items={c.instances}
      wrapLines
      ariaLabels={{ tableLabel: 'Campaign instances' }}
      header={
        <Header variant="h2" counter={`(${c.instances.length})`}>
          Instances
        </Header>
      }
      columnDefinitions={[
        {
          id: 'instance',
          header: 'Instance',
          cell: (m) => <RouterLink to={`/instances/${m.instanceId}`}>{m.instanceId}</RouterLink>,
          isRowHeader: true,
        },
        {
          id: 'wave',
          header: 'Wave',
          cell: (m) => (m.wave === null || m.wave === undefined ? '-' : (c.waves[m.wave]?.name ?? m.wave + 1)),
        },
        { id: 'status', header: 'Status', cell: (m) => <TaskStatus status={m.status} /> },
        {
          id: 'task',
          header: 'Upgrade task',
          cell: (m) => (m.taskId ? <RouterLink to={`/tasks/${m.taskId}`}>{m.taskId}</RouterLink> : '-'),
        },
        {
          id: 'progress',
          header: 'Progress',
          cell: (m) =>
            m.taskStatus && m.taskStatus !== 'Succeeded'
              ? `${m.progress ?? 0} % ${m.currentStep ? `(${phaseLabel(m.currentStep)}, ${duration(m.remainingSeconds)} left)` : ''}`
              : m.progress !== undefined
                ? `${m.progress} %`
                : '-',
        },
        { id: 'reason', header: 'Reason', cell: (m) => m.reason ?? '' },
      ]}
    />
  );
}

function CampaignActions({ campaign, onDone }: { campaign: Campaign; onDone: () => void }) {
  const client = useApi();
  const [pending, setPending] = useState<CampaignActionSpec>();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const allowed = allowedCampaignActions(campaign);
  if (allowed.length === 0) return null;
  async function run(a: CampaignActionSpec) {
    setBusy(true);
    setError(undefined);
    try {
      await client.campaignAction(
        campaign.campaignId,
        a.id,
        a.id === 'halt' && reason.trim() ? reason.trim() : undefined,
      );
      setPending(undefined);
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? `${e.code}: ${e.message}` : String(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <SpaceBetween direction="horizontal" size="xs">
        {CAMPAIGN_ACTIONS.filter((a) => allowed.includes(a.id)).map((a) => (
          <Button
            key={a.id}
            variant={a.id === 'approve' ? 'primary' : 'normal'}
            onClick={() => {
              setError(undefined);
              setReason('');
              setPending(a);
            }}
          >
            {a.label}
          </Button>
        ))}
      </SpaceBetween>
      <Modal
        closeAriaLabel="Close"
        visible={pending !== undefined}
        onDismiss={() => setPending(undefined)}
        header={pending?.label}
        footer={
          <Box float="right">
            <SpaceBetween direction="horizontal" size="xs">
              <Button variant="link" onClick={() => setPending(undefined)}>
                Keep as is
              </Button>
              <Button variant="primary" loading={busy} onClick={() => pending && run(pending)}>
                {pending?.label}
              </Button>
            </SpaceBetween>
          </Box>
        }
      >
        <SpaceBetween size="s">
          <Box variant="p">{pending?.confirmation}</Box>
          {pending?.id === 'halt' && (
            <FormField label="Reason (optional)">
              <Input value={reason} onChange={(e) => setReason(e.detail.value)} ariaLabel="Reason" />
            </FormField>
          )}
          {error && <Flashbar items={[{ type: 'error', id: 'action', content: error }]} />}
        </SpaceBetween>
      </Modal>
    </>
  );
}
