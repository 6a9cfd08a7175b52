// The Task page's figures, apart from rendering.
import type { GuardHold, Task, TaskStep } from '../../api/types';
import { between, SWITCH_TIME_LABELS, utc } from '../commons/format';

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
    if (a.startedAt && b.startedAt)
      return a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.index - b.index;
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
  {
    id: 'approve',
    label: 'Approve switch',
    confirmation:
      'Approve the switch? After the final catch-up and the cutover guards, writes stop and the workloads move to the new instance; past that point the upgrade cannot be undone.',
  },
  {
    id: 'switchNow',
    label: 'Switch now',
    confirmation:
      'Switch as soon as the data is caught up, instead of at the chosen time? Writes stop for the switch; past that point the upgrade cannot be undone.',
  },
  {
    id: 'reschedule',
    label: 'Change switch',
    confirmation: 'Choose when the switch happens and, optionally, other cutover guards.',
  },
  {
    id: 'cancel',
    label: 'Cancel upgrade',
    confirmation: 'Cancel this upgrade? The source instance keeps serving, unchanged.',
  },
];

/** Only the actions the task lists (the API's `actions`: it never lists cancel, an upgrade cannot be cancelled). */
export function offeredActions(task: Task): ActionSpec[] {
  const offered = new Set(task.actions ?? []);
  return ACTIONS.filter((a) => offered.has(a.id));
}

/** Guard holds, the one still holding first, then newest first. */
export function holdRows(task: Task): GuardHold[] {
  const holds = [...(task.cutover?.holds ?? [])];
  return holds.sort((a, b) =>
    !a.until !== !b.until ? (a.until ? 1 : -1) : a.since < b.since ? 1 : a.since > b.since ? -1 : 0,
  );
}

/** The switch setting in words: "Switch at a scheduled time: 2026-12-12 01:50 UTC". */
export function switchSummary(task: Task): string {
  const label = SWITCH_TIME_LABELS[task.switchTime ?? 'Immediate'] ?? task.switchTime ?? '-';
  return task.switchTime === 'ScheduledTime' && task.cutover?.switchAt
    ? `${label}: ${utc(task.cutover.switchAt)}`
    : label;
}

/** Wall time the task has taken so far (or took). */
export function elapsedSeconds(task: Task): number | undefined {
  return between(task.createdAt, task.updatedAt);
}
