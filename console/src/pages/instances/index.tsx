import { useCollection } from '@cloudscape-design/collection-hooks';
import Badge from '@cloudscape-design/components/badge';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Header from '@cloudscape-design/components/header';
import Pagination from '@cloudscape-design/components/pagination';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table, { TableProps } from '@cloudscape-design/components/table';
import TextFilter from '@cloudscape-design/components/text-filter';
import type { Instance } from '../../api/types';
import { useApi } from '../commons/api-context';
import { LoadProblem } from '../commons/api-unreachable';
import { Breadcrumbs } from '../commons/breadcrumbs';
import { RDS_EDITION_LABELS } from '../commons/format';
import { RouterLink } from '../commons/router-link';
import { InstanceStatus } from '../commons/status';
import { usePolling } from '../commons/use-polling';

export const INSTANCE_COLUMNS: TableProps.ColumnDefinition<Instance>[] = [
  {
    id: 'instanceId',
    header: 'Instance ID',
    cell: (i) => <RouterLink to={`/instances/${i.instanceId}`}>{i.instanceId}</RouterLink>,
    sortingField: 'instanceId',
    isRowHeader: true,
  },
  {
    id: 'engine',
    header: 'Engine version',
    cell: (i) => `SQL Server ${i.engineVersion} ${i.sqlEdition}`,
    sortingField: 'engineVersion',
  },
  {
    id: 'rdsEdition',
    header: 'RDS edition',
    cell: (i) => RDS_EDITION_LABELS[i.rdsEdition] ?? i.rdsEdition,
    sortingField: 'rdsEdition',
  },
  { id: 'instanceType', header: 'Instance type', cell: (i) => i.instanceType, sortingField: 'instanceType' },
  { id: 'status', header: 'Status', cell: (i) => <InstanceStatus status={i.status} />, sortingField: 'status' },
  { id: 'maintenanceWindow', header: 'Maintenance window', cell: (i) => i.maintenanceWindow },
  {
    id: 'activeTask',
    header: 'Active task',
    cell: (i) => (i.activeTaskId ? <RouterLink to={`/tasks/${i.activeTaskId}`}>{i.activeTaskId}</RouterLink> : '-'),
  },
  { id: 'dataPlane', header: 'Data plane', cell: (i) => <DataPlane instance={i} /> },
];

/** `simulated` is marked so nobody mistakes the fleet model for a real server. */
export function DataPlane({ instance }: { instance: Instance }) {
  const binding = instance.engine?.binding ?? 'simulated';
  return binding === 'simulated' ? <Badge color="blue">simulated</Badge> : <span>{binding}</span>;
}

/** What the text filter matches: every visible column's text. */
export function instanceFilterText(i: Instance): string {
  return [
    i.instanceId,
    i.engineVersion,
    i.sqlEdition,
    i.rdsEdition,
    i.instanceType,
    i.status,
    i.maintenanceWindow,
    i.activeTaskId ?? '',
    i.engine?.binding ?? 'simulated',
  ]
    .join(' ')
    .toLowerCase();
}

export default function InstancesPage() {
  const client = useApi();
  const polled = usePolling(() => client.listInstances(), [client], { intervalMs: 5000 });
  const instances = polled.data ?? [];
  const { items, collectionProps, filterProps, paginationProps, filteredItemsCount } = useCollection(instances, {
    filtering: {
      filteringFunction: (item, text) => instanceFilterText(item).includes(text.toLowerCase()),
      empty: <Box textAlign="center">No instances registered. Register one with POST /instances.</Box>,
      noMatch: <Box textAlign="center">No instance matches the filter.</Box>,
    },
    pagination: { pageSize: 20 },
    sorting: { defaultState: { sortingColumn: INSTANCE_COLUMNS[0] } },
  });
  return (
    <ContentLayout
      breadcrumbs={<Breadcrumbs items={[{ text: 'Instances', href: '/' }]} />}
      header={
        <Header variant="h1" description="The SQL Server instances sqlup manages.">
          Instances
        </Header>
      }
    >
      <SpaceBetween size="m">
        <LoadProblem {...polled} />
        <Table
          {...collectionProps}
          items={items}
          columnDefinitions={INSTANCE_COLUMNS}
          loading={polled.loading && !polled.data}
          loadingText="Loading instances"
          variant="full-page"
          resizableColumns
          wrapLines
          ariaLabels={{ tableLabel: 'Instances' }}
          header={
            <Header
              variant="h2"
              counter={polled.data ? `(${instances.length})` : undefined}
              actions={<Button iconName="refresh" ariaLabel="Refresh instances" onClick={polled.refresh} />}
            >
              Fleet
            </Header>
          }
          filter={
            <TextFilter
              {...filterProps}
              filteringPlaceholder="Find instances"
              filteringAriaLabel="Filter instances"
              countText={`${filteredItemsCount ?? 0} matches`}
            />
          }
          pagination={
            <Pagination
              {...paginationProps}
              ariaLabels={{
                nextPageLabel: 'Next page',
                previousPageLabel: 'Previous page',
                pageLabel: (n) => `Page ${n}`,
              }}
            />
          }
        />
      </SpaceBetween>
    </ContentLayout>
  );
}
