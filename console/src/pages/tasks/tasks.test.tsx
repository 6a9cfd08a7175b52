import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Task } from '../../api/types';
import { fixtures } from '../../test-fixtures';
import { ok, recordedClient, renderPage } from '../../test-fixtures/recorded-api';
import TasksPage from '.';
import { matches, newestFirst } from './tasks-logic';

const guideTask = fixtures.tasksGuide.tasks[0];
const older: Task = {
  ...guideTask,
  taskId: 'up-older',
  instanceId: 'rm-ad-joined',
  status: 'Failed',
  createdAt: '2026-11-01T00:00:00.000Z',
};

function api() {
  const empty = Object.fromEntries(
    fixtures.instances.instances.map((i) => [`GET /instances/${i.instanceId}/tasks?limit=100`, ok({ tasks: [] })]),
  );
  return recordedClient({
    ...empty,
    'GET /instances': ok(fixtures.instances),
    'GET /instances/rm-guide-600g/tasks?limit=100': ok(fixtures.tasksGuide),
    'GET /instances/rm-ad-joined/tasks?limit=100': ok({ tasks: [older] }),
  }).client;
}

describe('Tasks page', () => {
  it("lists every instance's tasks, newest first", async () => {
    renderPage(<TasksPage />, { url: '/tasks', pattern: '/tasks', client: api() });
    const table = await screen.findByRole('table', { name: 'Upgrade tasks' });
    await within(table).findByRole('link', { name: guideTask.taskId });
    const links = within(table)
      .getAllByRole('link')
      .map((a) => a.textContent);
    expect(links.indexOf(guideTask.taskId)).toBeLessThan(links.indexOf('up-older'));
  });

  it('filters by instance and status from the URL', async () => {
    renderPage(<TasksPage />, { url: '/tasks?status=Failed', pattern: '/tasks', client: api() });
    const table = await screen.findByRole('table', { name: 'Upgrade tasks' });
    await within(table).findByRole('link', { name: 'up-older' });
    expect(within(table).queryByRole('link', { name: guideTask.taskId })).toBeNull();
  });
});

describe('task filters', () => {
  const now = Date.parse('2026-12-03T14:00:00.000Z');
  it('match instance, status, time and text', () => {
    expect(matches(older, { instanceId: 'rm-ad-joined' }, now)).toBe(true);
    expect(matches(older, { instanceId: 'rm-guide-600g' }, now)).toBe(false);
    expect(matches(older, { status: 'Succeeded' }, now)).toBe(false);
    expect(matches(older, { withinHours: 24 }, now)).toBe(false);
    expect(matches({ ...older, createdAt: '2026-12-03T13:00:00.000Z' }, { withinHours: 24 }, now)).toBe(true);
    expect(matches(older, { text: 'AD-JOINED' }, now)).toBe(true);
    expect(newestFirst([older, guideTask])[0].taskId).toBe(guideTask.taskId);
  });
});
