import { useCollection } from '@cloudscape-design/collection-hooks';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Header from '@cloudscape-design/components/header';
import Pagination from '@cloudscape-design/components/pagination';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table, { TableProps } from '@cloudscape-design/components/table';
import TextFilter from '@cloudscape-design/components/text-filter';
import { useNavigate } from 'react-router-dom';
import type { CampaignSummary } from '../../api/types';
import { useApi } from '../commons/api-context';
import { LoadProblem } from '../commons/api-unreachable';
import { Breadcrumbs } from '../commons/breadcrumbs';
import { utc } from '../commons/format';
import { RouterLink } from '../commons/router-link';
import { TaskStatus } from '../commons/status';
import { usePolling } from '../commons/use-polling';
import { countsText } from './campaign-logic';

export const CAMPAIGN_COLUMNS: TableProps.ColumnDefinition<CampaignSummary>[] = [
  {
    id: 'name',
    header: 'Name',
    cell: (c) => <RouterLink to={`/campaigns/${c.campaignId}`}>{c.name}</RouterLink>,
    sortingField: 'name',
    isRowHeader: true,
  },
  { id: 'campaignId', header: 'Campaign ID', cell: (c) => c.campaignId, sortingField: 'campaignId' },
  { id: 'status', header: 'Status', cell: (c) => <TaskStatus status={c.status} />, sortingField: 'status' },
  { id: 'wave', header: 'Wave', cell: (c) => `${Math.min(c.currentWave + 1, c.waveCount)} of ${c.waveCount}` },
  { id: 'counts', header: 'Instances', cell: countsText },
  { id: 'approval', header: 'Approval', cell: (c) => (c.approvalPending ? 'pending' : '-') },
  { id: 'created', header: 'Created', cell: (c) => utc(c.createdAt), sortingField: 'createdAt' },
  { id: 'end', header: 'Expected end', cell: (c) => utc(c.endedAt ?? c.expectedEnd) },
];

export default function CampaignsPage() {
  const client = useApi();
  const navigate = useNavigate();
  const polled = usePolling(() => client.listCampaigns(), [client], { intervalMs: 5000 });
  const campaigns = polled.data ?? [];
  const { items, collectionProps, filterProps, paginationProps, filteredItemsCount } = useCollection(campaigns, {
    filtering: {
      filteringFunction: (c, text) =>
        [c.name, c.campaignId, c.status].join(' ').toLowerCase().includes(text.toLowerCase()),
      empty: <Box textAlign="center">No campaign yet. Plan one to upgrade many instances in waves.</Box>,
      noMatch: <Box textAlign="center">No campaign matches the filter.</Box>,
    },
    pagination: { pageSize: 20 },
    sorting: { defaultState: { sortingColumn: CAMPAIGN_COLUMNS[6], isDescending: true } },
  });
  return (
    <ContentLayout
      breadcrumbs={<Breadcrumbs items={[{ text: 'Campaigns', href: '/campaigns' }]} />}
      header={
        <Header
          variant="h1"
          description="Fleet upgrades in waves: a canary first, concurrency limits, an error budget, approvals between waves."
          actions={
            <Button variant="primary" onClick={() => navigate('/campaigns/new')}>
              Plan campaign
            </Button>
          }
        >
          Campaigns
        </Header>
      }
    >
      <SpaceBetween size="m">
        <LoadProblem {...polled} />
        <Table
          {...collectionProps}
          items={items}
          columnDefinitions={CAMPAIGN_COLUMNS}
          loading={polled.loading && !polled.data}
          loadingText="Loading campaigns"
          variant="full-page"
          wrapLines
          ariaLabels={{ tableLabel: 'Campaigns' }}
          header={
            <Header variant="h2" counter={polled.data ? `(${campaigns.length})` : undefined}>
              All campaigns
            </Header>
          }
          filter={
            <TextFilter
              {...filterProps}
              filteringPlaceholder="Find campaigns"
              filteringAriaLabel="Filter campaigns"
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
