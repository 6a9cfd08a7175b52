import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Checkbox from '@cloudscape-design/components/checkbox';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Flashbar from '@cloudscape-design/components/flashbar';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import Multiselect from '@cloudscape-design/components/multiselect';
import RadioGroup from '@cloudscape-design/components/radio-group';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import Wizard from '@cloudscape-design/components/wizard';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import type { CampaignPlan } from '../../api/types';
import { useApi } from '../commons/api-context';
import { Breadcrumbs } from '../commons/breadcrumbs';
import { duration, utc } from '../commons/format';
import { TaskStatus } from '../commons/status';
import { usePolling } from '../commons/use-polling';
import { newClientToken } from '../upgrade/form-logic';
import {
  campaignFormErrors,
  CampaignForm,
  EMPTY_CAMPAIGN_FORM,
  toCampaignRequest,
  WaveForm,
} from '../campaigns/campaign-logic';

const VERSIONS = ['2012', '2014', '2016', '2017', '2019', '2022'];

export default function CampaignCreatePage() {
  const client = useApi();
  const navigate = useNavigate();
  const instances = usePolling(() => client.listInstances(), [client], { intervalMs: 0 });
  const [form, setForm] = useState<CampaignForm>(EMPTY_CAMPAIGN_FORM);
  const [step, setStep] = useState(0);
  const [showErrors, setShowErrors] = useState(false);
  const [plan, setPlan] = useState<{ key: string; result: CampaignPlan }>();
  const [planning, setPlanning] = useState(false);
  const [error, setError] = useState<string>();
  const [starting, setStarting] = useState(false);
  const inFlight = useRef(false);
  const token = useRef<{ key: string; value: string } | undefined>(undefined);
  const errors = campaignFormErrors(form);
  const request = toCampaignRequest(form);
  const key = JSON.stringify(request ?? null);
  const set = (change: Partial<CampaignForm>) => setForm((f) => ({ ...f, ...change }));
  const setWave = (i: number, change: Partial<WaveForm>) =>
    setForm((f) => ({ ...f, waves: f.waves.map((w, j) => (j === i ? { ...w, ...change } : w)) }));
  const err = (field: string) => (showErrors ? errors[field] : undefined);
  const stepErrors = (i: number) =>
    Object.keys(errors).filter((k) => (i === 0 ? !k.startsWith('waves') : k.startsWith('waves')));

  async function runPlan() {
    if (!request) return;
    setPlanning(true);
    setError(undefined);
    try {
      setPlan({ key, result: await client.planCampaign(request) });
    } catch (e) {
      setError(e instanceof ApiError ? `${e.code}: ${e.message}` : String(e));
    } finally {
      setPlanning(false);
    }
  }

  async function start() {
    // A ref, not state: a double click lands before the re-render that would disable the button.
    if (!request || !plan || plan.key !== key || inFlight.current) return;
    if (plan.result.upgradable === 0) {
      setError('NoUpgradableInstances: the plan has no upgradable instance; change the selection');
      return;
    }
    inFlight.current = true;
    if (!token.current || token.current.key !== key) token.current = { key, value: newClientToken() };
    setStarting(true);
    setError(undefined);
    try {
      const started = await client.startCampaign({ ...request, clientToken: token.current.value });
      navigate(`/campaigns/${started.campaignId}`);
    } catch (e) {
      setError(e instanceof ApiError ? `${e.code}: ${e.message}` : String(e));
      setStarting(false);
      inFlight.current = false;
    }
  }

  const instanceOptions = (instances.data ?? []).map((i) => ({
    value: i.instanceId,
    label: i.instanceId,
    description: `SQL Server ${i.engineVersion} ${i.sqlEdition}, ${i.maintenanceWindow}`,
  }));
  const current = plan && plan.key === key ? plan.result : undefined;
  return (
    <ContentLayout
      breadcrumbs={
        <Breadcrumbs
          items={[
            { text: 'Campaigns', href: '/campaigns' },
            { text: 'Plan campaign', href: '/campaigns/new' },
          ]}
        />
      }
    >
      <Wizard
        activeStepIndex={step}
        isLoadingNextStep={planning || starting}
        submitButtonText="Start campaign"
        i18nStrings={{
          stepNumberLabel: (n) => `Step ${n}`,
          collapsedStepsLabel: (n, total) => `Step ${n} of ${total}`,
          navigationAriaLabel: 'Steps',
          cancelButton: 'Cancel',
          previousButton: 'Previous',
          nextButton: 'Next',
          optional: 'optional',
        }}
        onCancel={() => navigate('/campaigns')}
        onNavigate={(e) => {
          const next = e.detail.requestedStepIndex;
          if (next > step && stepErrors(step).length > 0) {
            setShowErrors(true);
            return;
          }
          setShowErrors(false);
          setStep(next);
          if (next === 2 && (!plan || plan.key !== key)) void runPlan();
        }}
        onSubmit={start}
        steps={[
          {
            title: 'Instances and target',
            description: 'Which instances, and the version they upgrade to. Criteria combine with AND.',
            content: (
              <Container header={<Header variant="h2">Selection</Header>}>
                <SpaceBetween size="l">
                  <FormField label="Campaign name" errorText={err('name')}>
                    <Input
                      value={form.name}
                      onChange={(e) => set({ name: e.detail.value })}
                      ariaLabel="Campaign name"
                      placeholder="sql2016-eol"
                    />
                  </FormField>
                  <FormField
                    label="Instances"
                    description="In this order; leave empty to select by tags or version (then in id order)."
                    errorText={err('selection')}
                  >
                    <Multiselect
                      selectedOptions={instanceOptions.filter((o) => form.instanceIds.includes(o.value))}
                      options={instanceOptions}
                      onChange={(e) => set({ instanceIds: e.detail.selectedOptions.map((o) => o.value!) })}
                      placeholder="Choose instances"
                      filteringType="auto"
                      statusType={instances.loading ? 'loading' : 'finished'}
                      ariaLabel="Instances"
                      deselectAriaLabel={(o) => `Remove ${o.label}`}
                    />
                  </FormField>
                  <ColumnLayout columns={2}>
                    <FormField
                      label="Tags (optional)"
                      description="key=value, comma-separated; all must match."
                      errorText={err('tags')}
                    >
                      <Input
                        value={form.tags}
                        onChange={(e) => set({ tags: e.detail.value })}
                        ariaLabel="Tags"
                        placeholder="env=prod"
                      />
                    </FormField>
                    <FormField label="Current engine version (optional)">
                      <Select
                        selectedOption={
                          form.engineVersion
                            ? { value: form.engineVersion, label: form.engineVersion }
                            : { value: '', label: 'any' }
                        }
                        options={[{ value: '', label: 'any' }, ...VERSIONS.map((v) => ({ value: v, label: v }))]}
                        onChange={(e) => set({ engineVersion: e.detail.selectedOption.value ?? '' })}
                        ariaLabel="Current engine version"
                      />
                    </FormField>
                  </ColumnLayout>
                  <FormField
                    label="Target engine version"
                    description="Editions are kept; the instance type is kept."
                    errorText={err('targetVersion')}
                  >
                    <Select
                      selectedOption={{ value: form.targetVersion, label: `SQL Server ${form.targetVersion}` }}
                      options={VERSIONS.slice(1).map((v) => ({ value: v, label: `SQL Server ${v}` }))}
                      onChange={(e) => set({ targetVersion: e.detail.selectedOption.value ?? '' })}
                      ariaLabel="Target engine version"
                    />
                  </FormField>
                  <FormField label="Switch policy">
                    <RadioGroup
                      value={form.switchPolicy}
                      onChange={(e) => set({ switchPolicy: e.detail.value as CampaignForm['switchPolicy'] })}
                      ariaLabel="Switch policy"
                      items={[
                        { value: 'OwnMaintenanceWindow', label: 'Switch each instance in its own maintenance window' },
                        { value: 'Immediate', label: 'Switch each instance as soon as its copy is caught up' },
                      ]}
                    />
                  </FormField>
                </SpaceBetween>
              </Container>
            ),
          },
          {
            title: 'Waves',
            description: 'The first wave is the canary. The last wave may leave its size empty: it takes the rest.',
            content: (
              <SpaceBetween size="l">
                {form.waves.map((w, i) => (
                  <Container
                    key={i}
                    header={
                      <Header
                        variant="h2"
                        actions={
                          form.waves.length > 1 && (
                            <Button
                              onClick={() => set({ waves: form.waves.filter((_, j) => j !== i) })}
                              ariaLabel={`Remove wave ${i + 1}`}
                            >
                              Remove
                            </Button>
                          )
                        }
                      >
                        {`Wave ${i + 1}`}
                      </Header>
                    }
                  >
                    <ColumnLayout columns={3}>
                      <FormField label="Name">
                        <Input
                          value={w.name}
                          onChange={(e) => setWave(i, { name: e.detail.value })}
                          ariaLabel={`Wave ${i + 1} name`}
                        />
                      </FormField>
                      <FormField label="Size" description="A count or a percentage" errorText={err(`waves.${i}.size`)}>
                        <Input
                          value={w.size}
                          onChange={(e) => setWave(i, { size: e.detail.value })}
                          ariaLabel={`Wave ${i + 1} size`}
                          placeholder={i === form.waves.length - 1 ? 'the rest' : '10%'}
                        />
                      </FormField>
                      <FormField label="Upgrades at once" errorText={err(`waves.${i}.maxConcurrency`)}>
                        <Input
                          value={w.maxConcurrency}
                          inputMode="numeric"
                          onChange={(e) => setWave(i, { maxConcurrency: e.detail.value })}
                          ariaLabel={`Wave ${i + 1} upgrades at once`}
                        />
                      </FormField>
                      <FormField label="Tolerated failures" errorText={err(`waves.${i}.toleratedFailures`)}>
                        <Input
                          value={w.toleratedFailures}
                          onChange={(e) => setWave(i, { toleratedFailures: e.detail.value })}
                          ariaLabel={`Wave ${i + 1} tolerated failures`}
                        />
                      </FormField>
                      <FormField label="Bake time (seconds)" errorText={err(`waves.${i}.bakeSeconds`)}>
                        <Input
                          value={w.bakeSeconds}
                          inputMode="numeric"
                          onChange={(e) => setWave(i, { bakeSeconds: e.detail.value })}
                          ariaLabel={`Wave ${i + 1} bake seconds`}
                        />
                      </FormField>
                      <FormField label="Approval">
                        <Checkbox
                          checked={w.approvalRequired}
                          onChange={(e) => setWave(i, { approvalRequired: e.detail.checked })}
                        >
                          {`Approve before the next wave (wave ${i + 1})`}
                        </Checkbox>
                      </FormField>
                    </ColumnLayout>
                  </Container>
                ))}
                <Button
                  onClick={() =>
                    set({
                      waves: [
                        ...form.waves,
                        {
                          name: '',
                          size: '',
                          maxConcurrency: '10',
                          toleratedFailures: '0',
                          bakeSeconds: '0',
                          approvalRequired: false,
                        },
                      ],
                    })
                  }
                  disabled={form.waves.length >= 20}
                >
                  Add wave
                </Button>
                {showErrors && errors.waves && <Box color="text-status-error">{errors.waves}</Box>}
              </SpaceBetween>
            ),
          },
          {
            title: 'Review the plan',
            description:
              'A dry run: every selected instance checked and estimated, laid out in waves as the campaign runs it. Nothing is written.',
            content: (
              <SpaceBetween size="l">
                {error && (
                  <Flashbar items={[{ type: 'error', id: 'plan', header: 'The API refused', content: error }]} />
                )}
                {planning && <Box>Planning…</Box>}
                {current && <PlanReport plan={current} />}
                {!planning && !current && !error && (
                  <Button onClick={runPlan} disabled={!request}>
                    Plan again
                  </Button>
                )}
              </SpaceBetween>
            ),
          },
        ]}
      />
    </ContentLayout>
  );
}

export function PlanReport({ plan }: { plan: CampaignPlan }) {
  const refused = plan.instances.filter((i) => !i.upgradable);
  return (
    <SpaceBetween size="l">
      <Flashbar
        items={[
          plan.upgradable === 0
            ? {
                type: 'error',
                id: 'plan',
                header: 'Nothing to upgrade',
                content:
                  'The selection matches no upgradable instance; the campaign would be refused (NoUpgradableInstances).',
              }
            : {
                type: 'success',
                id: 'plan',
                header: `Plan: ${plan.upgradable} of ${plan.selected} instances in ${plan.waves.length} waves, expected end ${utc(plan.expectedEnd)}`,
                content: refused.length
                  ? `${refused.length} refused by a precheck (never in a wave).`
                  : 'Every selected instance passes its prechecks.',
              },
        ]}
      />
      <Container header={<Header variant="h2">Summary</Header>}>
        <KeyValuePairs
          columns={4}
          items={[
            { label: 'Selected', value: plan.selected },
            { label: 'Upgradable', value: plan.upgradable },
            { label: 'Refused', value: plan.refused },
            { label: 'Expected end', value: <span data-testid="plan-end">{utc(plan.expectedEnd)}</span> },
            ...(plan.missingIds.length ? [{ label: 'Unknown ids', value: plan.missingIds.join(', ') }] : []),
          ]}
        />
      </Container>
      <Table
        variant="container"
        items={plan.waves}
        wrapLines
        ariaLabels={{ tableLabel: 'Planned waves' }}
        header={
          <Header variant="h2" counter={`(${plan.waves.length})`}>
            Planned waves
          </Header>
        }
        columnDefinitions={[
          { id: 'name', header: 'Wave', cell: (w) => `${w.index + 1}. ${w.name}`, isRowHeader: true },
          { id: 'instances', header: 'Instances', cell: (w) => w.instanceIds.join(', ') || '-' },
          { id: 'limit', header: 'At once', cell: (w) => w.maxConcurrency },
          { id: 'tolerated', header: 'Tolerated failures', cell: (w) => w.toleratedFailures },
          { id: 'approval', header: 'Approval after', cell: (w) => (w.approvalRequired ? 'yes' : 'no') },
          { id: 'start', header: 'Planned start', cell: (w) => utc(w.plannedStart) },
          { id: 'end', header: 'Planned end', cell: (w) => utc(w.plannedEnd) },
        ]}
      />
      <Table
        variant="container"
        items={plan.instances}
        wrapLines
        ariaLabels={{ tableLabel: 'Planned instances' }}
        header={
          <Header variant="h2" counter={`(${plan.instances.length})`}>
            Instances
          </Header>
        }
        columnDefinitions={[
          { id: 'instance', header: 'Instance', cell: (i) => i.instanceId, isRowHeader: true },
          {
            id: 'result',
            header: 'Prechecks',
            cell: (i) => <TaskStatus status={i.upgradable ? 'PASSED' : 'FAILED'} />,
          },
          {
            id: 'wave',
            header: 'Wave',
            cell: (i) => (i.wave === null || i.wave === undefined ? '-' : (plan.waves[i.wave]?.name ?? i.wave + 1)),
          },
          { id: 'from', header: 'From', cell: (i) => `${i.source.engineVersion} ${i.source.sqlEdition}` },
          { id: 'estimate', header: 'Estimate', cell: (i) => duration(i.estimate?.totalSeconds) },
          { id: 'switch', header: 'Switch', cell: (i) => utc(i.switchAt) },
          {
            id: 'codes',
            header: 'Codes',
            cell: (i) =>
              i.prechecks
                .filter((p) => p.result !== 'PASSED' && p.code)
                .map((p) => p.code)
                .join(', ') || '-',
          },
        ]}
      />
    </SpaceBetween>
  );
}
