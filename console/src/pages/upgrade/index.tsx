import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Checkbox from '@cloudscape-design/components/checkbox';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Flashbar from '@cloudscape-design/components/flashbar';
import Form from '@cloudscape-design/components/form';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import type { DryRunResult, UpgradeOptions } from '../../api/types';
import { useApi } from '../commons/api-context';
import { LoadProblem } from '../commons/api-unreachable';
import { Breadcrumbs } from '../commons/breadcrumbs';
import { duration, phaseLabel, RDS_EDITION_LABELS } from '../commons/format';
import { SwitchFields } from '../commons/switch-fields';
import { EMPTY_SWITCH_FORM } from '../commons/switch-settings';
import { TaskStatus } from '../commons/status';
import { usePolling } from '../commons/use-polling';
import {
  adrAllowed,
  confirmState,
  expectedDowntime,
  instanceTypes,
  newClientToken,
  normalize,
  rdsEditions,
  requestKey,
  Selection,
  sqlEditions,
  toRequest,
  versions,
} from './form-logic';

const option = (value: string, label = value, description?: string) => ({ value, label, description });

export default function UpgradePage() {
  const { instanceId = '' } = useParams();
  const client = useApi();
  const polled = usePolling(() => client.getUpgradeOptions(instanceId), [client, instanceId], { intervalMs: 0 });
  return (
    <ContentLayout
      breadcrumbs={
        <Breadcrumbs
          items={[
            { text: 'Instances', href: '/' },
            { text: instanceId, href: `/instances/${instanceId}` },
            { text: 'Upgrade Version', href: `/instances/${instanceId}/upgrade` },
          ]}
        />
      }
      header={
        <Header variant="h1" description="All upgrades are one-way: there is no rollback once the upgrade completes.">
          Upgrade Engine Version: {instanceId}
        </Header>
      }
    >
      <SpaceBetween size="l">
        <LoadProblem {...polled} />
        {polled.data && <UpgradeForm instanceId={instanceId} options={polled.data} />}
      </SpaceBetween>
    </ContentLayout>
  );
}

export function UpgradeForm({ instanceId, options }: { instanceId: string; options: UpgradeOptions }) {
  const client = useApi();
  const navigate = useNavigate();
  const [raw, setRaw] = useState<Selection>({ ...EMPTY_SWITCH_FORM, acceleratedDatabaseRecovery: false });
  const selection = useMemo(() => normalize(options, raw), [options, raw]);
  const request = toRequest(selection);
  const key = requestKey(request);
  const [dryRun, setDryRun] = useState<{ key: string; result: DryRunResult }>();
  const [running, setRunning] = useState(false);
  const [termsAccepted, setTermsAccepted] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();
  // One token per confirmed request: a second click, or a retry after a lost answer, names the same task.
  const token = useRef<{ key: string; value: string }>(undefined);
  const inFlight = useRef(false);

  const set = (change: Partial<Selection>) => setRaw((r) => ({ ...normalize(options, r), ...change }));
  const confirm = confirmState({
    options,
    request,
    dryRun: dryRun?.result,
    dryRunKey: dryRun?.key,
    termsAccepted,
    submitting,
  });

  async function runDryRun() {
    if (!request) return;
    setRunning(true);
    setError(undefined);
    try {
      const result = await client.dryRun(instanceId, request);
      setDryRun({ key, result });
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setRunning(false);
    }
  }

  async function submit() {
    if (!request || !confirm.enabled || inFlight.current) return;
    inFlight.current = true;
    setSubmitting(true);
    setError(undefined);
    if (token.current?.key !== key) token.current = { key, value: newClientToken() };
    try {
      const accepted = await client.submitUpgrade(instanceId, { ...request, clientToken: token.current.value });
      navigate(`/tasks/${accepted.taskId}`);
    } catch (e) {
      setError(e as ApiError);
      setSubmitting(false);
    } finally {
      inFlight.current = false;
    }
  }

  const types = instanceTypes(options, selection);
  const blocked = options.blockers.length > 0;
  return (
    <form onSubmit={(e) => e.preventDefault()}>
      <Form
        actions={
          <SpaceBetween direction="horizontal" size="xs">
            <Button formAction="none" onClick={() => navigate(`/instances/${instanceId}`)}>
              Cancel
            </Button>
            <Button formAction="none" onClick={runDryRun} loading={running} disabled={!request || blocked}>
              Dry run
            </Button>
            <Button
              variant="primary"
              formAction="none"
              onClick={submit}
              loading={submitting}
              disabled={!confirm.enabled}
              disabledReason={confirm.reason}
            >
              Confirm
            </Button>
          </SpaceBetween>
        }
        errorText={error ? `${error.code}: ${error.message}` : undefined}
        errorIconAriaLabel="Error"
      >
        <SpaceBetween size="l">
          {blocked && (
            <Alert type="error" header="This instance cannot be upgraded">
              <ul>
                {options.blockers.map((b) => (
                  <li key={b.code}>
                    <strong>{b.code}</strong>: {b.message}
                  </li>
                ))}
              </ul>
            </Alert>
          )}
          <Container
            header={
              <Header
                variant="h2"
                description={`Now: SQL Server ${options.current.engineVersion} ${options.current.sqlEdition}, ${RDS_EDITION_LABELS[options.current.rdsEdition] ?? options.current.rdsEdition}, ${options.current.instanceType}`}
              >
                Target
              </Header>
            }
          >
            <SpaceBetween size="m">
              <FormField
                label="Upgrade to"
                description="The target major engine version. Edition and instance type depend on it."
              >
                <Select
                  selectedOption={
                    selection.engineVersion
                      ? option(selection.engineVersion, `SQL Server ${selection.engineVersion}`)
                      : null
                  }
                  options={versions(options).map((v) => option(v, `SQL Server ${v}`))}
                  onChange={(e) => set({ engineVersion: e.detail.selectedOption.value })}
                  ariaLabel="Upgrade to"
                  disabled={blocked}
                />
              </FormField>
              <FormField label="SQL edition">
                <Select
                  selectedOption={selection.sqlEdition ? option(selection.sqlEdition) : null}
                  options={sqlEditions(options, selection.engineVersion).map((v) => option(v))}
                  onChange={(e) => set({ sqlEdition: e.detail.selectedOption.value })}
                  ariaLabel="SQL edition"
                  disabled={blocked}
                />
              </FormField>
              <FormField
                label="RDS edition"
                description="Basic: single primary. High-availability: primary and secondary. Cluster: readable secondaries."
              >
                <Select
                  selectedOption={
                    selection.rdsEdition ? option(selection.rdsEdition, RDS_EDITION_LABELS[selection.rdsEdition]) : null
                  }
                  options={rdsEditions(options, selection.engineVersion, selection.sqlEdition).map((v) =>
                    option(v, RDS_EDITION_LABELS[v] ?? v),
                  )}
                  onChange={(e) => set({ rdsEdition: e.detail.selectedOption.value })}
                  ariaLabel="RDS edition"
                  disabled={blocked}
                />
              </FormField>
              <FormField
                label="Instance type"
                description="CPU cores, memory, maximum connections and IOPS of the new instance."
              >
                <Select
                  selectedOption={selection.instanceType ? option(selection.instanceType) : null}
                  options={types.map((t) =>
                    option(
                      t.name,
                      t.name,
                      `${t.cpuCores} cores, ${t.memoryGib} GiB, ${t.maxConnections} connections, ${t.maxIops} IOPS`,
                    ),
                  )}
                  onChange={(e) => set({ instanceType: e.detail.selectedOption.value })}
                  ariaLabel="Instance type"
                  disabled={blocked}
                />
              </FormField>
              <SwitchFields
                value={selection}
                onChange={(f) =>
                  set({
                    switchTime: f.switchTime,
                    switchDate: f.switchDate,
                    switchClock: f.switchClock,
                    guards: f.guards,
                  })
                }
                disabled={blocked}
              />
              {adrAllowed(selection.engineVersion) && (
                <Checkbox
                  checked={selection.acceleratedDatabaseRecovery}
                  onChange={(e) => set({ acceleratedDatabaseRecovery: e.detail.checked })}
                  description="Can shorten database restoration on SQL Server 2019 and later."
                  disabled={blocked}
                >
                  Accelerated Database Recovery
                </Checkbox>
              )}
            </SpaceBetween>
          </Container>
          {dryRun && dryRun.key === key && <DryRunReport result={dryRun.result} />}
          {dryRun && dryRun.key !== key && (
            <Alert type="info">The target changed since the dry run: run it again.</Alert>
          )}
          <Container header={<Header variant="h2">Terms</Header>}>
            <SpaceBetween size="s">
              <Box variant="p">
                The upgrade is one-way and, once started, cannot be cancelled. The instance's VIP changes and its
                workloads switch with about 20 minutes of downtime at most; connect through the endpoint and keep DNS
                caches at 60 seconds or less. Active replication (DTS) tasks stop and must be restarted afterwards.
              </Box>
              <Checkbox checked={termsAccepted} onChange={(e) => setTermsAccepted(e.detail.checked)} disabled={blocked}>
                I have read and accept the terms of this upgrade
              </Checkbox>
            </SpaceBetween>
          </Container>
        </SpaceBetween>
      </Form>
    </form>
  );
}

export function DryRunReport({ result }: { result: DryRunResult }) {
  const e = result.estimate;
  const phases = Object.entries(e.phases);
  const failed = result.prechecks.filter((p) => p.result === 'FAILED');
  return (
    <SpaceBetween size="l">
      <Flashbar
        items={[
          failed.length > 0
            ? {
                type: 'error',
                id: 'dry',
                header: 'The prechecks refuse this upgrade',
                content: failed.map((p) => `${p.code}: ${p.message}`).join('; '),
              }
            : {
                type: 'success',
                id: 'dry',
                header: `Dry run passed: estimated ${duration(e.totalSeconds)} in total`,
                content: `Expected downtime about ${duration(expectedDowntime(e))} at the switch.`,
              },
        ]}
      />
      <Table
        variant="container"
        items={result.prechecks}
        ariaLabels={{ tableLabel: 'Prechecks' }}
        header={
          <Header variant="h2" counter={`(${result.prechecks.length})`}>
            Prechecks
          </Header>
        }
        wrapLines
        columnDefinitions={[
          { id: 'name', header: 'Check', cell: (p) => p.name, isRowHeader: true },
          { id: 'result', header: 'Result', cell: (p) => <TaskStatus status={p.result} /> },
          { id: 'code', header: 'Code', cell: (p) => p.code ?? '-' },
          { id: 'message', header: 'Message', cell: (p) => p.message ?? '' },
        ]}
      />
      <Container header={<Header variant="h2">Estimated duration</Header>}>
        <SpaceBetween size="m">
          <KeyValuePairs
            columns={4}
            items={[
              { label: 'Total', value: <span data-testid="estimate-total">{duration(e.totalSeconds)}</span> },
              { label: 'Expected downtime', value: duration(expectedDowntime(e)) },
              { label: 'Data', value: `${e.dataSizeGb} GB, ${e.logGb} GB of log` },
              {
                label: 'Full backup',
                value: e.fullBackupSkipped
                  ? 'skipped (a full backup within 36 hours is reused)'
                  : 'taken by the upgrade',
              },
              {
                label: 'Speeds',
                value: `backup ${e.speeds.backupGbPerHour} GB/h, restore ${e.speeds.restoreGbPerHour} GB/h (${e.speeds.source})`,
              },
            ]}
          />
          <Table
            variant="embedded"
            items={phases}
            ariaLabels={{ tableLabel: 'Estimate per phase' }}
            columnDefinitions={[
              { id: 'phase', header: 'Operation', cell: ([name]) => phaseLabel(name), isRowHeader: true },
              { id: 'duration', header: 'Duration', cell: ([, s]) => duration(s) },
            ]}
          />
        </SpaceBetween>
      </Container>
    </SpaceBetween>
  );
}
