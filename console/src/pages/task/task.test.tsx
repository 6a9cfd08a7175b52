import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Task } from '../../api/types';
import { fixtures } from '../../test-fixtures';
import { ok, recordedClient, renderPage } from '../../test-fixtures/recorded-api';
import { utc } from '../commons/format';
import TaskPage from '.';
import { layout, nodeStates, transitions } from './graph-layout';
import { offeredActions, stepRows } from './task-logic';

const task = fixtures.taskSucceeded;
const url = `/tasks/${task.taskId}`;

function api(t: Task = task, local = true) {
  return recordedClient({
    [`GET /tasks/${t.taskId}`]: ok(t),
    ...(local
      ? {
          'GET /local/state-machine': ok(fixtures.stateMachine),
          [`GET /local/executions/${t.taskId}`]: ok(fixtures.executionPath),
        }
      : {}),
    [`POST /tasks/${t.taskId}/switchover`]: ok(t),
  });
}

describe('Task page', () => {
  it('shows a succeeded task: progress, downtime, replication tasks to restart, the timeline and the graph', async () => {
    const { client } = api();
    renderPage(<TaskPage />, { url, pattern: '/tasks/:taskId', client });
    expect(await screen.findByText('Upgrade succeeded')).toBeTruthy();
    expect(screen.getAllByText('Upgrade complete').length).toBeGreaterThan(0);
    expect(screen.getAllByText('1 min 34 s').length).toBeGreaterThan(0); // measured downtime, 94 s (recorded)
    expect(screen.getAllByText('dts-rm-guide-600g-to-dwh').length).toBeGreaterThan(0);
    const timeline = screen.getByRole('table', { name: 'Timeline' });
    const backup = within(timeline).getByText('Back up full data').closest('tr')!;
    expect(within(backup).getAllByText('3 h')).toHaveLength(2); // actual and estimated
    const graph = await screen.findByRole('img', { name: /Upgrade state machine/ });
    expect(graph.querySelector('[data-state="Upgraded"]')?.getAttribute('data-status')).toBe('succeeded');
    expect(graph.querySelector('[data-state="UpgradeFailed"]')?.getAttribute('data-status')).toBe('not-run');
    expect(graph.querySelector('[data-edge="Finalize->AnnounceSucceeded"]')?.getAttribute('data-taken')).toBe('true');
    expect(graph.querySelector('[data-edge="Compensate->RolledForward?"]')?.getAttribute('data-taken')).toBe('false');
    // a finished task lists no action (and the API never lists cancel)
    expect(task.actions).toEqual([]);
    expect(screen.queryByRole('button', { name: 'Cancel upgrade' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Switch now' })).toBeNull();
  });

  it('goes on without the graph where the API has no local routes (deployed)', async () => {
    const { client } = api(task, false);
    renderPage(<TaskPage />, { url, pattern: '/tasks/:taskId', client });
    expect(await screen.findByText(/this API does not serve it/)).toBeTruthy();
    expect(screen.queryByRole('img', { name: /Upgrade state machine/ })).toBeNull();
  });

  it('offers switch now when the API lists it, behind a confirmation', async () => {
    const waiting = { ...task, status: 'WaitingForSwitchWindow', actions: ['switchNow'] } as Task;
    const { client, calls } = api(waiting);
    renderPage(<TaskPage />, { url, pattern: '/tasks/:taskId', client });
    fireEvent.click(await screen.findByRole('button', { name: 'Switch now' }));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Switch now' }));
    await screen.findByText('Task ' + task.taskId);
    await new Promise((r) => setTimeout(r, 0));
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual([`/tasks/${task.taskId}/switchover`]);
  });
});

describe('Task page cutover control (recorded from the API)', () => {
  function cutoverApi(t: Task, patch?: { status: number; body: unknown }) {
    return recordedClient({
      [`GET /tasks/${t.taskId}`]: ok(t),
      'GET /local/state-machine': ok(fixtures.stateMachine),
      [`GET /local/executions/${t.taskId}`]: ok(fixtures.executionPath),
      [`POST /tasks/${t.taskId}/switchover`]: { status: 202, body: fixtures.switchoverApproved },
      [`PATCH /tasks/${t.taskId}`]: patch ?? ok(fixtures.taskRescheduled),
    });
  }

  it('approves an OnApproval task waiting for approval: confirmation, then POST switchover without a body', async () => {
    const t = fixtures.taskWaitingApproval;
    const { client, calls } = cutoverApi(t);
    renderPage(<TaskPage />, { url: `/tasks/${t.taskId}`, pattern: '/tasks/:taskId', client });
    fireEvent.click(await screen.findByRole('button', { name: 'Approve switch' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/cannot be undone/)).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Approve switch' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.path).toBe(`/tasks/${t.taskId}/switchover`);
    expect(post.body).toBeUndefined();
  });

  it('shows the scheduled switch, the guard overrides and the history of a rescheduled task', async () => {
    const t = fixtures.taskRescheduled;
    const { client } = cutoverApi(t);
    renderPage(<TaskPage />, { url: `/tasks/${t.taskId}`, pattern: '/tasks/:taskId', client });
    const history = await screen.findByRole('table', { name: 'Switch history' });
    expect(within(history).getByText('Reschedule')).toBeTruthy();
    expect(within(history).getByText('GuardsChanged')).toBeTruthy();
    expect(screen.getAllByText(`Switch at a scheduled time: ${utc(t.cutover!.switchAt)}`).length).toBeGreaterThan(0);
    expect(screen.getByText('600 (changed)')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Switch now' })).toBeTruthy();
  });

  it('reschedules through PATCH with the chosen switch time and the guards kept', async () => {
    const t = fixtures.taskRescheduled;
    const { client, calls } = cutoverApi(t);
    renderPage(<TaskPage />, { url: `/tasks/${t.taskId}`, pattern: '/tasks/:taskId', client });
    fireEvent.click(await screen.findByRole('button', { name: 'Change switch' }));
    const dialog = await screen.findByRole('dialog');
    expect(
      (within(dialog).getByRole('radio', { name: 'Switch at a scheduled time' }) as HTMLInputElement).checked,
    ).toBe(true);
    fireEvent.click(within(dialog).getByRole('radio', { name: 'Switch when approved' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save switch' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(1));
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({
      switchTime: 'OnApproval',
      cutoverGuards: { maxDowntimeSeconds: 600 },
    });
  });

  it("shows the API's refusal in the dialog and changes nothing else", async () => {
    const t = fixtures.taskRescheduled;
    const { client } = cutoverApi(t, { status: 422, body: fixtures.patchUnreachable });
    renderPage(<TaskPage />, { url: `/tasks/${t.taskId}`, pattern: '/tasks/:taskId', client });
    fireEvent.click(await screen.findByRole('button', { name: 'Change switch' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save switch' }));
    expect(await within(dialog).findByText(/^ScheduledTimeUnreachable: /)).toBeTruthy();
  });
});

describe('task logic', () => {
  it('orders steps by start and pairs each with its estimate', () => {
    const rows = stepRows(task);
    expect(rows[0].name).toBe('create');
    const backup = rows.find((r) => r.name === 'fullBackup')!;
    expect(backup.estimatedSeconds).toBe(10800);
    expect(Math.round(backup.actualSeconds!)).toBe(10801);
    expect(rows.find((r) => r.name === 'precheck')!.estimatedSeconds).toBeUndefined();
  });

  it('offers only the actions the task lists', () => {
    expect(offeredActions(task)).toEqual([]);
    expect(offeredActions(fixtures.taskWaitingApproval).map((a) => a.id)).toEqual(['approve', 'reschedule']);
    expect(offeredActions(fixtures.taskRescheduled).map((a) => a.id)).toEqual(['switchNow', 'reschedule']);
  });
});

describe('execution graph layout', () => {
  const definition = fixtures.stateMachine.definition;

  it('draws every transition the definition allows (Next, Choices, Default, Catch)', () => {
    const edges = transitions(definition);
    expect(edges).toContainEqual({ from: 'CreateTargetDone?', to: 'WaitCreateTarget', kind: 'choice' });
    expect(edges).toContainEqual({ from: 'CreateTarget', to: 'Compensate', kind: 'catch' });
    expect(edges).toContainEqual({ from: 'Finalize', to: 'AnnounceSucceeded', kind: 'next' });
  });

  it('marks the path: passed, failed, current, not run', () => {
    expect(nodeStates(definition, fixtures.executionPath).Upgraded).toBe('succeeded');
    const running = {
      ...fixtures.executionPath,
      status: 'RUNNING',
      currentState: 'WaitFullBackup',
      states: [
        { name: 'CreateTarget', enteredAt: 'x', status: 'Failed' },
        { name: 'WaitFullBackup', enteredAt: 'y', status: 'Running' },
      ],
    };
    const states = nodeStates(definition, running);
    expect(states.CreateTarget).toBe('failed');
    expect(states.WaitFullBackup).toBe('current');
    expect(states.Upgraded).toBe('not-run');
  });

  it('places every state', () => {
    const g = layout(definition, fixtures.executionPath);
    expect(g.nodes).toHaveLength(Object.keys(definition.States).length);
    expect(g.width).toBeGreaterThan(0);
    expect(g.edges.every((e) => e.points.length >= 2)).toBe(true);
  });
});
