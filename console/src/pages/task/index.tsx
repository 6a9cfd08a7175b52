import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Flashbar, { FlashbarProps } from '@cloudscape-design/components/flashbar';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import Modal from '@cloudscape-design/components/modal';
import ProgressBar from '@cloudscape-design/components/progress-bar';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { ApiError, SqlupClient } from '../../api/client';
import type { ExecutionPath, StateMachineDefinition, Task } from '../../api/types';
import { useApi } from '../commons/api-context';
import { LoadProblem } from '../commons/api-unreachable';
import { Breadcrumbs } from '../commons/breadcrumbs';
import { duration, phaseLabel, utc } from '../commons/format';
import { SwitchFields } from '../commons/switch-fields';
import { EMPTY_SWITCH_FORM, formOf, GUARDS, SwitchForm, switchSetting } from '../commons/switch-settings';
import { RouterLink } from '../commons/router-link';
import { isTerminal, TaskStatus } from '../commons/status';
import { usePolling } from '../commons/use-polling';
import { ExecutionGraph } from './execution-graph';
import { ActionSpec, elapsedSeconds, holdRows, offeredActions, stepRows, switchSummary } from './task-logic';

interface Loaded {
  task: Task;
  path?: ExecutionPath;
  machine?: StateMachineDefinition;
}

/** The graph's data exists only on the local runtime; a deployed API answers 403/404 and the page goes on without it. */
async function optional<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof ApiError && !e.unreachable && e.status < 500) return undefined;
    throw e;
  }
}

let machineCache: Promise<StateMachineDefinition | undefined> | undefined;
let machineClient: SqlupClient | undefined;

function stateMachine(client: SqlupClient) {
  if (!machineCache || machineClient !== client) {
    machineClient = client;
    machineCache = optional(client.stateMachine());
    machineCache.catch(() => (machineCache = undefined));
  }
  return machineCache;
}

export default function TaskPage() {
  const { taskId = '' } = useParams();
  const client = useApi();
  const polled = usePolling<Loaded>(
    async () => {
      const [task, path, machine] = await Promise.all([
        client.getTask(taskId),
        optional(client.executionPath(taskId)),
        stateMachine(client),
      ]);
      return { task, path, machine };
    },
    [client, taskId],
    { intervalMs: 2000, stopWhen: (d) => isTerminal((d as Loaded).task.status) },
  );
  const task = polled.data?.task;
  return (
    <ContentLayout
      breadcrumbs={
        <Breadcrumbs
          items={[
            { text: 'Upgrade tasks', href: '/tasks' },
            { text: taskId, href: `/tasks/${taskId}` },
          ]}
        />
      }
      header={
        <Header
          variant="h1"
          description={
            task ? (
              <>
                Upgrade of <RouterLink to={`/instances/${task.instanceId}`}>{task.instanceId}</RouterLink>
              </>
            ) : undefined
          }
          actions={task && <TaskActions task={task} onDone={polled.refresh} />}
        >
          Task {taskId}
        </Header>
      }
    >
      <SpaceBetween size="l">
        <LoadProblem {...polled} />
        {task && <Summary task={task} />}
        {task && <CutoverSection task={task} />}
        {task && <Steps task={task} />}
        {polled.data?.machine && <ExecutionGraph definition={polled.data.machine.definition} path={polled.data.path} />}
        {task && !polled.data?.machine && (
          <Container header={<Header variant="h2">Execution graph</Header>}>
            <Box variant="p">
              The execution graph is drawn from the local runtime's state machine (`sqlup serve`); this API does not
              serve it.
            </Box>
          </Container>
        )}
      </SpaceBetween>
    </ContentLayout>
  );
}

function Summary({ task }: { task: Task }) {
  const flashes: FlashbarProps.MessageDefinition[] = [];
  if (task.status === 'Succeeded') {
    flashes.push({
      type: 'success',
      id: 'done',
      header: 'Upgrade succeeded',
      content: `The instance runs SQL Server ${task.target?.engineVersion ?? ''} ${task.target?.sqlEdition ?? ''}.`,
    });
  }
  if (task.status === 'Failed') {
    flashes.push({
      type: 'error',
      id: 'failed',
      header: 'Upgrade failed',
      content: task.failureReason ?? 'no reason recorded',
    });
  }
  if (task.stoppedReplicationTasks?.length) {
    flashes.push({
      type: 'warning',
      id: 'dts',
      header: 'Restart these replication tasks',
      content: task.stoppedReplicationTasks.join(', '),
    });
  }
  const progress = task.progress ?? 0;
  return (
    <SpaceBetween size="l">
      {flashes.length > 0 && <Flashbar items={flashes} />}
      <Container header={<Header variant="h2">Status</Header>}>
        <SpaceBetween size="l">
          <ProgressBar
            value={progress}
            label="Upgrade progress"
            description={task.currentStep ? `Current step: ${phaseLabel(task.currentStep)}` : undefined}
            additionalInfo={isTerminal(task.status) ? undefined : `About ${duration(task.remainingSeconds)} remaining`}
            status={task.status === 'Failed' ? 'error' : task.status === 'Succeeded' ? 'success' : 'in-progress'}
            resultText={
              task.status === 'Succeeded' ? 'Upgrade complete' : task.status === 'Failed' ? 'Upgrade failed' : undefined
            }
          />
          <KeyValuePairs
            columns={4}
            items={[
              { label: 'Status', value: <TaskStatus status={task.status} /> },
              { label: 'Current step', value: task.currentStep ? phaseLabel(task.currentStep) : '-' },
              { label: 'Remaining', value: isTerminal(task.status) ? '-' : duration(task.remainingSeconds) },
              { label: 'Estimated total', value: duration(task.estimate?.totalSeconds) },
              { label: 'Elapsed', value: duration(elapsedSeconds(task)) },
              {
                label: 'Measured downtime',
                value: task.downtimeSeconds !== undefined ? duration(task.downtimeSeconds) : 'not yet',
              },
              { label: 'Switching time', value: switchSummary(task) },
              {
                label: 'Source',
                value: task.source
                  ? `${task.source.engineVersion} ${task.source.sqlEdition} ${task.source.rdsEdition} ${task.source.instanceType}`
                  : '-',
              },
              {
                label: 'Target',
                value: task.target
                  ? `${task.target.engineVersion} ${task.target.sqlEdition} ${task.target.rdsEdition} ${task.target.instanceType}`
                  : '-',
              },
              { label: 'Warnings', value: task.warnings?.length ? task.warnings.join(', ') : 'none' },
              {
                label: 'Replication tasks to restart',
                value: task.stoppedReplicationTasks?.length ? task.stoppedReplicationTasks.join(', ') : 'none',
              },
              { label: 'Created', value: utc(task.createdAt) },
            ]}
          />
        </SpaceBetween>
      </Container>
    </SpaceBetween>
  );
}

function Steps({ task }: { task: Task }) {
  return (
    <Table
      variant="container"
      items={stepRows(task)}
      wrapLines
      ariaLabels={{ tableLabel: 'Timeline' }}
      header={
        <Header variant="h2" description="Each step's actual duration against the estimate.">
          Timeline
        </Header>
      }
      columnDefinitions={[
        { id: 'step', header: 'Step', cell: (s) => phaseLabel(s.name), isRowHeader: true },
        { id: 'status', header: 'Status', cell: (s) => <TaskStatus status={s.status} />, minWidth: 130 },
        { id: 'started', header: 'Started', cell: (s) => utc(s.startedAt) },
        { id: 'ended', header: 'Ended', cell: (s) => utc(s.endedAt) },
        { id: 'actual', header: 'Actual', cell: (s) => duration(s.actualSeconds) },
        {
          id: 'estimate',
          header: 'Estimated',
          cell: (s) => (s.estimatedSeconds !== undefined ? duration(s.estimatedSeconds) : '-'),
        },
        { id: 'detail', header: 'Detail', cell: (s) => s.detail ?? '' },
      ]}
      empty={<Box textAlign="center">No step has started</Box>}
    />
  );
}

function TaskActions({ task, onDone }: { task: Task; onDone: () => void }) {
  const client = useApi();
  const [pending, setPending] = useState<ActionSpec>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [form, setForm] = useState<SwitchForm>(EMPTY_SWITCH_FORM);
  const actions = offeredActions(task);
  if (actions.length === 0) return null;
  const setting = pending?.id === 'reschedule' ? switchSetting(form) : undefined;
  function open(a: ActionSpec) {
    setError(undefined);
    if (a.id === 'reschedule') {
      setForm(formOf({ switchTime: task.switchTime, switchAt: task.cutover?.switchAt, guards: task.cutover?.guards }));
    }
    setPending(a);
  }
  async function run(a: ActionSpec) {
    setBusy(true);
    setError(undefined);
    try {
      if (a.id === 'cancel') await client.cancelTask(task.taskId);
      else if (a.id === 'reschedule') {
        if (!setting) return;
        await client.updateTask(task.taskId, setting);
      } else await client.switchover(task.taskId); // approve and switch now: the same route
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
        {actions.map((a) => (
          <Button key={a.id} onClick={() => open(a)} variant={a.id === 'approve' ? 'primary' : 'normal'}>
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
              <Button
                variant="primary"
                loading={busy}
                disabled={pending?.id === 'reschedule' && !setting}
                onClick={() => pending && run(pending)}
              >
                {pending?.id === 'reschedule' ? 'Save switch' : pending?.label}
              </Button>
            </SpaceBetween>
          </Box>
        }
      >
        <SpaceBetween size="s">
          <Box variant="p">{pending?.confirmation}</Box>
          {pending?.id === 'reschedule' && <SwitchFields value={form} onChange={setForm} />}
          {error && <Flashbar items={[{ type: 'error', id: 'action', content: error }]} />}
        </SpaceBetween>
      </Modal>
    </>
  );
}

function CutoverSection({ task }: { task: Task }) {
  const holds = holdRows(task);
  const history = [...(task.cutover?.history ?? [])].reverse();
  const guards = task.cutover?.guards ?? {};
  const holding = holds.find((h) => !h.until);
  return (
    <SpaceBetween size="l">
      <Container
        header={
          <Header variant="h2" description="When the switch happens and what may hold it.">
            Cutover
          </Header>
        }
      >
        <SpaceBetween size="m">
          {holding && (
            <Alert type="warning" header={`Held by the ${holding.guard} guard`}>
              {holding.reason ?? ''}{' '}
              {holding.value !== undefined
                ? `(${holding.value} ${holding.unit ?? ''}, limit ${holding.limit} ${holding.unit ?? ''})`
                : ''}
            </Alert>
          )}
          <KeyValuePairs
            columns={3}
            items={[
              { label: 'Switch', value: switchSummary(task) },
              ...GUARDS.map((g) => ({
                label: `${g.label} (${g.unit})`,
                value: guards[g.field] !== undefined ? `${guards[g.field]} (changed)` : `${g.defaultValue} (default)`,
              })),
            ]}
          />
        </SpaceBetween>
      </Container>
      {holds.length > 0 && (
        <Table
          variant="container"
          items={holds}
          wrapLines
          ariaLabels={{ tableLabel: 'Guard holds' }}
          header={
            <Header variant="h2" counter={`(${holds.length})`}>
              Guard holds
            </Header>
          }
          columnDefinitions={[
            { id: 'guard', header: 'Guard', cell: (h) => h.guard, isRowHeader: true },
            { id: 'reason', header: 'Reason', cell: (h) => h.reason ?? '-' },
            {
              id: 'value',
              header: 'Figure / limit',
              cell: (h) => (h.value !== undefined ? `${h.value} / ${h.limit ?? '-'} ${h.unit ?? ''}` : '-'),
            },
            { id: 'since', header: 'Since', cell: (h) => utc(h.since) },
            { id: 'until', header: 'Until', cell: (h) => (h.until ? utc(h.until) : 'holding') },
          ]}
        />
      )}
      <Table
        variant="container"
        items={history}
        wrapLines
        ariaLabels={{ tableLabel: 'Switch history' }}
        header={
          <Header variant="h2" counter={`(${history.length})`}>
            Switch history
          </Header>
        }
        columnDefinitions={[
          { id: 'at', header: 'When', cell: (c) => utc(c.at), isRowHeader: true },
          { id: 'action', header: 'Change', cell: (c) => c.action },
          { id: 'from', header: 'From', cell: (c) => c.from ?? '-' },
          { id: 'to', header: 'To', cell: (c) => c.to ?? '-' },
          { id: 'by', header: 'By', cell: (c) => c.by },
        ]}
        empty={<Box textAlign="center">The switch setting has not changed since the upgrade was submitted</Box>}
      />
    </SpaceBetween>
  );
}
