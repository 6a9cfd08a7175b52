import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Flashbar from '@cloudscape-design/components/flashbar';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { useNavigate, useParams } from 'react-router-dom';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import type { Instance, Task, UpgradeOptions } from '../../api/types';
import { useApi } from '../commons/api-context';
import { LoadProblem } from '../commons/api-unreachable';
import { Breadcrumbs } from '../commons/breadcrumbs';
import { bytes, RDS_EDITION_LABELS, utc } from '../commons/format';
import { RouterLink } from '../commons/router-link';
import { InstanceStatus, TaskStatus } from '../commons/status';
import { usePolling } from '../commons/use-polling';
import { DataPlane } from '../instances';

/** Why "Upgrade Version" is disabled, or undefined when it is not. */
export function upgradeDisabledReason(options: UpgradeOptions | undefined): string | undefined {
  if (!options) return 'Loading the upgrade options';
  if (options.upgradable && options.blockers.length === 0) return undefined;
  if (options.blockers.length === 0) return 'No upgrade target is offered for this instance';
  return options.blockers.map((b) => `${b.code}: ${b.message}`).join('; ');
}

interface Loaded {
  instance: Instance;
  options: UpgradeOptions;
  tasks: Task[];
}

export default function InstancePage() {
  const { instanceId = '' } = useParams();
  const client = useApi();
  const navigate = useNavigate();
  const polled = usePolling<Loaded>(
    async () => {
      const [instance, options, tasks] = await Promise.all([
        client.getInstance(instanceId),
        client.getUpgradeOptions(instanceId),
        client.listInstanceTasks(instanceId),
      ]);
      return { instance, options, tasks };
    },
    [client, instanceId],
    { intervalMs: 5000 },
  );
  const instance = polled.data?.instance;
  const options = polled.data?.options;
  const disabledReason = upgradeDisabledReason(options);
  return (
    <ContentLayout
      breadcrumbs={
        <Breadcrumbs
          items={[
            { text: 'Instances', href: '/' },
            { text: instanceId, href: `/instances/${instanceId}` },
          ]}
        />
      }
      header={
        <Header
          variant="h1"
          description={
            instance
              ? `SQL Server ${instance.engineVersion} ${instance.sqlEdition}, ${RDS_EDITION_LABELS[instance.rdsEdition] ?? instance.rdsEdition}`
              : undefined
          }
          actions={
            <Button
              variant="primary"
              disabled={disabledReason !== undefined}
              disabledReason={disabledReason}
              onClick={() => navigate(`/instances/${instanceId}/upgrade`)}
            >
              Upgrade Version
            </Button>
          }
        >
          {instanceId}
        </Header>
      }
    >
      <SpaceBetween size="l">
        <LoadProblem {...polled} />
        {options && options.blockers.length > 0 && (
          <Alert
            type={options.blockers.some((b) => b.kind === 'LIMITATION') ? 'error' : 'warning'}
            header="This instance cannot be upgraded now"
          >
            <ul>
              {options.blockers.map((b) => (
                <li key={b.code}>
                  <strong>{b.code}</strong>: {b.message}
                  {b.activeTaskId && (
                    <>
                      {' '}
                      (<RouterLink to={`/tasks/${b.activeTaskId}`}>{b.activeTaskId}</RouterLink>)
                    </>
                  )}
                </li>
              ))}
            </ul>
          </Alert>
        )}
        {instance && <Specification instance={instance} />}
        {instance && <Databases instance={instance} onDiscovered={polled.refresh} />}
        {polled.data && <TaskHistory tasks={polled.data.tasks} />}
      </SpaceBetween>
    </ContentLayout>
  );
}

function Specification({ instance }: { instance: Instance }) {
  return (
    <Container header={<Header variant="h2">Configuration information</Header>}>
      <KeyValuePairs
        columns={3}
        items={[
          { label: 'Status', value: <InstanceStatus status={instance.status} /> },
          { label: 'Engine version', value: `SQL Server ${instance.engineVersion} ${instance.sqlEdition}` },
          { label: 'RDS edition', value: RDS_EDITION_LABELS[instance.rdsEdition] ?? instance.rdsEdition },
          { label: 'Instance type', value: instance.instanceType },
          { label: 'Data size', value: `${instance.dataSizeGb} GB` },
          { label: 'Maintenance window', value: `${instance.maintenanceWindow} (UTC)` },
          { label: 'Endpoint', value: `${instance.endpoint}:${instance.port ?? 1433}` },
          { label: 'VIP', value: instance.vip ?? '-' },
          { label: 'Network type', value: instance.networkType ?? 'VPC' },
          { label: 'Data plane', value: <DataPlane instance={instance} /> },
          {
            label: 'Active task',
            value: instance.activeTaskId ? (
              <RouterLink to={`/tasks/${instance.activeTaskId}`}>{instance.activeTaskId}</RouterLink>
            ) : (
              'none'
            ),
          },
          {
            label: 'Replication tasks',
            value: instance.replicationTasks?.length
              ? instance.replicationTasks.map((r) => `${r.id} (${r.status})`).join(', ')
              : 'none',
          },
          {
            label: 'Tags',
            value:
              instance.tags && Object.keys(instance.tags).length
                ? Object.entries(instance.tags)
                    .map(([k, v]) => `${k}=${v}`)
                    .join(', ')
                : 'none',
          },
          { label: 'Limitations', value: limitations(instance) },
          { label: 'Updated', value: utc(instance.updatedAt) },
        ]}
      />
    </Container>
  );
}

function limitations(i: Instance): string {
  const out: string[] = [];
  if (i.adDomainJoined) out.push('AD domain joined');
  if (i.serverless) out.push('serverless');
  if (i.networkType === 'Classic') out.push('classic network');
  if (i.readOnly) out.push('read-only instance');
  if (i.rdsEdition === 'Cluster' && (i.readOnlyReplicaIds?.length ?? 0) > 0)
    out.push('Cluster primary with read-only instances');
  return out.length ? out.join(', ') : 'none';
}

export interface DatabaseRow {
  name: string;
  dataBytes?: number;
  logBytes?: number;
  recoveryModel?: string;
  state?: string;
  compatibilityLevel?: number;
  lastFullBackupAt?: string;
  /** The backup's media can still be read (false: the next upgrade takes a new full backup). */
  backupFilePresent?: boolean;
}

const GB = 1e9;

/**
 * The discovered inventory when the instance has one; else, on the simulated data plane, the fleet
 * model's databases, labelled as such (never discovered: registered before discovery existed).
 */
export function databasesOf(
  instance: Instance,
):
  | { source: 'discovered' | 'simulated'; databases: DatabaseRow[]; discoveredAt?: string; simulated?: boolean }
  | undefined {
  const inv = instance.inventory;
  if (inv?.databases) {
    return {
      source: 'discovered',
      discoveredAt: inv.discoveredAt,
      simulated: inv.simulated,
      databases: inv.databases.map((d) => ({
        name: d.name,
        dataBytes: d.dataBytes,
        logBytes: d.logBytes,
        recoveryModel: d.recoveryModel,
        state: d.state,
        compatibilityLevel: d.compatibilityLevel,
        lastFullBackupAt: d.lastFullBackup?.finishedAt,
        backupFilePresent: d.lastFullBackup?.filePresent,
      })),
    };
  }
  if ((instance.engine?.binding ?? 'simulated') === 'simulated' && instance.simulation?.databases) {
    return {
      source: 'simulated',
      databases: instance.simulation.databases.map((d) => ({
        name: d.name,
        dataBytes: d.sizeGb !== undefined ? d.sizeGb * GB : undefined,
        recoveryModel: d.recoveryModel,
        lastFullBackupAt: instance.simulation?.lastFullBackupAt,
      })),
    };
  }
  return undefined;
}

function backupCell(d: DatabaseRow): string {
  if (!d.lastFullBackupAt) return 'none known';
  return d.backupFilePresent === false
    ? `${utc(d.lastFullBackupAt)} (file no longer readable)`
    : utc(d.lastFullBackupAt);
}

function Databases({ instance, onDiscovered }: { instance: Instance; onDiscovered: () => void }) {
  const client = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const dbs = databasesOf(instance);
  const server = instance.inventory?.server;
  async function discover() {
    setBusy(true);
    setError(undefined);
    try {
      await client.discover(instance.instanceId);
      onDiscovered();
    } catch (e) {
      setError(e instanceof ApiError ? `${e.code}: ${e.message}` : String(e));
    } finally {
      setBusy(false);
    }
  }
  const description = !dbs
    ? 'Not discovered yet'
    : dbs.source === 'discovered'
      ? `Discovered ${utc(dbs.discoveredAt)}${dbs.simulated ? ' from the simulated fleet model (not a server)' : ''}`
      : 'From the simulated fleet model (not discovered from a server)';
  return (
    <SpaceBetween size="l">
      {error && (
        <Flashbar
          items={[
            {
              type: 'error',
              id: 'discover',
              header: 'Discovery failed',
              content: error,
              dismissible: true,
              onDismiss: () => setError(undefined),
            },
          ]}
        />
      )}
      <Table
        items={dbs?.databases ?? []}
        variant="container"
        wrapLines
        ariaLabels={{ tableLabel: 'Databases' }}
        header={
          <Header
            variant="h2"
            counter={`(${dbs?.databases.length ?? 0})`}
            description={description}
            actions={
              <Button onClick={discover} loading={busy}>
                Discover
              </Button>
            }
          >
            Databases
          </Header>
        }
        columnDefinitions={[
          { id: 'name', header: 'Database', cell: (d) => d.name, isRowHeader: true },
          { id: 'size', header: 'Data', cell: (d) => bytes(d.dataBytes) },
          { id: 'log', header: 'Log', cell: (d) => bytes(d.logBytes) },
          { id: 'recovery', header: 'Recovery model', cell: (d) => d.recoveryModel ?? '-' },
          { id: 'state', header: 'State', cell: (d) => d.state ?? '-' },
          { id: 'compat', header: 'Compatibility level', cell: (d) => d.compatibilityLevel ?? '-' },
          { id: 'backup', header: 'Last full backup', cell: backupCell },
        ]}
        empty={<Box textAlign="center">No databases known: discover the source</Box>}
      />
      {server && (
        <Container header={<Header variant="h2">Source server</Header>}>
          <KeyValuePairs
            columns={3}
            items={[
              {
                label: 'Product version',
                value:
                  [server.productVersion, server.productLevel, server.productUpdateLevel].filter(Boolean).join(' ') ||
                  '-',
              },
              { label: 'Edition', value: server.edition ?? '-' },
              { label: 'CPUs / memory', value: `${server.cpuCount ?? '-'} / ${bytes(server.physicalMemoryBytes)}` },
              { label: 'Collation', value: server.collation ?? '-' },
              {
                label: 'Log rate',
                value:
                  instance.inventory?.logRate?.bytesPerHour !== undefined
                    ? `${bytes(instance.inventory.logRate.bytesPerHour)} per hour (${instance.inventory.logRate.method ?? ''})`
                    : '-',
              },
              { label: 'Logins / Agent jobs', value: `${server.loginCount ?? '-'} / ${server.agentJobCount ?? '-'}` },
            ]}
          />
        </Container>
      )}
    </SpaceBetween>
  );
}

function TaskHistory({ tasks }: { tasks: Task[] }) {
  return (
    <Table
      items={tasks}
      variant="container"
      ariaLabels={{ tableLabel: 'Task history' }}
      header={
        <Header variant="h2" counter={`(${tasks.length})`}>
          Upgrade tasks
        </Header>
      }
      columnDefinitions={[
        {
          id: 'taskId',
          header: 'Task',
          cell: (t) => <RouterLink to={`/tasks/${t.taskId}`}>{t.taskId}</RouterLink>,
          isRowHeader: true,
        },
        { id: 'status', header: 'Status', cell: (t) => <TaskStatus status={t.status} /> },
        {
          id: 'target',
          header: 'Target',
          cell: (t) =>
            t.target
              ? `${t.target.engineVersion} ${t.target.sqlEdition} ${t.target.rdsEdition} ${t.target.instanceType}`
              : '-',
        },
        { id: 'created', header: 'Created', cell: (t) => utc(t.createdAt) },
      ]}
      empty={<Box textAlign="center">No upgrade has run on this instance</Box>}
    />
  );
}
