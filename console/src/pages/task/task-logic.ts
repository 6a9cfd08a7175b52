// The Task page's figures, apart from rendering.
import type { Task, TaskStep } from '../../api/types';
import { between } from '../commons/format';

export interface StepRow extends TaskStep {
  actualSeconds?: number;
  estimatedSeconds?: number;
}

/** Steps in the order they ran (not-started ones last, in the API's order), with actual and estimated durations. */
export function stepRows(task: Task): StepRow[] {
  const phases = task.estimate?.phases ?? {};
  const rows = (task.steps ?? []).map((s, i) => ({
    ...s,
    index: i,
    actualSeconds: between(s.startedAt, s.endedAt),
    estimatedSeconds: phases[s.name],
  }));
  rows.sort((a, b) => {
    if (a.startedAt && b.startedAt) return a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.index - b.index;
    if (a.startedAt) return -1;
    if (b.startedAt) return 1;
    return a.index - b.index;
  });
  return rows.map(({ index: _index, ...r }) => r);
}

export interface ActionSpec {
  id: 'cancel' | 'switchNow' | 'reschedule' | 'approve';
  label: string;
  confirmation: string;
}

const ACTIONS: ActionSpec[] = [
  { id: 'switchNow', label: 'Switch now', confirmation: 'Switch the workloads to the new instance now? Writes stop for the switch (about 10 minutes).' },
  { id: 'reschedule', label: 'Reschedule switch', confirmation: 'Move the switch to the instance\'s next maintenance window?' },
  { id: 'approve', label: 'Approve switch', confirmation: 'Approve the switch? The workloads move to the new instance.' },
  { id: 'cancel', label: 'Cancel upgrade', confirmation: 'Cancel this upgrade? The source instance keeps serving, unchanged.' },
];

/** Only the actions the API offers for this task (none on the API of docs/api.md: an upgrade cannot be cancelled). */
export function offeredActions(task: Task): ActionSpec[] {
  const offered = new Set(task.actions ?? []);
  return ACTIONS.filter((a) => offered.has(a.id));
}

/** Wall time the task has taken so far (or took). */
export function elapsedSeconds(task: Task): number | undefined {
  return between(task.createdAt, task.updatedAt);
}
