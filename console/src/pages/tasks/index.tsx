import { useCollection } from '@cloudscape-design/collection-hooks';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ContentLayout from '@cloudscape-design/components/content-layout';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Pagination from '@cloudscape-design/components/pagination';
import ProgressBar from '@cloudscape-design/components/progress-bar';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import TextFilter from '@cloudscape-design/components/text-filter';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { Task } from '../../api/types';
import { useApi } from '../commons/api-context';
import { LoadProblem } from '../commons/api-unreachable';
import { Breadcrumbs } from '../commons/breadcrumbs';
import { utc } from '../commons/format';
import { RouterLink } from '../commons/router-link';
import { TaskStatus } from '../commons/status';
import { usePolling } from '../commons/use-polling';
import { matches, newestFirst, TIME_RANGES } from './tasks-logic';

const STATUSES = ['Pending', 'Running', 'WaitingForSwitchWindow', 'Switching', 'Succeeded', 'Failed'];
const ALL = { value: '', label: 'All' };

export default function TasksPage() {
  const client = useApi();
  // The API lists tasks per instance (GET /instances/{id}/tasks); there is no fleet-wide task route yet.
  const polled = usePolling(
    async () => {
      const instances = await client.listInstances();
      const lists = await Promise.all(instances.map((i) => client.listInstanceTasks(i.instanceId)));
      return { instanceIds: instances.map((i) => i.instanceId), tasks: newestFirst(lists.flat()) };
    },
    [client],
    { intervalMs: 5000 },
  );
  // Filters live in the URL, so a filtered list can be shared and back/forward restores it.
  const [params, setParams] = useSearchParams();
  const instanceId = params.get('instance') ?? '';
  const status = params.get('status') ?? '';
  const range = params.get('within') ?? 'any';
  const [now] = useState(() => Date.now());
  const setParam = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v && v !== 'any') next.set(k, v);
    else next.delete(k);
    setParams(next);
  };
  const tasks = polled.data?.tasks ?? [];
  const filter = {
    instanceId: instanceId || undefined,
    status: status || undefined,
    withinHours: range === 'any' ? undefined : Number(range),
  };
  const { items, collectionProps, filterProps, paginationProps, filteredItemsCount } = useCollection(
    tasks.filter((t) => matches(t, filter, now)),
    {
      filtering: {
        filteringFunction: (t, text) => matches(t, { text }, now),
        // the selects filter before the collection does: with tasks but none left, it is a no-match
        empty: (
          <Box textAlign="center">{tasks.length > 0 ? 'No task matches the filters.' : 'No upgrade task yet.'}</Box>
        ),
        noMatch: <Box textAlign="center">No task matches the filters.</Box>,
      },
      pagination: { pageSize: 25 },
      sorting: {},
    },
  );
  return (
    <ContentLayout
      breadcrumbs={<Breadcrumbs items={[{ text: 'Upgrade tasks', href: '/tasks' }]} />}
      header={
        <Header variant="h1" description="Every upgrade task of every instance, newest first.">
          Upgrade tasks
        </Header>
      }
    >
      <SpaceBetween size="m">
        <LoadProblem {...polled} />
        <Table<Task>
          {...collectionProps}
          items={items}
          variant="full-page"
          loading={polled.loading && !polled.data}
          loadingText="Loading tasks"
          wrapLines
          ariaLabels={{ tableLabel: 'Upgrade tasks' }}
          header={
            <Header
              variant="h2"
              counter={polled.data ? `(${tasks.length})` : undefined}
              actions={<Button iconName="refresh" ariaLabel="Refresh tasks" onClick={polled.refresh} />}
            >
              Tasks
            </Header>
          }
          filter={
            <SpaceBetween direction="horizontal" size="s">
              <TextFilter
                {...filterProps}
                filteringPlaceholder="Find tasks"
                filteringAriaLabel="Filter tasks"
                countText={`${filteredItemsCount ?? 0} matches`}
              />
              <FormField label="Instance">
                <Select
                  selectedOption={instanceId ? { value: instanceId, label: instanceId } : ALL}
                  options={[ALL, ...(polled.data?.instanceIds ?? []).map((i) => ({ value: i, label: i }))]}
                  onChange={(e) => setParam('instance', e.detail.selectedOption.value ?? '')}
                />
              </FormField>
              <FormField label="Status">
                <Select
                  selectedOption={status ? { value: status, label: status } : ALL}
                  options={[ALL, ...STATUSES.map((s) => ({ value: s, label: s }))]}
                  onChange={(e) => setParam('status', e.detail.selectedOption.value ?? '')}
                />
              </FormField>
              <FormField label="Created">
                <Select
                  selectedOption={TIME_RANGES.find((r) => r.value === range) ?? TIME_RANGES[0]}
                  options={TIME_RANGES}
                  onChange={(e) => setParam('within', e.detail.selectedOption.value ?? 'any')}
                />
              </FormField>
            </SpaceBetween>
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
          columnDefinitions={[
            {
              id: 'taskId',
              header: 'Task',
              cell: (t) => <RouterLink to={`/tasks/${t.taskId}`}>{t.taskId}</RouterLink>,
              isRowHeader: true,
            },
            {
              id: 'instance',
              header: 'Instance',
              cell: (t) => <RouterLink to={`/instances/${t.instanceId}`}>{t.instanceId}</RouterLink>,
            },
            { id: 'status', header: 'Status', cell: (t) => <TaskStatus status={t.status} /> },
            {
              id: 'progress',
              header: 'Progress',
              cell: (t) => <ProgressBar value={t.progress ?? 0} ariaLabel={`Progress of ${t.taskId}`} />,
            },
            {
              id: 'target',
              header: 'Target',
              cell: (t) =>
                t.target ? `${t.target.engineVersion} ${t.target.sqlEdition} ${t.target.instanceType}` : '-',
            },
            { id: 'created', header: 'Created', cell: (t) => utc(t.createdAt) },
          ]}
        />
      </SpaceBetween>
    </ContentLayout>
  );
}
