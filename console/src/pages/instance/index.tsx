import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { useNavigate, useParams } from 'react-router-dom';
import type { Instance, InventoryDatabase, Task, UpgradeOptions } from '../../api/types';
import { useApi } from '../commons/api-context';
import { LoadProblem } from '../commons/api-unreachable';
import { Breadcrumbs } from '../commons/breadcrumbs';
import { RDS_EDITION_LABELS, utc } from '../commons/format';
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
      breadcrumbs={<Breadcrumbs items={[{ text: 'Instances', href: '/' }, { text: instanceId, href: `/instances/${instanceId}` }]} />}
      header={
        <Header
          variant="h1"
          description={instance ? `SQL Server ${instance.engineVersion} ${instance.sqlEdition}, ${RDS_EDITION_LABELS[instance.rdsEdition] ?? instance.rdsEdition}` : undefined}
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
          <Alert type={options.blockers.some((b) => b.kind === 'LIMITATION') ? 'error' : 'warning'} header="This instance cannot be upgraded now">
            <ul>
              {options.blockers.map((b) => (
                <li key={b.code}>
                  <strong>{b.code}</strong>: {b.message}
                  {b.activeTaskId && (
                    <>
                      {' '}(<RouterLink to={`/tasks/${b.activeTaskId}`}>{b.activeTaskId}</RouterLink>)
                    </>
                  )}
                </li>
              ))}
            </ul>
          </Alert>
        )}
        {instance && <Specification instance={instance} />}
        {instance && <Databases instance={instance} />}
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
            value: instance.activeTaskId ? <RouterLink to={`/tasks/${instance.activeTaskId}`}>{instance.activeTaskId}</RouterLink> : 'none',
          },
          { label: 'Replication tasks', value: instance.replicationTasks?.length ? instance.replicationTasks.map((r) => `${r.id} (${r.status})`).join(', ') : 'none' },
          { label: 'Tags', value: instance.tags && Object.keys(instance.tags).length ? Object.entries(instance.tags).map(([k, v]) => `${k}=${v}`).join(', ') : 'none' },
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
  if (i.rdsEdition === 'Cluster' && (i.readOnlyReplicaIds?.length ?? 0) > 0) out.push('Cluster primary with read-only instances');
  return out.length ? out.join(', ') : 'none';
}

/**
 * Discovered inventory when the API has it; else, on the simulated data plane, the fleet model's
 * databases, labelled as such.
 */
export function databasesOf(instance: Instance): { source: 'discovered' | 'simulated'; databases: InventoryDatabase[]; discoveredAt?: string } | undefined {
  if (instance.inventory?.databases) {
    return { source: 'discovered', databases: instance.inventory.databases, discoveredAt: instance.inventory.discoveredAt };
  }
  if ((instance.engine?.binding ?? 'simulated') === 'simulated' && instance.simulation?.databases) {
    return {
      source: 'simulated',
      databases: instance.simulation.databases.map((d) => ({ ...d, lastFullBackupAt: instance.simulation?.lastFullBackupAt })),
    };
  }
  return undefined;
}

function Databases({ instance }: { instance: Instance }) {
  const dbs = databasesOf(instance);
  if (!dbs) return null;
  return (
    <Table
      items={dbs.databases}
      variant="container"
      ariaLabels={{ tableLabel: 'Databases' }}
      header={
        <Header
          variant="h2"
          counter={`(${dbs.databases.length})`}
          description={dbs.source === 'discovered' ? `Discovered inventory${dbs.discoveredAt ? `, ${utc(dbs.discoveredAt)}` : ''}` : 'From the simulated fleet model (not discovered from a server)'}
        >
          Databases
        </Header>
      }
      columnDefinitions={[
        { id: 'name', header: 'Database', cell: (d) => d.name, isRowHeader: true },
        { id: 'size', header: 'Size', cell: (d) => (d.sizeGb !== undefined ? `${d.sizeGb} GB` : '-') },
        { id: 'recovery', header: 'Recovery model', cell: (d) => d.recoveryModel ?? '-' },
        { id: 'backup', header: 'Last full backup', cell: (d) => (d.lastFullBackupAt ? utc(d.lastFullBackupAt) : 'none known') },
      ]}
      empty={<Box textAlign="center">No databases</Box>}
    />
  );
}

function TaskHistory({ tasks }: { tasks: Task[] }) {
  return (
    <Table
      items={tasks}
      variant="container"
      ariaLabels={{ tableLabel: 'Task history' }}
      header={<Header variant="h2" counter={`(${tasks.length})`}>Upgrade tasks</Header>}
      columnDefinitions={[
        { id: 'taskId', header: 'Task', cell: (t) => <RouterLink to={`/tasks/${t.taskId}`}>{t.taskId}</RouterLink>, isRowHeader: true },
        { id: 'status', header: 'Status', cell: (t) => <TaskStatus status={t.status} /> },
        { id: 'target', header: 'Target', cell: (t) => (t.target ? `${t.target.engineVersion} ${t.target.sqlEdition} ${t.target.rdsEdition} ${t.target.instanceType}` : '-') },
        { id: 'created', header: 'Created', cell: (t) => utc(t.createdAt) },
      ]}
      empty={<Box textAlign="center">No upgrade has run on this instance</Box>}
    />
  );
}
