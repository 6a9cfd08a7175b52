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
import { duration, phaseLabel, SWITCH_TIME_LABELS, utc } from '../commons/format';
import { RouterLink } from '../commons/router-link';
import { isTerminal, TaskStatus } from '../commons/status';
import { usePolling } from '../commons/use-polling';
import { ExecutionGraph } from './execution-graph';
import { ActionSpec, elapsedSeconds, offeredActions, stepRows } from './task-logic';

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
      const [task, path, machine] = await Promise.all([client.getTask(taskId), optional(client.executionPath(taskId)), stateMachine(client)]);
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
          description={task ? <>Upgrade of <RouterLink to={`/instances/${task.instanceId}`}>{task.instanceId}</RouterLink></> : undefined}
          actions={task && <TaskActions task={task} onDone={polled.refresh} />}
        >
          Task {taskId}
        </Header>
      }
    >
      <SpaceBetween size="l">
        <LoadProblem {...polled} />
        {task && <Summary task={task} />}
        {task && <Steps task={task} />}
        {polled.data?.machine && <ExecutionGraph definition={polled.data.machine.definition} path={polled.data.path} />}
        {task && !polled.data?.machine && (
          <Container header={<Header variant="h2">Execution graph</Header>}>
            <Box variant="p">The execution graph is drawn from the local runtime's state machine (`sqlup serve`); this API does not serve it.</Box>
          </Container>
        )}
      </SpaceBetween>
    </ContentLayout>
  );
}

function Summary({ task }: { task: Task }) {
  const flashes: FlashbarProps.MessageDefinition[] = [];
  if (task.status === 'Succeeded') {
    flashes.push({ type: 'success', id: 'done', header: 'Upgrade succeeded', content: `The instance runs SQL Server ${task.target?.engineVersion ?? ''} ${task.target?.sqlEdition ?? ''}.` });
  }
  if (task.status === 'Failed') {
    flashes.push({ type: 'error', id: 'failed', header: 'Upgrade failed', content: task.failureReason ?? 'no reason recorded' });
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
            resultText={task.status === 'Succeeded' ? 'Upgrade complete' : task.status === 'Failed' ? 'Upgrade failed' : undefined}
          />
          <KeyValuePairs
            columns={4}
            items={[
              { label: 'Status', value: <TaskStatus status={task.status} /> },
              { label: 'Current step', value: task.currentStep ? phaseLabel(task.currentStep) : '-' },
              { label: 'Remaining', value: isTerminal(task.status) ? '-' : duration(task.remainingSeconds) },
              { label: 'Estimated total', value: duration(task.estimate?.totalSeconds) },
              { label: 'Elapsed', value: duration(elapsedSeconds(task)) },
              { label: 'Measured downtime', value: task.downtimeSeconds !== undefined ? duration(task.downtimeSeconds) : 'not yet' },
              { label: 'Switching time', value: SWITCH_TIME_LABELS[task.switchTime ?? 'Immediate'] ?? task.switchTime },
              { label: 'Source', value: task.source ? `${task.source.engineVersion} ${task.source.sqlEdition} ${task.source.rdsEdition} ${task.source.instanceType}` : '-' },
              { label: 'Target', value: task.target ? `${task.target.engineVersion} ${task.target.sqlEdition} ${task.target.rdsEdition} ${task.target.instanceType}` : '-' },
              { label: 'Warnings', value: task.warnings?.length ? task.warnings.join(', ') : 'none' },
              { label: 'Replication tasks to restart', value: task.stoppedReplicationTasks?.length ? task.stoppedReplicationTasks.join(', ') : 'none' },
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
      header={<Header variant="h2" description="Each step's actual duration against the estimate.">Timeline</Header>}
      columnDefinitions={[
        { id: 'step', header: 'Step', cell: (s) => phaseLabel(s.name), isRowHeader: true },
        { id: 'status', header: 'Status', cell: (s) => <TaskStatus status={s.status} />, minWidth: 130 },
        { id: 'started', header: 'Started', cell: (s) => utc(s.startedAt) },
        { id: 'ended', header: 'Ended', cell: (s) => utc(s.endedAt) },
        { id: 'actual', header: 'Actual', cell: (s) => duration(s.actualSeconds) },
        { id: 'estimate', header: 'Estimated', cell: (s) => (s.estimatedSeconds !== undefined ? duration(s.estimatedSeconds) : '-') },
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
  const actions = offeredActions(task);
  if (actions.length === 0) return null;
  async function run(a: ActionSpec) {
    setBusy(true);
    setError(undefined);
    try {
      if (a.id === 'cancel') await client.cancelTask(task.taskId);
      else if (a.id === 'switchNow') await client.switchNow(task.taskId);
      else if (a.id === 'reschedule') await client.updateTask(task.taskId, { switchTime: 'MaintenanceWindow' });
      else await client.updateTask(task.taskId, { approved: true });
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
          <Button key={a.id} onClick={() => setPending(a)}>
            {a.label}
          </Button>
        ))}
      </SpaceBetween>
      <Modal
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
          {error && <Flashbar items={[{ type: 'error', id: 'action', content: error }]} />}
        </SpaceBetween>
      </Modal>
    </>
  );
}
